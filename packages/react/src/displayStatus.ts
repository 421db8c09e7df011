import { isTerminal, type PredictionStatus } from '@predictkit/core';

/** What the UI shows of a prediction: its own status, or a state of the requests around it. */
export type DisplayStatus = 'creating' | 'error' | 'stopped' | 'canceling' | PredictionStatus;

export interface DisplayStatusInput {
  /** The latest snapshot, if any. */
  prediction?: { status: PredictionStatus } | null | undefined;
  /** A create request is on its way. */
  creating?: boolean | undefined;
  /** The create request failed, so there is no prediction of this run. */
  createError?: Error | null | undefined;
  /** A cancel request was sent and the server has not answered with an end yet. */
  canceling?: boolean | undefined;
  /** The caller stopped watching; the prediction may still run. */
  stopped?: boolean | undefined;
}

/**
 * The one mapping from what the hooks know to the status the UI shows, first match wins:
 * 1. a create request on its way: `creating` (whatever an earlier run showed), or `canceling` once a
 *    cancel waits for its answer;
 * 2. the create failed: `error`;
 * 3. a terminal snapshot: its status, even while stopped or canceling, as the end is final;
 * 4. stopped while not terminal: `stopped`, as the last snapshot is no longer followed;
 * 5. a cancel on its way: `canceling`;
 * 6. otherwise the snapshot's status, or `undefined` without one (`useCreatePrediction` says `idle`).
 * A failed or retrying fetch or watch changes nothing here: the last status still holds, and the
 * hooks report the failure through `error` and `isRetrying`.
 */
export function displayStatus({
  prediction,
  creating,
  createError,
  canceling,
  stopped,
}: DisplayStatusInput): DisplayStatus | undefined {
  if (creating) return canceling ? 'canceling' : 'creating';
  if (createError) return 'error';
  const status = prediction?.status;
  if (isTerminal(status)) return status;
  if (stopped && prediction) return 'stopped';
  return canceling ? 'canceling' : status;
}
