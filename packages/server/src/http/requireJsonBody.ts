import type { Context, MiddlewareHandler } from 'hono';
import { HttpError } from './HttpError';
import { SAFE_METHODS } from './requireAllowedOrigin';

/** `application/json`, or a JSON-based type such as `application/problem+json`, any parameters. */
const JSON_TYPE = /^application\/(?:[\w.!#$&^-]+\+)?json$/i;

export function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && JSON_TYPE.test(header.split(';')[0]?.trim() ?? '');
}

/**
 * Whether the request carries a body. Over HTTP the headers say so; an in-process `Request` has no
 * `Content-Length`, so its (already size-limited) body is read, which Hono keeps for the handler.
 */
async function hasBody(c: Context): Promise<boolean> {
  const length = c.req.header('content-length');
  if (length !== undefined) return length.trim() !== '0';
  if (c.req.header('transfer-encoding') !== undefined) return true;
  if (c.req.raw.body === null) return false;
  return (await c.req.arrayBuffer()).byteLength > 0;
}

export interface JsonBodyOptions {
  /** Requests that take a multipart body instead (an upload); a page elsewhere is still refused by its origin. */
  multipart?: (c: Context) => boolean;
}

/**
 * A change that carries a body must say it is JSON. Browsers send `text/plain`, forms and multipart
 * from any page without asking first; JSON needs a CORS preflight, which other origins do not pass.
 * Bodiless changes (a cancel, as the official clients send it) need no content type.
 */
export function requireJsonBody({ multipart }: JsonBodyOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const type = c.req.header('content-type');
    // before the body is read: a multipart body stays unread for the route to parse
    if (multipart?.(c) && /^multipart\/form-data\s*;/i.test(type ?? '')) return next();
    if (isJsonContentType(type) || !(await hasBody(c))) return next();
    throw new HttpError(
      415,
      `${type ? `Content-Type ${type.split(';')[0]?.trim()} is not accepted` : 'No Content-Type'}: send the body as JSON ` +
        'with `Content-Type: application/json`, or send no body at all.',
    );
  };
}
