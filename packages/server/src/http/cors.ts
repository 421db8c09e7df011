import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** CORS for browser apps on the given origins (default: this machine on any port), preflight included. */
export function corsFor(origins: (string | RegExp)[] = [LOCAL_ORIGIN]): MiddlewareHandler {
  return cors({
    origin: (requestOrigin) =>
      origins.some((rule) =>
        typeof rule === 'string' ? rule === requestOrigin || rule === '*' : rule.test(requestOrigin),
      )
        ? requestOrigin
        : null,
    allowHeaders: [
      'authorization',
      'content-type',
      'prefer',
      'validate-input',
      'last-event-id',
      'range',
      'x-request-id',
    ],
    allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    exposeHeaders: [
      'x-request-id',
      'location',
      'retry-after',
      'preference-applied',
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
      'content-range',
      'accept-ranges',
    ],
    maxAge: 600,
  });
}
