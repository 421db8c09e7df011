import type { Page } from '@predictkit/core';
import { HttpError } from './HttpError';

export const DEFAULT_PAGE_SIZE = 25;
export const MIN_PAGE_SIZE = 5;
export const MAX_PAGE_SIZE = 50;

/** `page_size` from the query: 25 when absent, a `422` outside 5..50. */
export function parsePageSize(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const loc = ['query', 'page_size'];
  if (!/^-?\d+$/.test(raw)) {
    throw new HttpError(422, [{ loc, msg: 'Input should be a valid integer', type: 'int_parsing' }]);
  }
  const size = Number(raw);
  if (size < MIN_PAGE_SIZE) {
    throw new HttpError(422, [
      { loc, msg: `Input should be greater than or equal to ${MIN_PAGE_SIZE}`, type: 'greater_than_equal' },
    ]);
  }
  if (size > MAX_PAGE_SIZE) {
    throw new HttpError(422, [
      { loc, msg: `Input should be less than or equal to ${MAX_PAGE_SIZE}`, type: 'less_than_equal' },
    ]);
  }
  return size;
}

/** Cursors are opaque to clients: a base64url JSON object only this server reads. */
export function encodeCursor(value: Record<string, string | number>): string {
  return btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function decodeCursor<T extends Record<string, unknown>>(
  raw: string | undefined,
  isValid: (value: Record<string, unknown>) => value is T,
): T | undefined {
  if (raw === undefined) return undefined;
  try {
    const value = JSON.parse(atob(raw.replaceAll('-', '+').replaceAll('_', '/')));
    if (value && typeof value === 'object' && isValid(value)) return value;
  } catch {
    // fall through to the 422 below
  }
  throw new HttpError(422, [
    {
      loc: ['query', 'cursor'],
      msg: 'Invalid cursor: pass back a cursor exactly as a previous page gave it.',
      type: 'value_error',
    },
  ]);
}

/** Builds a page, with `next_url`/`previous_url` as paths carrying the same query plus the cursor. */
export function page<T>(url: URL, items: T[], next: string | null, previous: string | null): Page<T> {
  const link = (cursor: string | null) => {
    if (cursor === null) return null;
    const params = new URLSearchParams(url.search);
    params.set('cursor', cursor);
    return `${url.pathname}?${params}`;
  };
  return {
    items,
    next_cursor: next,
    previous_cursor: previous,
    next_url: link(next),
    previous_url: link(previous),
  };
}

interface OffsetCursor extends Record<string, unknown> {
  o: number;
}

const isOffsetCursor = (value: Record<string, unknown>): value is OffsetCursor =>
  Number.isInteger(value.o) && (value.o as number) >= 0;

/** Pages a list that does not change while a client walks it (models, versions, hardware…). */
export function offsetPage<T>(url: URL, all: readonly T[]): Page<T> {
  const size = parsePageSize(url.searchParams.get('page_size') ?? undefined);
  const offset = decodeCursor(url.searchParams.get('cursor') ?? undefined, isOffsetCursor)?.o ?? 0;
  const items = all.slice(offset, offset + size);
  const next = offset + size < all.length ? encodeCursor({ o: offset + size }) : null;
  const previous = offset > 0 ? encodeCursor({ o: Math.max(0, offset - size) }) : null;
  return page(url, items, next, previous);
}
