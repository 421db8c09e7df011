import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createProxyHandler } from '@predictkit/core/server';
import { Hono } from 'hono';
import { corsFor } from '../http/cors';
import { HttpError } from '../http/HttpError';
import { requireAllowedHost } from '../http/requireAllowedHost';

export interface ListenProxyOptions {
  /** The real API, e.g. `https://api.wrift.ai/v1`. */
  upstream: string;
  /** The token added to every forwarded request; it never leaves this process. */
  token: string;
  /** `owner/name` or `owner/name:N` entries browsers may create predictions on; default every model. */
  allowModels?: string[];
  port?: number;
  host?: string;
  corsOrigins?: (string | RegExp)[];
  /**
   * The origin browsers reach the proxy at, for absolute URLs in answers; default root-relative
   * URLs, which also pass through a dev server's proxy.
   */
  publicOrigin?: string;
  /** How the upstream is reached (tests); default the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * Host names it answers besides this machine's (and `publicOrigin`'s), as the local server's
   * `allowedHosts`: a page on another name that resolves here (DNS rebinding) would otherwise be
   * same-origin with the proxy and spend the token.
   */
  allowedHosts?: string[];
}

/**
 * Serves `/v1` as a token-safe proxy to a real API, for browser apps on this machine: the
 * playground points at it and never sees the token. Each browser reaches only the predictions it
 * created through it (its cookie says which visitor it is), so the browser must reach the proxy
 * on the page's own origin, as the playground's dev server does.
 */
export async function listenProxy({
  upstream,
  token,
  allowModels,
  port = 8787,
  host = '127.0.0.1',
  corsOrigins,
  publicOrigin,
  fetch: upstreamFetch,
  allowedHosts,
}: ListenProxyOptions): Promise<{ url: string; close(): Promise<void> }> {
  const proxy = createProxyHandler({
    upstream,
    token,
    basePath: '/v1',
    allowModels: allowModels?.length ? allowModels : () => true,
    ...(publicOrigin ? { publicOrigin } : {}),
    ...(upstreamFetch ? { fetch: upstreamFetch } : {}),
  });
  const app = new Hono();
  app.use('*', requireAllowedHost({ allowedHosts, baseUrl: publicOrigin }));
  app.use('*', corsFor(corsOrigins));
  app.all('/v1/*', (c) => proxy(c.req.raw));
  app.onError((error) => {
    if (!(error instanceof HttpError)) throw error;
    return Response.json({ detail: error.detail }, { status: error.status });
  });
  app.notFound((c) =>
    c.json({ detail: `Not found: ${c.req.method} ${c.req.path}. The API is under /v1.` }, 404),
  );
  const http = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(listening));
    listening.once('error', reject);
  });
  const { port: bound } = http.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        (http as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
