import type { PredictionStatus } from '@predictkit/core';

/** A status as the components show it: the API's statuses, their aliases folded in, and UI-only `canceling`. */
export type StatusKind =
  | 'pending'
  | 'started'
  | 'succeeded'
  | 'failed'
  | 'canceled'
  | 'canceling'
  | 'unknown';

const KINDS: Record<string, StatusKind> = {
  pending: 'pending',
  started: 'started',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
  cancelled: 'canceled',
  aborted: 'canceled',
  canceling: 'canceling',
  // The hooks' `creating`, before the prediction exists: for whoever pressed Run, it is already waiting its turn.
  creating: 'pending',
  // Replicate's own words, for a status read straight off its API or a webhook rather than through core.
  starting: 'pending',
  processing: 'started',
};

export const statusKind = (status: PredictionStatus | null | undefined): StatusKind =>
  (status && Object.hasOwn(KINDS, status) && KINDS[status]) || 'unknown';

// Whether a prediction has ended is core's call, so a view stops ticking exactly when the watcher stops
// following; the kinds above only decide how a status looks.
export { isTerminal } from '@predictkit/core';

export const STATUS_LABELS: Record<Exclude<StatusKind, 'unknown'>, string> = {
  pending: 'Queued',
  started: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceled: 'Canceled',
  canceling: 'Canceling',
};

export function statusLabel(status: PredictionStatus, labels?: Partial<Record<string, string>>): string {
  const kind = statusKind(status);
  if (labels?.[status]) return labels[status];
  if (status === 'aborted') return 'Aborted';
  return kind === 'unknown' ? status || 'Unknown' : (labels?.[kind] ?? STATUS_LABELS[kind]);
}
