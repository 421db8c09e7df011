import { createServer, type PredictKitServer, type ServerOptions } from '@predictkit/server';
import { type Client, type ClientOptions, createClient } from '../index';

export const ORIGIN = 'http://127.0.0.1:8787';

export interface Sent {
  method: string;
  url: string;
  path: string;
  headers: Headers;
}

export interface Local {
  server: PredictKitServer;
  client: Client;
  /** Every request the client sent, in order. */
  sent: Sent[];
  /** The server's `fetch`, recording what passes. */
  fetch: (request: Request) => Promise<Response>;
  close(): Promise<void>;
}

/**
 * The real local server, in-process at 1/100 of model time, and a client that reaches it through
 * a `fetch` that records every request (for counting retries and reading headers).
 */
export function local(server: ServerOptions = {}, client: ClientOptions = {}): Local {
  const instance = createServer({ timeScale: 0.01, onWarning: () => {}, ...server });
  const sent: Sent[] = [];
  const fetch = (request: Request) => {
    const url = new URL(request.url);
    sent.push({
      method: request.method,
      url: request.url,
      path: url.pathname + url.search,
      headers: request.headers,
    });
    return instance.fetch(request);
  };
  return {
    server: instance,
    client: createClient({ baseUrl: `${ORIGIN}/v1`, fetch, ...client }),
    sent,
    fetch,
    close: () => instance.close(),
  };
}

/** The requests to one path (ignoring the query), e.g. `POST /v1/models/predictkit/echo/predictions`. */
export const count = (sent: Sent[], method: string, path: string): number =>
  sent.filter((s) => s.method === method && s.path.split('?')[0] === path).length;
