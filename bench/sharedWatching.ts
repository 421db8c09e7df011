/**
 * Shared watching: N mounted `usePrediction` on one running prediction (React in jsdom, through Testing
 * Library), against the local server over HTTP. Counts every request the client sends while mounted:
 * N hooks should cost what one does (one fetch, one poller or one stream).
 */
import { cancelPrediction, createClient, createPrediction } from '@predictkit/core';
import { PredictKitProvider, usePrediction } from '@predictkit/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { JSDOM } from 'jsdom';
import { createElement, type ReactElement } from 'react';

export interface SharedWatchingOptions {
  /** The server's origin, e.g. `http://127.0.0.1:40123`. */
  origin: string;
  /** The server's time scale, so the prediction outlasts the window whatever it is. */
  timeScale: number;
  /** Mounted `usePrediction` hooks, all on the same id. */
  hooks: number;
  /** `false`: poll (PredictKit's default schedule); `true`: follow `urls.stream`. */
  stream: boolean;
  /** How long the hooks stay mounted, in ms. */
  windowMs: number;
}

export interface SharedWatchingResult {
  hooks: number;
  stream: boolean;
  windowMs: number;
  /** Every request sent while mounted (the first fetch, polls, stream connections). */
  requests: number;
  requestsPerSecond: number;
  /** Stream connections opened (requests asking for `text/event-stream`). */
  streamConnections: number;
  /** Hooks that held the prediction by the end (all of them, or the figure means nothing). */
  hooksWithData: number;
}

/**
 * Runs `work` with jsdom's window as the global one (only the names Node lacks, so Node's `fetch`,
 * `AbortSignal` and streams stay), then takes them away again.
 */
async function withDom<T>(work: () => Promise<T>): Promise<T> {
  if (typeof document !== 'undefined') return work();
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', {
    url: 'http://127.0.0.1/',
    pretendToBeVisual: true,
  });
  const added: string[] = [];
  const scope = globalThis as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(window)) {
    if (key in globalThis || key.startsWith('_')) continue;
    scope[key] = (window as unknown as Record<string, unknown>)[key];
    added.push(key);
  }
  scope.window = window;
  added.push('window');
  try {
    return await work();
  } finally {
    for (const key of added) delete scope[key];
    window.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One of the N watchers: a component with nothing but the hook. */
function Watcher({ id, stream, onData }: { id: string; stream: boolean; onData: () => void }): null {
  const { prediction } = usePrediction(id, { stream });
  if (prediction) onData();
  return null;
}

export async function measureSharedWatching({
  origin,
  timeScale,
  hooks,
  stream,
  windowMs,
}: SharedWatchingOptions): Promise<SharedWatchingResult> {
  const baseUrl = `${origin}/v1`;
  // Created and canceled by a client of its own, so only the hooks' requests are counted.
  const setup = createClient({ baseUrl });
  // slow-task rather than echo: its duration (up to 600 model-seconds) outlasts the window at any time scale.
  const durationS = Math.min(600, Math.max(0.1, (2 * windowMs + 5000) / 1000 / timeScale));
  const { id } = await createPrediction(setup, {
    model: 'predictkit/slow-task',
    input: { duration_s: durationS, steps: 1 },
  });
  try {
    return await withDom(async () => {
      // Loaded once a DOM exists: react-dom decides at load time whether it can use one.
      const { render } = await import('@testing-library/react');
      let requests = 0;
      let streamConnections = 0;
      const client = createClient({
        baseUrl,
        fetch: (request) => {
          requests++;
          if (request.headers.get('accept')?.includes('text/event-stream')) streamConnections++;
          return fetch(request);
        },
      });
      const queryClient = new QueryClient();
      const withData = new Set<number>();
      const app: ReactElement = createElement(
        QueryClientProvider,
        { client: queryClient },
        createElement(
          PredictKitProvider,
          { client },
          Array.from({ length: hooks }, (_, index) =>
            createElement(Watcher, { key: index, id, stream, onData: () => withData.add(index) }),
          ),
        ),
      );
      const started = performance.now();
      const view = render(app);
      await sleep(windowMs);
      const elapsedMs = performance.now() - started;
      const counted = requests;
      const connections = streamConnections;
      view.unmount();
      queryClient.clear();
      return {
        hooks,
        stream,
        windowMs,
        requests: counted,
        requestsPerSecond: counted / (elapsedMs / 1000),
        streamConnections: connections,
        hooksWithData: withData.size,
      };
    });
  } finally {
    await cancelPrediction(setup, id).catch(() => {});
  }
}

export interface SharedWatchingSetOptions extends Omit<SharedWatchingOptions, 'hooks' | 'stream'> {
  /** Hook counts to compare, e.g. [1, 100]. */
  hooks: readonly number[];
  runs: number;
  onRun?: (result: SharedWatchingResult) => void;
}

/** Polling then streaming, each hook count `runs` times. */
export async function measureSharedWatchingSet({
  hooks,
  runs,
  onRun,
  ...options
}: SharedWatchingSetOptions): Promise<SharedWatchingResult[]> {
  const results: SharedWatchingResult[] = [];
  for (const stream of [false, true]) {
    for (let run = 0; run < runs; run++) {
      for (const count of hooks) {
        const result = await measureSharedWatching({ ...options, hooks: count, stream });
        results.push(result);
        onRun?.(result);
      }
    }
  }
  return results;
}
