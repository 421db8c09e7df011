import type { Context } from 'hono';
import { HttpError } from '../../http/HttpError';

/** Ids one delete or filter may name: a page of a UI's selection, not a bulk export. */
export const MAX_QUERY_IDS = 1000;

function whole(c: Context, name: string): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  const loc = ['query', name];
  if (!/^\s*[-+]?\d+\s*$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new HttpError(422, [
      {
        loc,
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        type: 'int_parsing',
      },
    ]);
  }
  const value = Number(raw);
  if (value < 0) {
    throw new HttpError(422, [
      { loc, msg: 'Input should be greater than or equal to 0', type: 'greater_than_equal' },
    ]);
  }
  return value;
}

/** A list's `limit` (default: every item) and `offset` (default 0), whole numbers ≥ 0. */
export function readLimitOffset(c: Context): { limit: number | undefined; offset: number } {
  return { limit: whole(c, 'limit'), offset: whole(c, 'offset') ?? 0 };
}

/** A repeated query parameter (`?ids=a&ids=b`); `undefined` when absent and not `required`. */
export function readQueryList(c: Context, name: string, required = false): string[] | undefined {
  const values = c.req.queries(name);
  const loc = ['query', name];
  if (!values || values.length === 0) {
    if (required) throw new HttpError(422, [{ loc, msg: 'Field required', type: 'missing' }]);
    return undefined;
  }
  if (values.length > MAX_QUERY_IDS) {
    throw new HttpError(422, [
      {
        loc,
        msg: `List should have at most ${MAX_QUERY_IDS} items after validation, not ${values.length}`,
        type: 'too_long',
      },
    ]);
  }
  return values;
}
