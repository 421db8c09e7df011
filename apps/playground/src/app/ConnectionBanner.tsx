import { listModels } from '@predictkit/core/catalog';
import { usePredictKitClient } from '@predictkit/react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from './Link';
import { lacks } from './lacks';
import { apiBaseOf, serviceLabel, useSettings } from './settings';

const HEALTH = ['predictkit-playground', 'health'] as const;

/**
 * Asks the banner to check the connection now, when a page sees one fail (a live prediction whose
 * watching retries), rather than at its next check, up to 30 s away.
 */
export function useCheckConnectionWhen(failing: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (failing) void queryClient.invalidateQueries({ queryKey: HEALTH });
  }, [failing, queryClient]);
}

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
    queryKey: [...HEALTH, settings.service, apiBase],
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
  const local = apiBase.startsWith('/') && !settings.weave;
  const error = health.error;
  return (
    <div className="connection-banner" role="alert">
      <p>
        <strong>The {serviceLabel(settings.service)} API is not answering.</strong> This page keeps checking
        and picks up where it left off once it answers.
      </p>
      <details>
        <summary>Details</summary>
        <p>
          Address: <code>{apiBase}</code>
          {local && (
            <>
              {' '}
              (the local server: start it with <code>bash scripts/start.sh</code>, or pick another service in{' '}
              <Link to="/settings">Settings</Link>)
            </>
          )}
        </p>
        <pre>{error instanceof Error ? `${error.name}: ${error.message}` : String(error)}</pre>
      </details>
    </div>
  );
}
