/** The technical account of an error (`describeError`'s `detail`) under a closed Details, or nothing when there is none. */
export function ErrorDetail({ detail }: { detail: unknown }) {
  if (detail == null || detail === '') return null;
  return (
    <details data-slot="error-detail">
      <summary>Details</summary>
      <pre>{typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2)}</pre>
    </details>
  );
}
