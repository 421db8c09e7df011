import type { MiddlewareHandler } from 'hono';
import type { FaultOptions } from '../options';
import { HttpError } from './HttpError';

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
    if (delay) await sleepUnlessAborted(delay, c.req.raw.signal);
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

/** A client that gave up needs no answer: stop waiting as soon as its request is aborted. */
function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

interface Window {
  startedAt: number;
  count: number;
}

/**
 * A fixed-window rate limit per token, with the API's `x-ratelimit-*` headers on every answer and
 * `Retry-After` on a `429`.
 */
export function rateLimit({ requests, windowMs }: { requests: number; windowMs: number }): MiddlewareHandler {
  const windows = new Map<string, Window>();
  return async (c, next) => {
    const key = c.req.header('authorization') ?? 'anonymous';
    const now = Date.now();
    let window = windows.get(key);
    if (!window || now - window.startedAt >= windowMs) {
      window = { startedAt: now, count: 0 };
      windows.set(key, window);
    }
    window.count++;
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
