import { checkOptions, WATCH_OPTIONS } from '../checkOptions';
import type { Client } from '../createClient';
import { createPredictionWatcher, iterateSnapshots, type WatchOptions } from '../createPredictionWatcher';
import type { Prediction } from '../types';
import { streamPrediction } from './streamPrediction';

/**
 * Each new snapshot until the prediction is terminal; leaving the loop stops watching. It follows
 * `urls.stream` when there is one (`stream: false` polls instead), and polls otherwise.
 */
export const watchPrediction = <TInput = Record<string, unknown>, TOutput = unknown>(
  client: Client,
  target: string | Prediction<TInput, TOutput>,
  options: WatchOptions = {},
): AsyncGenerator<Prediction<TInput, TOutput>, void, undefined> => {
  checkOptions('watchPrediction', options, WATCH_OPTIONS);
  return iterateSnapshots(
    createPredictionWatcher(client, target, { ...options, stream: options.stream ?? streamPrediction }),
  );
};
