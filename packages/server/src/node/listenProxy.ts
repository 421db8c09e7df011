import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { parseModelRef } from '@predictkit/core';
import { replicate } from '@predictkit/core/replicate';
import { createProxyHandler } from '@predictkit/core/server';
import { Hono } from 'hono';
import { corsFor } from '../http/cors';
import { HttpError } from '../http/HttpError';
import { requireAllowedHost } from '../http/requireAllowedHost';

/** A real API and the token forwarded requests carry; the token never leaves this process. */
export interface Upstream {
  /** e.g. `https://api.wrift.ai/v1`, `https://api.replicate.com/v1`. */
  url: string;
  token: string;
}

export interface ListenProxyOptions {
  /** WriftAI's API, served at `/v1`. */
  wriftai?: Upstream;
  /** Replicate's API, served at `/replicate/v1`, the local server's path for it. */
  replicate?: Upstream;
  /** `owner/name` or `owner/name:<version>` entries browsers may create predictions on; default every model. */
  allowModels?: string[];
  /** Replicate deployments (`owner/name`) browsers may create predictions on; default none. */
  allowDeployments?: string[];
  port?: number;
  host?: string;
  corsOrigins?: (string | RegExp)[];
  /**
   * The origin browsers reach the proxy at, for absolute URLs in answers; default root-relative
   * URLs, which also pass through a dev server's proxy.
   */
  publicOrigin?: string;
  /** How the upstreams are reached (tests); default the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * Host names it answers besides this machine's (and `publicOrigin`'s), as the local server's
   * `allowedHosts`: a page on another name that resolves here (DNS rebinding) would otherwise be
   * same-origin with the proxy and spend the token.
   */
  allowedHosts?: string[];
}

/** The version an `--allow-model` entry names, as `parseModelRef` reads it; none for one it cannot read (the proxy says why). */
function versionIn(ref: string): number | string | undefined {
  try {
    return parseModelRef(ref).version;
  } catch {}
}

/**
 * Serves a token-safe proxy to real APIs, for browser apps on this machine, at the paths the local
 * server uses (`/v1` for WriftAI, `/replicate/v1` for Replicate), so the playground points at it
 * unchanged and never sees a token. Each browser reaches only the predictions it created through
 * it (its cookie says which visitor it is), so the browser must reach the proxy on the page's own
 * origin, as the playground's dev server does.
 */
export async function listenProxy({
  wriftai,
  replicate: replicateUpstream,
  allowModels,
  allowDeployments,
  port = 8787,
  host = '127.0.0.1',
  corsOrigins,
  publicOrigin,
  fetch: upstreamFetch,
  allowedHosts,
}: ListenProxyOptions): Promise<{
  url: string;
  /** The models browsers may run at each mount (`*`: any), as the mount read the one list. */
  allowedModels: Record<string, string[]>;
  close(): Promise<void>;
}> {
  if (!wriftai && !replicateUpstream) {
    throw new TypeError('listenProxy: give `wriftai`, `replicate` or both: { url, token } of the real API.');
  }
  const app = new Hono();
  app.use('*', requireAllowedHost({ allowedHosts, baseUrl: publicOrigin }));
  app.use('*', corsFor(corsOrigins));
  const mounts: [basePath: string, upstream: Upstream | undefined, provider?: typeof replicate][] = [
    ['/v1', wriftai],
    ['/replicate/v1', replicateUpstream, replicate],
  ];
  const allowedModels: Record<string, string[]> = {};
  for (const [basePath, upstream, provider] of mounts) {
    if (!upstream) continue;
    // One list serves both services, and a version is written one service's way (a number on
    // WriftAI, an id on Replicate): with both, each takes the entries it can read. With one, every
    // entry goes to it, so that one written the other's way is refused as the proxy starts.
    const mine =
      wriftai && replicateUpstream
        ? allowModels?.filter((ref) => typeof versionIn(ref) !== (provider ? 'number' : 'string'))
        : allowModels;
    const allowed = allowModels?.length ? (mine ?? []) : ['*'];
    allowedModels[basePath] = allowed;
    const proxy = createProxyHandler({
      upstream: upstream.url,
      token: upstream.token,
      basePath,
      allowModels: allowed,
      ...(provider ? { provider, allowDeployments } : {}),
      ...(publicOrigin ? { publicOrigin } : {}),
      ...(upstreamFetch ? { fetch: upstreamFetch } : {}),
    });
    app.all(`${basePath}/*`, (c) => proxy(c.req.raw));
  }
  app.onError((error) => {
    if (!(error instanceof HttpError)) throw error;
    return Response.json({ detail: error.detail }, { status: error.status });
  });
  const served = mounts.filter(([, upstream]) => upstream).map(([basePath]) => basePath);
  app.notFound((c) =>
    c.json(
      { detail: `Not found: ${c.req.method} ${c.req.path}. The API is under ${served.join(' and ')}.` },
      404,
    ),
  );
  const http = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(listening));
    listening.once('error', reject);
  });
  const { port: bound } = http.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    allowedModels,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        (http as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
