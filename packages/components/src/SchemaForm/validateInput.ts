import type { SchemaIssue } from '@predictkit/core/schema';

export { sameValue, validateInput } from '@predictkit/core/schema';

/**
 * A problem with one input value; `path` is relative to the input (`['width']`, `['images', 2]`).
 * The built-in validator's issues also say their `type` and `ctx` (a `pattern` error keeps its
 * pattern there); issues from elsewhere may have a message alone.
 */
export type FieldIssue = Pick<SchemaIssue, 'path' | 'message'> & Partial<Pick<SchemaIssue, 'type' | 'ctx'>>;
