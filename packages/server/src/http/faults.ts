import type { Context, MiddlewareHandler } from 'hono';
import type { FaultOptions } from '../options';
import { pause } from '../pause';
import { bearerToken } from './bearerToken';
import { HttpError } from './HttpError';
import { RateLimitTable } from './RateLimitTable';

/** A seeded generator (mulberry32), so a test that sets `faults.seed` sees the same faults each run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The dice every fault is rolled with: seeded when a seed is given. */
export function faultDice(faults: FaultOptions): () => number {
  return faults.seed === undefined ? Math.random : seededRandom(faults.seed);
}

/** Added latency and random `500`/`503` answers, for resilience tests. Off unless configured. */
export function injectFaults(faults: FaultOptions, roll: () => number): MiddlewareHandler {
  return async (c, next) => {
    const { latencyMs, errorRate } = faults;
    const delay = Array.isArray(latencyMs)
      ? latencyMs[0] + roll() * (latencyMs[1] - latencyMs[0])
      : latencyMs;
    // A client that gave up needs no answer: stop waiting as soon as its request is aborted.
    if (delay) await pause(delay, c.req.raw.signal);
    if (errorRate && roll() < errorRate) {
      throw roll() < 0.5
        ? new HttpError(500, 'Injected fault: internal server error.')
        : new HttpError(503, 'Injected fault: service unavailable, try again shortly.', {
            'retry-after': '1',
          });
    }
    await next();
  };
}

/** A 53-bit hash (cyrb53), seeded per server so that nobody can aim a header at another's window. */
function hash(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export interface RateLimitOptions {
  /** Where the windows are kept; tests pass their own to look at it. */
  table?: RateLimitTable;
  /** The server's tokens: a client sending one of them is keyed by it. */
  tokens?: readonly string[];
  /** The token a request sends; default that of `Authorization: Bearer <token>`. */
  tokenOf?: (c: Context) => string | undefined;
}

/**
 * A fixed-window rate limit per client, with the API's `x-ratelimit-*` headers on every answer and
 * `Retry-After` on a `429`. A client is its token when it is one of the server's, otherwise a short
 * hash of its `Authorization` header: the table never holds what a client chose to send.
 */
export function rateLimit(
  { requests, windowMs }: { requests: number; windowMs: number },
  {
    table = new RateLimitTable(windowMs),
    tokens = [],
    tokenOf = (c) => bearerToken(c.req.header('authorization')),
  }: RateLimitOptions = {},
): MiddlewareHandler {
  const known = new Set(tokens);
  const seed = Math.floor(Math.random() * 2 ** 32);
  const keyOf = (c: Context) => {
    const header = c.req.header('authorization');
    if (header === undefined) return 'anonymous';
    const token = tokenOf(c);
    return token !== undefined && known.has(token) ? `token:${token}` : `hash:${hash(header, seed)}`;
  };
  return async (c, next) => {
    const now = Date.now();
    const window = table.hit(keyOf(c), now);
    const resetMs = window.startedAt + windowMs;
    const headers = {
      'x-ratelimit-limit': String(requests),
      'x-ratelimit-remaining': String(Math.max(0, requests - window.count)),
      'x-ratelimit-reset': String(Math.ceil(resetMs / 1000)),
    };
    if (window.count > requests) {
      const retryAfter = String(Math.max(1, Math.ceil((resetMs - now) / 1000)));
      throw new HttpError(
        429,
        `Rate limit exceeded: ${requests} requests per ${windowMs / 1000} s. Retry after ${retryAfter} s.`,
        {
          ...headers,
          'retry-after': retryAfter,
        },
      );
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
