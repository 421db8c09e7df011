import type { Context } from 'hono';
import { HttpError } from '../../http/HttpError';

/** A query parameter that takes one of a few values: `fallback` when absent, a `422` when unknown. */
export function queryChoice<T extends string>(
  c: Context,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = c.req.query(name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new HttpError(422, [
      {
        loc: ['query', name],
        msg: `Input should be ${allowed.map((a) => `'${a}'`).join(' or ')}`,
        type: 'enum',
      },
    ]);
  }
  return value as T;
}

/** `q` of a search: required, as FastAPI answers a missing one. */
export function searchWords(c: Context): string[] {
  const q = c.req.query('q');
  if (q === undefined)
    throw new HttpError(422, [{ loc: ['query', 'q'], msg: 'Field required', type: 'missing' }]);
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}
