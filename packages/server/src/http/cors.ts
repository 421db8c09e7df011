import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/** This machine on any port: the browser apps of local development. */
export const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * Whether `value` can match a browser's `Origin` header: scheme, host and port exactly as browsers
 * write them (lower case, no path, no trailing slash), or `*` for every origin.
 */
export function isOriginRule(value: string): boolean {
  if (value === '*') return true;
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s@]+$/.test(value) || value !== value.toLowerCase()) return false;
  try {
    const url = new URL(value);
    // http(s) origins leave out their default port, as browsers do
    return !/^https?:$/.test(url.protocol) || url.origin === value;
  } catch {
    return false;
  }
}

/** Whether a browser origin is one of `rules` (exact origins, `*`, or patterns). */
export function originAllowed(origin: string, rules: readonly (string | RegExp)[] = [LOCAL_ORIGIN]): boolean {
  return rules.some((rule) =>
    typeof rule === 'string' ? rule === origin || rule === '*' : rule.test(origin),
  );
}

/** The allowed origins in words, for messages that say what to do. */
export function describeOrigins(rules: readonly (string | RegExp)[] = [LOCAL_ORIGIN]): string {
  return rules
    .map((rule) =>
      rule === LOCAL_ORIGIN
        ? 'localhost, 127.0.0.1 and [::1] on any port'
        : typeof rule === 'string'
          ? rule
          : String(rule),
    )
    .join(', ');
}

/** CORS for browser apps on the given origins (default: this machine on any port), preflight included. */
export function corsFor(origins: (string | RegExp)[] = [LOCAL_ORIGIN]): MiddlewareHandler {
  return cors({
    origin: (requestOrigin) => (originAllowed(requestOrigin, origins) ? requestOrigin : null),
    allowHeaders: [
      'authorization',
      'content-type',
      'prefer',
      'validate-input',
      'cancel-after',
      'last-event-id',
      'range',
      'x-request-id',
    ],
    allowMethods: ['GET', 'HEAD', 'POST', 'DELETE', 'QUERY', 'OPTIONS'],
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
