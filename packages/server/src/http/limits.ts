/**
 * What one request may send. Checked as the body is read, before anything is created, so that no
 * stored prediction can hold what a later read, stream, webhook or SQLite write would choke on.
 */

/** The whole body, `input` included: room for a large image as a `data:` URI. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

/**
 * Levels of objects and arrays in `input` (`{}` is one). Real inputs nest a few levels; every walk
 * over an input (validation, defaults, serialising) recurses once per level.
 */
export const MAX_INPUT_DEPTH = 64;

/** The body is one level more than any field in it. */
export const MAX_BODY_DEPTH = MAX_INPUT_DEPTH + 1;

/**
 * JSON values (objects, arrays, strings, numbers, booleans, nulls) in the body: 25 MB of `[{},{},…]`
 * would take some 400 MB of memory as objects, and a stored prediction keeps them.
 */
export const MAX_BODY_VALUES = 1_000_000;
