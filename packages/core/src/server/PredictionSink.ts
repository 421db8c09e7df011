import { isTerminal } from '../isTerminal';
import type { Prediction } from '../types';

/**
 * Where finished predictions go, such as the Weave logger (`createWeaveLogger` from
 * `@predictkit/core/weave`). `log` should return at once and never throw for a prediction it has
 * seen before: each sink is handed a prediction as often as it is seen finished.
 */
export interface PredictionSink {
  log(prediction: Prediction): unknown;
  /**
   * Records a person's feedback on a finished prediction (the proxy's feedback route): resolves once
   * it is recorded, rejects if it cannot be. Optional: a sink without it records no feedback.
   */
  score?(prediction: Prediction, scorer: string, value: number): Promise<unknown>;
}

/** Whether `sinks` is a list of sinks; the message of a `TypeError` naming the option if not. */
export function sinksProblem(name: string, sinks: unknown): string | undefined {
  if (sinks === undefined) return undefined;
  return Array.isArray(sinks) &&
    sinks.every(
      (s) => typeof s?.log === 'function' && (s.score === undefined || typeof s.score === 'function'),
    )
    ? undefined
    : `\`${name}\` must be a list of sinks, each with a \`log(prediction)\` method and perhaps \`score(prediction, scorer, value)\` (such as createWeaveLogger's).`;
}

/**
 * Hands a finished prediction to each sink, without waiting: a sink that throws or rejects is
 * reported to `onError`, never the failure of whoever handed it on. Returns whether it was finished.
 */
export function handToSinks(
  sinks: readonly PredictionSink[],
  prediction: Prediction,
  onError: (error: unknown) => void,
): boolean {
  if (!isTerminal(prediction.status)) return false;
  // Its input and output are gone (Replicate's, past its retention): there is nothing to log, and
  // logging the empty shell would record a result it never had. Counted as handed on.
  if (prediction.data_removed) return true;
  for (const sink of sinks) {
    try {
      Promise.resolve(sink.log(prediction)).catch(onError);
    } catch (error) {
      onError(error);
    }
  }
  return true;
}
