import { after, retryDelay, sleep } from './backoff';
import type { CallOptions, Client } from './createClient';
import { show, TimeoutError } from './errors';
import { getPrediction } from './getPrediction';
import { isTerminal } from './isTerminal';
import { isTransient } from './isTransient';
import { pollSchedule, recordRunTime } from './pollSchedule';
import type { SseEvent } from './stream/createSseParser';
import type { Prediction } from './types';

/** Milliseconds between polls: a number, or a function of the last snapshot and the attempt (from 0). */
export type PollInterval =
  | number
  | ((prediction: Prediction<unknown, unknown> | undefined, attempt: number) => number);

/** The wait before poll number `attempt` (from 0). */
export function pollDelay(
  interval: PollInterval | undefined,
  prediction: Prediction<unknown, unknown> | undefined,
  attempt: number,
): number {
  const ms =
    typeof interval === 'function'
      ? interval(prediction, attempt)
      : (interval ?? pollSchedule(prediction, attempt));
  if (typeof ms === 'number' && ms >= 0) return ms;
  throw new TypeError(`\`interval\` must give milliseconds ≥ 0, got ${show(ms)}.`);
}

const sizeOf = (value: unknown): unknown =>
  typeof value === 'string'
    ? value.length
    : Array.isArray(value)
      ? `${value.length}.${sizeOf(value.at(-1))}`
      : value && Object.keys(value).length;

export type WatchTransport = 'poll' | 'stream';

/**
 * What feeds the state: a snapshot (a `Prefer: wait` answer, a poll, a stream event), a transport
 * change, a failure (`transient`: watching goes on).
 */
export type WatchEvent<P = Prediction> =
  | { type: 'snapshot'; prediction: P }
  | { type: 'transport'; transport: WatchTransport }
  | { type: 'error'; error: unknown; transient?: boolean };

export interface WatchOptions {
  /** The poll schedule; default `defaultPollInterval` (`pollSchedule`). */
  interval?: PollInterval | undefined;
  /** Give up after this many milliseconds with a `TimeoutError` carrying the last snapshot. Default 35 min (the service stops predictions at 30). */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  /**
   * The reader that follows `urls.stream` when the prediction has one: `streamPrediction`
   * (`@predictkit/core/stream`). Without it, polling only. A reader rather than a flag keeps
   * streaming out of bundles that only poll.
   */
  stream?: StreamReader | false | undefined;
  /** A stream silent this long (not even a keep-alive comment) is dropped and resumed. Default 45 000. */
  idleTimeoutMs?: number | undefined;
}

export interface StreamOptions extends CallOptions {
  /** Resume after this event id (`Last-Event-ID`). */
  lastEventId?: string | undefined;
  /**
   * Milliseconds without a byte (the local server sends a keep-alive comment every 15 s) after which
   * the connection is dropped and the stream ends with a `TimeoutError`. Default 45 000.
   */
  idleTimeoutMs?: number | undefined;
}

/** What `followPrediction` lends the loop that follows its prediction's stream (`StreamReader.follow`). */
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
  /** Whether the watch goes on: no terminal snapshot yet. */
  active(): boolean;
  /** Reports a new snapshot; any after a terminal one is ignored. */
  snapshot(prediction: Prediction): void;
  /**
   * Reports a failure the watch goes on after (a cut, a reconnect refused): transient, told as
   * such, and cleared by the next snapshot.
   */
  failed(error: unknown): void;
}

/**
 * Reads one connection to a prediction's stream, and carries the loop that follows it for
 * `followPrediction`: `streamPrediction`, or a stand-in in tests (`Object.assign(read, { follow: followStream })`).
 * The loop comes with the reader so that an app that only polls leaves it out of a bundle.
 */
export interface StreamReader {
  (client: Client, target: string, options: StreamOptions): AsyncIterable<SseEvent>;
  /**
   * Follows `watch`'s stream with `read` (this reader) until the prediction is terminal, the stream
   * is `done`, or following it fails; polling then takes over. It resolves truthy when an outage
   * cut a stream that worked: the watch follows it again, from the start, once a poll is answered.
   * It rejects only with the watch's abort reason.
   */
  follow(read: StreamReader, watch: StreamWatch): Promise<unknown>;
}

/** A running follow: its end, and the way to stop it early. */
export interface Following<P> {
  /** The terminal prediction, or the error that ended the follow. */
  readonly result: Promise<P>;
  /** Stops following (client side only: `cancelPrediction` stops the prediction). */
  stop(reason?: unknown): void;
}

/**
 * Follows one prediction to its end, from its id (a `GET` first) or a snapshot in hand (such as a
 * create's `Prefer: wait` answer), telling `emit` each new snapshot (the one in hand at once), each
 * transport and each transient failure. With `urls.stream` and a reader (`stream`) it reads the
 * stream, resuming with `Last-Event-ID` after a cut (or after `idleTimeoutMs` of silence) and
 * polling after three connections in a row fail (and following it again once a poll is answered,
 * if it brought events before the outage); otherwise it polls. Polls that fail for a
 * transient reason (a lost connection, a request timeout, a `5xx`, `408` or `429`) are retried with
 * a backoff until `timeoutMs` (counted from `since`: a run's includes its create). An unchanged
 * snapshot is not told twice, unless it clears a transient failure. The loop under
 * `createPredictionWatcher` (which keeps a state for a UI), `waitForPrediction` and
 * `watchPrediction` (which need none); they check its options.
 */
export function followPrediction<P extends Prediction<unknown, unknown>>(
  client: Client,
  target: string | P,
  options: WatchOptions,
  emit: (event: WatchEvent<P>) => void,
  since = Date.now(),
): Following<P> {
  const { interval, timeoutMs = 2_100_000, signal: outer } = options;
  // A bad id (or no target) is reported by the first `getPrediction`, as a rejected `result`.
  const id = typeof target === 'string' ? target : target?.id;
  const read = options.stream;
  const controller = new AbortController();
  const { signal } = controller;
  let latest: P | undefined;
  // The transient failure of the last poll, until a snapshot clears it.
  let failure: unknown;
  let last = '';
  const active = () => !isTerminal(latest?.status);
  const snapshot = (prediction: P) => {
    // Nothing changes after the end, whatever a stream reader reports.
    if (!active()) return;
    // What a change moves, each read in constant time whatever the output's length: the status, the
    // time of the last change, the output's length (and its last item's), the logs' length and last
    // line, the error.
    const { status, updated_at, output, logs, error } = prediction;
    const seen = `${[status, updated_at, sizeOf(output), logs?.length, logs?.at(-1), !error]}`;
    // An unchanged answer keeps the snapshot it repeats (nothing new to tell), yet it still
    // clears a transient failure.
    if (seen === last) prediction = latest!;
    last = seen;
    if (prediction !== latest || failure) {
      latest = prediction;
      failure = undefined;
      emit({ type: 'snapshot', prediction });
    }
  };
  if (typeof target === 'object' && target) snapshot(target);
  const failed = (error: unknown) => {
    failure = error;
    emit({ type: 'error', error, transient: true });
  };
  const stop = (reason?: unknown) => controller.abort(reason);
  const onAbort = () => stop(outer!.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort);
  const cancelTimeout = after(since + timeoutMs - Date.now(), () => {
    stop(
      new TimeoutError(
        `Prediction ${id} still ${latest?.status ?? 'unanswered'} after ${timeoutMs} ms. Raise \`timeoutMs\`, or cancel it.`,
        // An outage that outlasted the wait is its cause.
        { prediction: latest, cause: failure },
      ),
    );
  });

  let failures = 0;
  const poll = async () => {
    try {
      snapshot((await getPrediction(client, id, { signal })) as P);
      failures = 0;
    } catch (error) {
      // What an outage causes ends by itself; anything else ends the follow.
      if (signal.aborted || !isTransient(error)) throw error;
      failed(error);
      // On top of the client's own retries, so a long outage sees fewer and fewer requests.
      await sleep(retryDelay(error, failures++), signal);
    }
  };

  const result = (async () => {
    try {
      // One microtask, so that whoever subscribes right after creating a watcher hears everything.
      await Promise.resolve();
      while (!latest) await poll();
      // A terminal snapshot needs no check here: the reader and the loop below find `active()` false.
      const url = latest.urls?.stream;
      // What the reader is lent, each time it follows the stream.
      const watch: StreamWatch | undefined =
        read && url
          ? {
              client,
              url,
              options,
              signal,
              prediction: () => latest as Prediction | undefined,
              active,
              snapshot: snapshot as (prediction: Prediction) => void,
              failed,
            }
          : undefined;
      const followStream = async () => {
        emit({ type: 'transport', transport: 'stream' });
        const reader = read as StreamReader;
        const again = await reader.follow(reader, watch!);
        emit({ type: 'transport', transport: 'poll' });
        return again;
      };
      let again: unknown;
      if (watch) again = await followStream();
      else emit({ type: 'transport', transport: 'poll' });
      // The first poll after a stream is at once: a `done` without the prediction (Replicate's) ends
      // the stream before the final snapshot is known.
      let now = !!watch;
      for (let attempt = 0; active(); ) {
        if (now) now = false;
        else await sleep(pollDelay(interval, latest, attempt++), signal);
        await poll();
        // A stream that worked until an outage cut it is followed again once the service answers.
        if (again && !failures && active()) {
          again = await followStream();
          now = true;
        }
      }
      recordRunTime(latest);
      return latest;
    } catch (error) {
      throw signal.aborted ? signal.reason : error;
    } finally {
      cancelTimeout();
      outer?.removeEventListener('abort', onAbort);
    }
  })();
  return { result, stop };
}
