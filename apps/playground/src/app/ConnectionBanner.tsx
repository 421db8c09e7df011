import { usePredictKitClient } from '@predictkit/react';
import { useQuery } from '@tanstack/react-query';
import { useSettings } from './settings';

/**
 * Says plainly when the API cannot be reached, and keeps checking so that the page recovers by
 * itself once the server is back.
 */
export function ConnectionBanner() {
  const client = usePredictKitClient();
  const { apiBase } = useSettings();
  const health = useQuery({
    queryKey: ['predictkit-playground', 'health', apiBase],
    queryFn: ({ signal }) => client.models.list({ pageSize: 5, signal }),
    retry: false,
    refetchInterval: (query) => (query.state.status === 'error' ? 3000 : 30_000),
  });
  if (!health.isError) return null;
  return (
    <div className="connection-banner" role="alert">
      <strong>Cannot reach the API at {apiBase}.</strong> {describe(health.error)} Retrying every few seconds…
    </div>
  );
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /fetch|network|connect|50[234]/i.test(message)
    ? 'Is the local server running? Start it with `bash scripts/start.sh`, or pick another target in Settings.'
    : message;
}
