/** Longest object id, as Weave's. */
const MAX_OBJECT_ID = 128;

/**
 * The id an object's name gives it, as Weave's server makes one (`TestModel` is `testmodel`): lower
 * case, each run of characters other than letters, digits, `.`, `_` and `-` one `-`, without
 * leading or trailing punctuation. `undefined` when nothing is left.
 */
export function objectIdOf(name: string): string | undefined {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, MAX_OBJECT_ID);
  return id || undefined;
}
