import { backoffDelay, sleep } from '../backoff';
import { isTransient } from '../isTransient';
import { mayHaveHappened } from '../mayHaveHappened';
import type { WeaveClient } from './createWeaveClient';
import { createWeavePrediction, listWeavePredictions } from './predictions';
import type { WeavePredictionFields } from './types';

/** One record's progress across tries: whether a create of it may have been recorded unseen. */
export interface RecordState {
  inDoubt?: boolean;
}

/**
 * Creates the Weave prediction `fields` describe, whose `inputs[key]` is `mark`, at most once over
 * any number of tries with the same `state`; answers its id.
 *
 * Weave mints prediction ids itself and takes no idempotency key, so a create whose answer was lost
 * (a `5xx`, a timeout, a dropped connection) may or may not have been recorded, and sending it again
 * blindly could record it twice. Each record therefore carries a mark of its own in its inputs,
 * and the try after such a loss first reads the list back (the run's predictions, or the
 * project's) for a prediction with that mark: found, it is the one; not found, the create is sent
 * again. The read-back comes after a backoff, so a create still on its way has had time to land;
 * one held up longer than that (a stalled proxy) is the case this cannot rule out.
 */
export async function recordOnce(
  client: WeaveClient,
  fields: WeavePredictionFields,
  key: string,
  mark: string | number,
  state: RecordState,
  signal?: AbortSignal,
): Promise<string> {
  if (state.inDoubt) {
    const evaluationRunId = fields.evaluation_run_id ?? undefined;
    for await (const p of listWeavePredictions(client, { evaluationRunId, signal })) {
      if (p.inputs?.[key] === mark) {
        state.inDoubt = false;
        return p.prediction_id;
      }
    }
    state.inDoubt = false;
  }
  try {
    return (await createWeavePrediction(client, fields, { signal })).prediction_id;
  } catch (error) {
    if (mayHaveHappened(error)) state.inDoubt = true;
    throw error;
  }
}

/** `work`, tried again after a backoff while it fails transiently, `maxAttempts` times in all. */
export async function tryAgain<T>(
  work: () => Promise<T>,
  maxAttempts: number,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= maxAttempts || !isTransient(error) || signal?.aborted) throw error;
    }
    await sleep(backoffDelay(attempt - 1), signal);
  }
}
