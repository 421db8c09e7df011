import { UnexpectedResponseError } from './errors';

/**
 * Field kinds: `s` string, `n` number, `o` object, `a` array, or a nested shape; a leading `?` also
 * accepts null or absent. Only the fields named are checked, so extra fields (newer servers) pass.
 */
export interface Shape {
  [field: string]: string | Shape;
}

const NAMES: Record<string, string> = { s: 'a string', n: 'a number', o: 'an object', a: 'an array' };

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Throws an `UnexpectedResponseError` naming the first field of `v` that does not fit `shape`. */
export function expectShape<T>(v: unknown, at: string, shape: Shape, path = ''): T {
  const check = (field: string, want: string | Shape, x: unknown) => {
    if (typeof want === 'object') return expectShape(x, at, want, `${field}.`);
    if (x == null ? want[0] === '?' : kindOf(x)[0] === want.slice(-1)) return;
    throw new UnexpectedResponseError(
      `${at}: expected ${field ? `\`${field}\`` : 'the answer'} to be ${NAMES[want.slice(-1)]}, got ${kindOf(x)}. Check \`baseUrl\`.`,
      { path: field },
    );
  };
  check(path.slice(0, -1), 'o', v);
  for (const key in shape) check(path + key, shape[key]!, (v as Record<string, unknown>)[key]);
  return v as T;
}
