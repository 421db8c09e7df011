import { checkOptions, WATCH_OPTIONS } from '../checkOptions';
import type { Client } from '../createClient';
import {
  type Following,
  followPrediction,
  type WatchEvent,
  type WatchOptions,
  type WatchTransport,
} from '../followPrediction';
import { isTerminal } from '../isTerminal';
import type { Prediction, PredictionStatus } from '../types';

/**
 * The life of one prediction as a client sees it. `phase` is `active` until the prediction is
 * terminal (`done`) or watching failed for good (`error`: a `4xx`, the watch's `TimeoutError`, an
 * `AbortError`). Every change is a new object, ready for `useSyncExternalStore`.
 */
export interface WatchState<P = Prediction> {
  phase: 'active' | 'done' | 'error';
  transport: WatchTransport | undefined;
  prediction: P | undefined;
  /**
   * With `phase: 'error'`, what ended the watch. With `phase: 'active'`, the last transient failure
   * (a lost connection, a request timeout, a `5xx`, `408` or `429`) that polling keeps retrying
   * after, until the next answer clears it: a UI can say "reconnecting…".
   */
  error: unknown;
}

// Absent and undefined read the same; leaving the other fields out keeps the bundle smaller.
export const initialWatchState = { phase: 'active' } as WatchState<never>;

/**
 * The state machine, pure. `done` and `error` are final: later events leave the state as it is. A
 * snapshot clears a transient error.
 */
export function reduceWatchState<P extends { status: PredictionStatus }>(
  state: WatchState<P>,
  event: WatchEvent<P>,
): WatchState<P> {
  if (state.phase !== 'active') return state;
  if (event.type === 'snapshot') {
    return {
      ...state,
      prediction: event.prediction,
      phase: isTerminal(event.prediction.status) ? 'done' : 'active',
      error: undefined,
    };
  }
  if (event.type === 'error')
    return { ...state, phase: event.transient ? 'active' : 'error', error: event.error };
  return { ...state, transport: event.transport };
}

export interface PredictionWatcher<P = Prediction> extends Following<P> {
  getState(): WatchState<P>;
  /** The listener hears every later change; the return value unsubscribes. */
  subscribe(listener: (state: WatchState<P>) => void): () => void;
}

/**
 * `followPrediction` with its state kept (`reduceWatchState`) and told to listeners: what a UI
 * renders from. It starts at once; a snapshot in hand is the state from the start. It streams only
 * when given a reader (`stream`).
 */
export function createPredictionWatcher<TInput = Record<string, unknown>, TOutput = unknown>(
  client: Client,
  target: string | Prediction<TInput, TOutput>,
  options: WatchOptions = {},
): PredictionWatcher<Prediction<TInput, TOutput>> {
  type P = Prediction<TInput, TOutput>;
  checkOptions('createPredictionWatcher', options, WATCH_OPTIONS);
  const listeners = new Set<(state: WatchState<P>) => void>();
  let state: WatchState<P> = initialWatchState;
  const dispatch = (event: WatchEvent<P>) => {
    const next = reduceWatchState(state, event);
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener(next);
  };
  const following = followPrediction(client, target, options, dispatch);
  // What ended the follow ends the watch; being handled here, it leaves no unhandled rejection
  // behind a watcher used only through `subscribe`.
  following.result.catch((error) => dispatch({ type: 'error', error }));
  return {
    ...following,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
