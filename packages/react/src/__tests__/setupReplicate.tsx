import {
  type Client,
  cancelPrediction,
  createPrediction,
  getPrediction,
  type Prediction,
} from '@predictkit/core';
import { getModel } from '@predictkit/core/catalog';
import { createClient } from '@predictkit/core/replicate';
import { createServer, type ServerOptions } from '@predictkit/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { PredictKitProvider } from '../PredictKitProvider';
// Also gives `waitFor` the room the other hook tests have.
import { BASE_URL } from './setupPredictKit';

/** The local server's Replicate surface, on the same origin as its WriftAI one. */
export const REPLICATE_URL = BASE_URL.replace('/v1', '/replicate/v1');

export interface ReplicateSetup {
  /** From `@predictkit/core/replicate`'s `createClient`, on the local server's `/replicate/v1`. */
  client: Client;
  queryClient: QueryClient;
  wrapper: (props: { children?: ReactNode }) => ReactNode;
  /** Every request the client sent, in order. */
  requests: Request[];
  /** What a request carried: its JSON body parsed, or its text (a search's query). */
  body(request: Request): unknown;
  /** Requests whose method matches and whose path (after `/replicate/v1`) matches `path`. */
  count(method: string, path: string | RegExp): number;
  /** The path and query of each request after `/replicate/v1`, as `METHOD /path?query`. */
  sent(): string[];
  /** Each webhook delivery the server made, in order: the prediction in Replicate's own fields. */
  webhooks: { url: string; body: Record<string, unknown> }[];
  /** Through the server directly, by the Replicate provider (not counted). */
  get(id: string): Promise<Prediction>;
  create(model: string, input: Record<string, unknown>): Promise<Prediction>;
  cancel(id: string): Promise<Prediction>;
  /** The 64-hex id of a model's latest version. */
  latestVersion(model: string): Promise<string>;
  /** The server's `fetch`, for a second client on the same server (another surface, say). */
  serverFetch: (request: Request) => Promise<Response>;
  close(): Promise<void>;
}

/**
 * The local server in-process (1/100 of model time unless told) and a Replicate client on its
 * `/replicate/v1` surface that records its requests, with both providers around it.
 */
export function setupReplicate(options: ServerOptions = {}): ReplicateSetup {
  const webhooks: ReplicateSetup['webhooks'] = [];
  const server = createServer({
    timeScale: 0.01,
    onWarning: () => {},
    webhooks: {
      fetch: async (input, init) => {
        webhooks.push({ url: `${input}`, body: JSON.parse(`${init?.body}`) });
        return new Response(null, { status: 204 });
      },
    },
    ...options,
  });
  const serverFetch = (request: Request) => server.fetch(request);
  const requests: Request[] = [];
  const bodies = new Map<Request, string>();
  const client = createClient({
    baseUrl: REPLICATE_URL,
    fetch: async (request) => {
      requests.push(request);
      // Read before the server reads it: a body can be read once.
      if (request.body) bodies.set(request, await request.clone().text());
      return serverFetch(request);
    },
  });
  const direct = createClient({ baseUrl: REPLICATE_URL, fetch: serverFetch });
  const queryClient = new QueryClient();
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <PredictKitProvider client={client}>{children}</PredictKitProvider>
    </QueryClientProvider>
  );
  const at = (request: Request) => {
    const url = new URL(request.url);
    return url.pathname.slice(new URL(REPLICATE_URL).pathname.length) + url.search;
  };
  return {
    client,
    queryClient,
    wrapper,
    requests,
    body: (request) => {
      const text = bodies.get(request);
      return request.headers.get('content-type')?.includes('json') ? JSON.parse(text!) : text;
    },
    webhooks,
    count: (method, path) =>
      requests.filter((r) => {
        const route = at(r).split('?')[0]!;
        return r.method === method && (typeof path === 'string' ? route === path : path.test(route));
      }).length,
    sent: () => requests.map((r) => `${r.method} ${at(r)}`),
    get: (id) => getPrediction(direct, id),
    create: (model, input) => createPrediction(direct, { model, input }),
    cancel: (id) => cancelPrediction(direct, id),
    latestVersion: async (model) => (await getModel(direct, model)).version!.id!,
    serverFetch,
    close: async () => {
      queryClient.clear();
      await server.close();
    },
  };
}
