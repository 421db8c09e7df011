import { describeError } from '@predictkit/components';
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
 * The banner's check of the API: a small request every 30 s, every 3 s while it fails. Only the
 * banner's (`checks`) runs it; a page's only reads it, so that the checks do not multiply with the
 * pages that wait. `down`: the last check that ended failed. (A query that never succeeded goes
 * back to pending, its error cleared, at each new check: its status alone would hide the banner
 * while each check runs.)
 */
function useApiHealth(checks: boolean) {
  const client = usePredictKitClient();
  const settings = useSettings();
  const health = useQuery({
    enabled: checks,
    queryKey: [...HEALTH, settings.service, apiBaseOf(settings)],
    // a small page where the service lets the caller choose
    queryFn: ({ signal }) =>
      listModels(client, { pageSize: lacks(client, 'pageSize') ? undefined : 5, signal }),
    retry: false,
    refetchInterval: (query) => (query.state.errorUpdatedAt > query.state.dataUpdatedAt ? 3000 : 30_000),
  });
  return { ...health, down: health.errorUpdatedAt > health.dataUpdatedAt };
}

/**
 * Whether a page should wait for the API rather than show `error`: it says the API was not reached
 * (a lost connection, or a gateway's 502-504), and the banner's check, asked to run at once, has not
 * found it answering. The banner then says so, and reloads the page's data once it answers. When
 * the check finds it answering (one route failing behind a gateway, say), the error is the page's
 * to show, with its Try again.
 */
export function useWaitsForApi(error: unknown): boolean {
  const unreached = describeError(error)?.unreached === true;
  const health = useApiHealth(false);
  useCheckConnectionWhen(unreached);
  return unreached && (health.down || health.isFetching);
}

/**
 * Says plainly when the API cannot be reached, keeps checking, and once it answers again refreshes
 * whatever failed meanwhile, so the page recovers by itself.
 */
export function ConnectionBanner() {
  const queryClient = useQueryClient();
  const settings = useSettings();
  const apiBase = apiBaseOf(settings);
  const health = useApiHealth(true);
  const wasDown = useRef(false);
  const lastError = useRef<unknown>(null);
  if (health.error) lastError.current = health.error;
  const { down } = health;
  // A create or a cancel that did not reach the API asks for a check at once, as a page's failed
  // read does (a failed Run would otherwise wait for the next check, up to 30 s away).
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (
          event.type === 'updated' &&
          event.action.type === 'error' &&
          describeError(event.action.error)?.unreached
        ) {
          void queryClient.invalidateQueries({ queryKey: HEALTH });
        }
      }),
    [queryClient],
  );
  useEffect(() => {
    if (down) wasDown.current = true;
    else if (wasDown.current) {
      wasDown.current = false;
      // What failed, and what waits to try again after a failure: that wait (seconds, maybe) is cut
      // short, as a refetch would only join it.
      const stalled = queryClient
        .getQueryCache()
        .findAll({ predicate: ({ state }) => state.status === 'error' || state.fetchFailureReason != null });
      void Promise.all(stalled.map((query) => query.cancel({ revert: true }))).then(() =>
        queryClient.invalidateQueries({ predicate: (query) => stalled.includes(query) }),
      );
    }
  }, [down, queryClient]);
  if (!down) return null;
  const local = apiBase.startsWith('/') && !settings.weave;
  const error = lastError.current;
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
