import { listModels } from '@predictkit/core/catalog';
import { usePredictKitClient } from '@predictkit/react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { lacks } from './lacks';
import { apiBaseOf, serviceLabel, useSettings } from './settings';

/**
 * Says plainly when the API cannot be reached, keeps checking, and once it answers again refreshes
 * whatever failed meanwhile, so the page recovers by itself.
 */
export function ConnectionBanner() {
  const client = usePredictKitClient();
  const queryClient = useQueryClient();
  const settings = useSettings();
  const apiBase = apiBaseOf(settings);
  const health = useQuery({
    queryKey: ['predictkit-playground', 'health', settings.service, apiBase],
    // a small page where the service lets the caller choose
    queryFn: ({ signal }) =>
      listModels(client, { pageSize: lacks(client, 'pageSize') ? undefined : 5, signal }),
    retry: false,
    refetchInterval: (query) => (query.state.status === 'error' ? 3000 : 30_000),
  });
  const wasDown = useRef(false);
  useEffect(() => {
    if (health.isError) wasDown.current = true;
    else if (health.isSuccess && wasDown.current) {
      wasDown.current = false;
      void queryClient.invalidateQueries({ predicate: (query) => query.state.status === 'error' });
    }
  }, [health.isError, health.isSuccess, queryClient]);
  if (!health.isError) return null;
  return (
    <div className="connection-banner" role="alert">
      <strong>
        Cannot reach the {serviceLabel(settings.service)} API at {apiBase}.
      </strong>{' '}
      {describe(health.error)} Retrying every few seconds…
    </div>
  );
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /fetch|network|connect|50\d/i.test(message)
    ? 'Is the local server running? Start it with `bash scripts/start.sh`, or pick another target in Settings.'
    : message;
}
