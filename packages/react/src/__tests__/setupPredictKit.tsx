import { type Client, createClient, type Prediction } from '@predictkit/core';
import { createServer, type ServerOptions } from '@predictkit/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, configure } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { PredictKitProvider } from '../PredictKitProvider';

export const BASE_URL = 'http://127.0.0.1:8787/v1';

// Other test runs may share the machine's two cores: give `waitFor` room before it calls a test failed.
configure({ asyncUtilTimeout: 5000 });

export interface SetupResult {
  client: Client;
  queryClient: QueryClient;
  /** Both providers, as `renderHook`'s or `render`'s wrapper. */
  wrapper: (props: { children?: ReactNode }) => ReactNode;
  /** Every request the client sent, in order, and the (possibly fake) time it was sent at. */
  requests: Request[];
  times: number[];
  /** While `true`, every request fails as on a lost connection (the server is not asked). */
  offline: boolean;
  /** Requests the server carries out whose answer is then lost, as on a connection cut on the way back. */
  loseAnswer?: (request: Request) => boolean;
  /**
   * Milliseconds an answer spends on the wire after the server built it (a slow network): the
   * client gets what the server had when the request arrived.
   */
  answerDelay?: (request: Request) => number;
  /** Milliseconds a request spends on the wire before the server reads it: the client gets what the server has then. */
  requestDelay?: (request: Request) => number;
  /** Sent as the client's bearer token; a server started with `tokens` answers `401` to any other. */
  token: string | undefined;
  /** Requests whose method matches and whose path (after `/v1`) matches `path`. */
  count(method: string, path: string | RegExp): number;
  /** The prediction as the server has it now, read straight from the server (not counted). */
  get(id: string): Promise<Prediction>;
  /** Creates through the server directly (not counted). */
  create(model: string, input: Record<string, unknown>): Promise<Prediction>;
  /** Cancels through the server directly (not counted). */
  cancel(id: string): Promise<Prediction>;
  close(): Promise<void>;
}

/**
 * The local server in-process (1/100 of model time unless told), a client on it that records its
 * requests, and the providers. A server started with `tokens` is sent the first one.
 */
export function setupPredictKit(options: ServerOptions = {}, baseUrl = BASE_URL): SetupResult {
  const server = createServer({ timeScale: 0.01, onWarning: () => {}, ...options });
  const requests: Request[] = [];
  const times: number[] = [];
  const client = createClient({
    baseUrl,
    fetch: async (request) => {
      requests.push(request);
      times.push(Date.now());
      if (kit.offline) throw new TypeError('fetch failed');
      if (kit.token) request.headers.set('authorization', `Bearer ${kit.token}`);
      const late = kit.requestDelay?.(request);
      if (late) await new Promise((resolve) => setTimeout(resolve, late));
      const response = await server.fetch(request);
      if (kit.loseAnswer?.(request)) throw new TypeError('fetch failed');
      const delay = kit.answerDelay?.(request);
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      return response;
    },
  });
  const queryClient = new QueryClient();
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <PredictKitProvider client={client}>{children}</PredictKitProvider>
    </QueryClientProvider>
  );
  const direct = async (path: string, init?: RequestInit) => {
    const request = new Request(`${baseUrl}${path}`, init);
    if (options.tokens) request.headers.set('authorization', `Bearer ${options.tokens[0]}`);
    const response = await server.fetch(request);
    const body = await response.json();
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body)}`);
    return body as Prediction;
  };
  const kit: SetupResult = {
    client,
    queryClient,
    wrapper,
    requests,
    times,
    offline: false,
    token: options.tokens?.[0],
    count: (method, path) =>
      requests.filter((r) => {
        const at = new URL(r.url).pathname.replace('/v1', '');
        return r.method === method && (typeof path === 'string' ? at === path : path.test(at));
      }).length,
    get: (id) => direct(`/predictions/${id}`),
    create: (model, input) =>
      direct('/predictions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model, input }),
      }),
    cancel: (id) => direct(`/predictions/${id}/cancel`, { method: 'POST' }),
    close: async () => {
      queryClient.clear();
      await server.close();
    },
  };
  return kit;
}

/**
 * Fakes the timers and `Date` the hooks, the client and the in-process server read, and nothing
 * else: requests, streams and React's scheduler run as they do. With `running`, the clock also
 * moves with real time, so `waitFor` still sees what comes, while `tick` jumps it past a span in
 * which nothing may happen.
 */
export function fakeClock({ running = false } = {}) {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    shouldAdvanceTime: running,
  });
}

/** Moves fake time on, letting React render what it brings. */
export const tick = (ms = 0) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });

/**
 * Moves fake time on, `step` ms at a time, until `check` passes; after `within` ms it checks once
 * more and lets the check fail with its own message.
 */
export async function until(check: () => unknown, { step = 10, within = 10_000 } = {}) {
  for (let ms = 0; ms < within; ms += step) {
    try {
      await check();
      return;
    } catch {
      await tick(step);
    }
  }
  await check();
}
