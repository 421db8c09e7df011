/**
 * A value as Weave records it: JSON, with a file given as its URL (a `URL`, or a `File`/`Blob` by
 * its name and type, which a record cannot hold) and a date as ISO text.
 */
export function toWeaveValue(value: unknown): unknown {
  if (value instanceof URL) return value.href;
  if (value instanceof Date) return value.toISOString();
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    const name = (value as File).name;
    return `${name ? `${name} ` : ''}(${value.type || 'file'}, ${value.size} bytes)`;
  }
  if (Array.isArray(value)) return value.map(toWeaveValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWeaveValue(v)]));
  }
  return value === undefined ? null : value;
}
