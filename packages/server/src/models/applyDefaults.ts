import type { JsonSchema } from '@predictkit/core';
import { effectiveSchema } from '../validation/schemaPointer';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A copy of `input` with every missing property that has a `default` in the schema filled in,
 * recursing into nested objects. Defaults are found on the property itself or through a local
 * `$ref` / single-member `allOf` (Cog puts enum defaults beside an `allOf: [{$ref}]`). The schema is
 * not validated here; run this after validation, as the runner does.
 */
export function applyDefaults(schema: JsonSchema, input: Record<string, unknown>): Record<string, unknown> {
  return fill(schema, schema, input);
}

function fill(root: JsonSchema, schema: JsonSchema, input: Record<string, unknown>): Record<string, unknown> {
  const properties = effectiveSchema(root, schema)?.properties;
  const out: Record<string, unknown> = { ...input };
  if (!isObject(properties)) return out;
  for (const [key, property] of Object.entries(properties)) {
    if (!isObject(property)) continue;
    const value = out[key];
    if (value === undefined) {
      const described = effectiveSchema(root, property);
      if (described && 'default' in described) out[key] = structuredClone(described.default);
    } else if (isObject(value)) {
      out[key] = fill(root, property, value);
    }
  }
  return out;
}
