import { type Client, createPredictionWatcher, type Prediction, type WatchOptions } from '@predictkit/core';
import type { QueryClient } from '@tanstack/react-query';
import { setMeta, writePrediction } from './writePrediction';

interface Entry {
  /** Holders. */
  n: number;
  /** Whether the running watcher may stream. */
  stream?: boolean;
  stop?: () => void;
}

// Per QueryClient and client, so two apps (or two tests) on one page never share a watcher.
const registries = new WeakMap<QueryClient, WeakMap<Client, Map<string, Entry>>>();

/**
 * Ref-counted watching: the first holder of an id starts core's watcher, which writes every
 * snapshot into the cache; the last release stops it. A holder that wants the stream replaces a
 * watcher that only polls (a live list's), so an open detail view still gets streamed output.
 * Stopping waits a microtask, so StrictMode's unmount-and-mount again, or an effect that re-runs,
 * keeps the same poller or stream instead of opening another.
 */
export function acquireWatcher(
  qc: QueryClient,
  client: Client,
  seed: Prediction<unknown, unknown>,
  options: WatchOptions,
): () => void {
  const byClient = registries.get(qc) ?? new WeakMap<Client, Map<string, Entry>>();
  registries.set(qc, byClient);
  const watchers = byClient.get(client) ?? new Map<string, Entry>();
  byClient.set(client, watchers);
  const { id } = seed;
  const entry: Entry = watchers.get(id) ?? { n: 0 };
  watchers.set(id, entry);
  const drop = () => {
    entry.stop?.();
    if (watchers.get(id) === entry) watchers.delete(id);
  };
  if (!entry.stop || (options.stream && !entry.stream)) {
    entry.stop?.();
    const watcher = createPredictionWatcher(client, seed as Prediction, options);
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
    entry.stream = options.stream;
    entry.stop = () => {
      unsubscribe();
      watcher.stop();
      // Nothing is retrying any more: a later watcher starts without the old failure.
      if (retrying) {
        retrying = undefined;
        setMeta(qc, client, id, { retrying: undefined });
      }
    };
  }
  entry.n++;
  return () => {
    if (!--entry.n) queueMicrotask(() => entry.n || drop());
  };
}
