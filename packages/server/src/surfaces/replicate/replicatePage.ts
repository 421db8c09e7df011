import type { Context } from 'hono';
import { decodeCursor, encodeCursor } from '../../http/pagination';

/** Replicate's page: `next` and `previous` are absolute URLs carrying an opaque `cursor`, or `null`. */
export interface ReplicatePage<T> {
  previous: string | null;
  next: string | null;
  results: T[];
}

/** The URL of this request with `cursor` set (and its other query kept), on the server's origin. */
function link(c: Context, origin: string, cursor: string | null): string | null {
  if (cursor === null) return null;
  const url = new URL(c.req.url);
  url.searchParams.set('cursor', cursor);
  return `${origin}${url.pathname}?${url.searchParams}`;
}

export function replicatePage<T>(
  c: Context,
  origin: string,
  results: T[],
  next: string | null,
  previous: string | null,
): ReplicatePage<T> {
  return { previous: link(c, origin, previous), next: link(c, origin, next), results };
}

const isOffset = (v: Record<string, unknown>): v is { o: number } =>
  Number.isInteger(v.o) && (v.o as number) >= 0;

/** Pages a list that does not change while a client walks it (models, versions, deployments…). */
export function offsetPage<T>(c: Context, origin: string, all: readonly T[], size: number): ReplicatePage<T> {
  const offset = decodeCursor(c.req.query('cursor'), isOffset)?.o ?? 0;
  const next = offset + size < all.length ? encodeCursor({ o: offset + size }) : null;
  const previous = offset > 0 ? encodeCursor({ o: Math.max(0, offset - size) }) : null;
  return replicatePage(c, origin, all.slice(offset, offset + size), next, previous);
}
