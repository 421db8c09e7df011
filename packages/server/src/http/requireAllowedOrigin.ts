import type { Context, MiddlewareHandler } from 'hono';
import { bearerToken } from './bearerToken';
import { describeOrigins, originAllowed } from './cors';
import { HttpError } from './HttpError';

/**
 * Methods that only read: any page may send them, and CORS decides what it gets to see. `QUERY` is
 * a read with a body (Replicate's model search); no page elsewhere can send it without a preflight.
 */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'QUERY']);

export interface AllowedOriginOptions {
  corsOrigins?: (string | RegExp)[];
  tokens?: readonly string[];
  /** The token a request sends; default that of `Authorization: Bearer <token>`. */
  tokenOf?: (c: Context) => string | undefined;
}

/**
 * Refuses a change (POST, or any method but GET, HEAD and OPTIONS) sent by a web page from an origin
 * outside `corsOrigins`. CORS alone only hides the answer: a page elsewhere can still send a "simple"
 * request and make it act. Requests with no `Origin` (curl, server-side clients) are not from a page.
 * A valid token of a server started with tokens is proof enough: no page elsewhere has it.
 */
export function requireAllowedOrigin({
  corsOrigins,
  tokens = [],
  tokenOf = (c) => bearerToken(c.req.header('authorization')),
}: AllowedOriginOptions): MiddlewareHandler {
  const known = new Set(tokens);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    // browsers always send Origin on a change; Sec-Fetch-Site alone is a page whose origin we cannot check
    const refused =
      origin !== undefined
        ? !originAllowed(origin, corsOrigins)
        : c.req.header('sec-fetch-site')?.trim().toLowerCase() === 'cross-site';
    if (!refused) return next();
    const token = tokenOf(c);
    if (token !== undefined && known.has(token)) return next();
    const from = origin === undefined ? 'A cross-site page' : `Origin ${origin}`;
    throw new HttpError(
      403,
      `${from} may not change anything on this server: only the allowed origins (${describeOrigins(corsOrigins)}) may. ` +
        `To allow ${origin ?? 'a page'}, start the server with --cors-origin ${origin && origin !== 'null' ? origin : '<origin>'} ` +
        `(the corsOrigins option in code)` +
        (known.size > 0 ? ', or send `Authorization: Bearer <token>` with one of its tokens.' : '.'),
    );
  };
}
