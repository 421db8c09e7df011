import { after, backoffDelay, sleep } from './backoff';
import { checkOptions, WATCH_OPTIONS } from './checkOptions';
import type { CallOptions, Client } from './createClient';
import { type ApiError, ConnectionError, invalid, type RateLimitError, TimeoutError } from './errors';
import { getPrediction } from './getPrediction';
import { pollSchedule, recordRunTime } from './pollSchedule';
import type { SseEvent } from './stream/createSseParser';
import type { Prediction, PredictionStatus } from './types';

/**
 * `succeeded`, `failed`, `canceled` (`cancelled`) and `aborted`: after these a prediction never
 * changes again. Unknown statuses are not terminal: a status added later never ends a wait early.
 */
export const isTerminal = (status: PredictionStatus | null | undefined): boolean =>
  /^(succeeded|failed|cancell?ed|aborted)$/.test(status as string);

/** Milliseconds between polls: a number, or a function of the last snapshot and the attempt (from 0). */
export type PollInterval =
  | number
  | ((prediction: Prediction<unknown, unknown> | undefined, attempt: number) => number);

/** The default schedule, from what is known of the end: progress, the model's recent run times, the age (see `pollSchedule`). */
export const defaultPollInterval: (
  prediction: Prediction<unknown, unknown> | undefined,
  attempt: number,
) => number = pollSchedule;

/** The wait before poll number `attempt` (from 0). */
export function pollDelay(
  interval: PollInterval | undefined,
  prediction: Prediction<unknown, unknown> | undefined,
  attempt: number,
): number {
  const ms =
    typeof interval === 'function'
      ? interval(prediction, attempt)
      : (interval ?? defaultPollInterval(prediction, attempt));
  if (typeof ms === 'number' && ms >= 0) return ms;
  throw invalid('createPredictionWatcher', 'interval', 'milliseconds ≥ 0', ms);
}

const sizeOf = (value: unknown): unknown =>
  typeof value === 'string'
    ? value.length
    : Array.isArray(value)
      ? `${value.length}.${sizeOf(value.at(-1))}`
      : value && Object.keys(value).length;

export type WatchTransport = 'poll' | 'stream';

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

/**
 * What feeds the state: a snapshot (a `Prefer: wait` answer, a poll, a stream event), a transport
 * change, a failure (`transient`: watching goes on).
 */
export type WatchEvent<P = Prediction> =
  | { type: 'snapshot'; prediction: P }
  | { type: 'transport'; transport: WatchTransport }
  | { type: 'error'; error: unknown; transient?: boolean };

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

export interface WatchOptions {
  /** The poll schedule; default `defaultPollInterval`. */
  interval?: PollInterval;
  /** Give up after this many milliseconds with a `TimeoutError` carrying the last snapshot. Default 35 min (the service stops predictions at 30). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * The reader that follows `urls.stream` when the prediction has one: `streamPrediction`
   * (`@predictkit/core/stream`). Without it the watcher polls. A reader rather than a flag keeps
   * streaming out of bundles that only poll.
   */
  stream?: StreamReader | false;
  /** A stream silent this long (not even a keep-alive comment) is dropped and resumed. Default 45 000. */
  idleTimeoutMs?: number;
}

export interface PredictionWatcher<P = Prediction> {
  getState(): WatchState<P>;
  /** The listener hears every later change; the return value unsubscribes. */
  subscribe(listener: (state: WatchState<P>) => void): () => void;
  /** The terminal prediction, or the error that ended the watch. */
  readonly result: Promise<P>;
  /** Stops watching (client side only: `cancelPrediction` stops the prediction). */
  stop(reason?: unknown): void;
}

export interface StreamOptions extends CallOptions {
  /** Resume after this event id (`Last-Event-ID`). */
  lastEventId?: string;
  /**
   * Milliseconds without a byte (the local server sends a keep-alive comment every 15 s) after which
   * the connection is dropped and the stream ends with a `TimeoutError`. Default 45 000.
   */
  idleTimeoutMs?: number;
}

/** What a watcher lends the loop that follows its prediction's stream (`StreamReader.follow`). */
export interface StreamWatch {
  readonly client: Client;
  /** The prediction's `urls.stream`. */
  readonly url: string;
  /** The watch's options; the reader takes what it knows of them (`idleTimeoutMs`). */
  readonly options: WatchOptions;
  /** Aborted when the watch stops. */
  readonly signal: AbortSignal;
  /** The latest snapshot. */
  prediction(): Prediction | undefined;
  /** Whether the watch goes on: no terminal snapshot yet, no failure. */
  active(): boolean;
  /** Reports a new snapshot. */
  snapshot(prediction: Prediction): void;
}

/**
 * Reads one connection to a prediction's stream, and carries the loop that follows it for a
 * watcher: `streamPrediction`, or a stand-in in tests (`Object.assign(read, { follow: followStream })`).
 * The loop comes with the reader so that a watcher that only polls leaves it out of a bundle.
 */
export interface StreamReader {
  (client: Client, target: string, options: StreamOptions): AsyncIterable<SseEvent>;
  /**
   * Follows `watch`'s stream with `read` (this reader) until the prediction is terminal, the stream
   * is `done`, or following it fails for good; the watcher then polls. It rejects only with the
   * watch's abort reason.
   */
  follow(read: StreamReader, watch: StreamWatch): Promise<void>;
}

/**
 * Follows one prediction to its end, from its id (a `GET` first) or a snapshot in hand (such as a
 * create's `Prefer: wait` answer). With `urls.stream` it reads the stream, resuming with
 * `Last-Event-ID` after a cut (or after `idleTimeoutMs` of silence) and polling after three
 * connections in a row fail; otherwise it polls. Polls that fail for a transient reason (see
 * `WatchState.error`) are retried with a backoff until `timeoutMs`. It starts at once; an
 * unchanged snapshot is not reported twice. It streams only when given a reader (`stream`).
 */
export function createPredictionWatcher<TInput = Record<string, unknown>, TOutput = unknown>(
  client: Client,
  target: string | Prediction<TInput, TOutput>,
  options: WatchOptions = {},
): PredictionWatcher<Prediction<TInput, TOutput>> {
  type P = Prediction<TInput, TOutput>;
  checkOptions('createPredictionWatcher', options, WATCH_OPTIONS);
  const { interval, timeoutMs = 2_100_000, signal: outer } = options;
  // A bad id is reported by the first `getPrediction`, as a rejected `result`.
  const id = typeof target === 'string' ? target : target?.id;
  const read = options.stream;
  const controller = new AbortController();
  const { signal } = controller;
  const listeners = new Set<(state: WatchState<P>) => void>();
  let state: WatchState<P> = initialWatchState;
  let last = '';
  const dispatch = (event: WatchEvent<P>) => {
    const next = reduceWatchState(state, event);
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener(next);
  };
  const snapshot = (prediction: P) => {
    // What a change moves, each read in constant time whatever the output's length: the status, the
    // time of the last change, the output's length (and its last item's), the logs' length and last
    // line, the error.
    const { status, updated_at, output, logs, error } = prediction;
    const seen = `${[status, updated_at, sizeOf(output), logs?.length, logs?.at(-1), !error]}`;
    // An unchanged answer keeps the snapshot it repeats (nothing new to report), yet it still
    // clears a transient error.
    if (seen === last) prediction = state.prediction!;
    last = seen;
    if (prediction !== state.prediction || state.error) dispatch({ type: 'snapshot', prediction });
  };
  if (typeof target !== 'string') snapshot(target);
  const stop = (reason?: unknown) => controller.abort(reason);
  const onAbort = () => stop(outer!.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort);
  const cancelTimeout = after(timeoutMs, () => {
    const prediction = state.prediction as Prediction | undefined;
    stop(
      new TimeoutError(
        `Prediction ${id} still ${prediction?.status ?? 'unanswered'} after ${timeoutMs} ms. Raise \`timeoutMs\`, or cancel it.`,
        { prediction },
      ),
    );
  });

  let failures = 0;
  const poll = async () => {
    try {
      snapshot(await getPrediction<TInput, TOutput>(client, id, { signal }));
      failures = 0;
    } catch (error) {
      // What an outage causes ends by itself: a lost connection, a request timeout, `408`, `429`, a
      // `5xx` (`status` is an `ApiError`'s). Anything else (a `4xx`, an unreadable answer, an abort)
      // would answer the same every time, and ends the watch.
      if (
        signal.aborted ||
        !(
          error instanceof ConnectionError ||
          error instanceof TimeoutError ||
          /^(408|429|5..)$/.test(`${(error as ApiError)?.status}`)
        )
      )
        throw error;
      dispatch({ type: 'error', error, transient: true });
      // On top of the client's own retries, so a long outage sees fewer and fewer requests.
      await sleep((error as RateLimitError).retryAfterMs ?? backoffDelay(failures++), signal);
    }
  };

  const result = (async () => {
    try {
      // One microtask, so that whoever subscribes right after creating the watcher hears everything.
      await Promise.resolve();
      while (!state.prediction) await poll();
      // Events after the end change nothing, so a terminal snapshot needs no check here.
      const url = state.prediction.urls?.stream;
      if (read && url) {
        dispatch({ type: 'transport', transport: 'stream' });
        await read.follow(read, {
          client,
          url,
          options,
          signal,
          prediction: () => state.prediction as Prediction | undefined,
          active: () => state.phase === 'active',
          snapshot: snapshot as (prediction: Prediction) => void,
        });
      }
      dispatch({ type: 'transport', transport: 'poll' });
      // After a stream the first poll is at once: a `done` without the prediction (Replicate's) ends
      // the stream before the final snapshot is known.
      for (let attempt = read && url ? -1 : 0; state.phase === 'active'; attempt++) {
        if (attempt >= 0) await sleep(pollDelay(interval, state.prediction, attempt), signal);
        await poll();
      }
      recordRunTime(state.prediction as Prediction);
      return state.prediction as P;
    } catch (error) {
      const reason = signal.aborted ? signal.reason : error;
      dispatch({ type: 'error', error: reason });
      throw reason;
    } finally {
      cancelTimeout();
      outer?.removeEventListener('abort', onAbort);
    }
  })();
  // A watcher used only through `subscribe` must not leave an unhandled rejection behind.
  result.catch(() => {});

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    result,
    stop,
  };
}

/** A watcher's snapshots as an async iterator, the current one first; leaving the loop stops the watcher. */
export async function* iterateSnapshots<P>(
  watcher: PredictionWatcher<P>,
): AsyncGenerator<P, void, undefined> {
  let latest = watcher.getState().prediction;
  const queue = latest ? [latest] : [];
  let wake = () => {};
  const unsubscribe = watcher.subscribe(({ prediction }) => {
    if (prediction !== latest) {
      latest = prediction;
      queue.push(prediction!);
    }
    wake();
  });
  try {
    for (;;) {
      const next = queue.shift();
      if (next) yield next;
      else {
        // Once the watch is over, its result says how: the final prediction, or the error to throw.
        if (watcher.getState().phase !== 'active') return void (await watcher.result);
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    }
  } finally {
    unsubscribe();
    watcher.stop();
  }
}
