import { type Client, type PollInterval, type Prediction, pollDelay } from '@predictkit/core';
import { streamPrediction } from '@predictkit/core/stream';
import { createPredictionWatcher } from '@predictkit/core/watcher';
import type { QueryClient } from '@tanstack/react-query';
import { predictionKeys } from './predictionKeys';
import { setMeta, writePrediction } from './writePrediction';

/** What one holder asks of the shared watcher. */
interface HolderOptions {
  interval?: PollInterval;
  /** Follow `urls.stream` when the prediction has one; else poll. */
  stream?: boolean;
}

interface Entry {
  /** What each holder asked for; the watcher follows the holders still present. */
  holders: Set<HolderOptions>;
  /** Whether the running watcher may stream. */
  stream?: boolean;
  stop?: () => void;
}

// Per QueryClient and client, so two apps (or two tests) on one page never share a watcher.
const registries = new WeakMap<QueryClient, WeakMap<Client, Map<string, Entry>>>();

/**
 * Ref-counted watching: the first holder of an id starts core's watcher, which writes every
 * snapshot into the cache; the last release stops it. The watcher serves the holders present:
 * it streams while one of them wants the stream (a live list's poller gives way to an open
 * detail view's stream, and comes back when the view closes), and polls as often as the most
 * eager of them asks. Releasing waits a microtask, so StrictMode's unmount-and-mount again, or an
 * effect that re-runs, keeps the same poller or stream instead of opening another.
 */
export function acquireWatcher(
  qc: QueryClient,
  client: Client,
  seed: Prediction<unknown, unknown>,
  options: HolderOptions,
): () => void {
  const byClient = registries.get(qc) ?? new WeakMap<Client, Map<string, Entry>>();
  registries.set(qc, byClient);
  const watchers = byClient.get(client) ?? new Map<string, Entry>();
  byClient.set(client, watchers);
  const { id } = seed;
  const entry: Entry = watchers.get(id) ?? { holders: new Set() };
  watchers.set(id, entry);
  const { holders } = entry;
  const drop = () => {
    entry.stop?.();
    if (watchers.get(id) === entry) watchers.delete(id);
  };
  const wantsStream = () => [...holders].some((holder) => holder.stream);
  const start = () => {
    entry.stop?.();
    // From the newest snapshot the cache has: a restart picks up where the last watcher was.
    const from = qc.getQueryData<Prediction>(predictionKeys.detail(client, id)) ?? (seed as Prediction);
    const stream = wantsStream();
    const watcher = createPredictionWatcher(client, from, {
      // Core streams only when handed the reader; `false` polls.
      stream: stream && streamPrediction,
      // With no holder left (the watcher stops within a microtask) this is Infinity: no poll.
      interval: (last, attempt) =>
        Math.min(...[...holders].map((holder) => pollDelay(holder.interval, last, attempt))),
    });
    // Core polls on through transient failures (an `error` while `active`): the hooks show them
    // as they come and go.
    let retrying: unknown;
    const unsubscribe = watcher.subscribe(({ phase, prediction, error }) => {
      if (phase === 'error') {
        // A failed watcher is not reused: the next holder (after `refetch`) starts a new one.
        drop();
        setMeta(qc, client, id, { error: error as Error });
      } else {
        if (prediction) writePrediction(qc, client, prediction);
        if (error !== retrying) {
          retrying = error;
          setMeta(qc, client, id, { retrying: error as Error });
        }
      }
    });
    entry.stream = stream;
    entry.stop = () => {
      entry.stop = undefined;
      unsubscribe();
      watcher.stop();
      // Nothing is retrying any more: a later watcher starts without the old failure.
      if (retrying) {
        retrying = undefined;
        setMeta(qc, client, id, { retrying: undefined });
      }
    };
  };
  holders.add(options);
  if (!entry.stop || (options.stream && !entry.stream)) start();
  return () => {
    holders.delete(options);
    queueMicrotask(() => {
      if (!holders.size) drop();
      // The last holder that wanted the stream has gone: back to polling, without a connection.
      else if (entry.stop && entry.stream && !wantsStream()) start();
    });
  };
}
