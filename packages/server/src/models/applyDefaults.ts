import type { JsonSchema } from '@predictkit/core';

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
  const properties = resolve(root, schema).properties;
  if (!isObject(properties)) return { ...input };
  const out: Record<string, unknown> = { ...input };
  for (const [key, property] of Object.entries(properties)) {
    if (!isObject(property)) continue;
    const value = out[key];
    if (value === undefined) {
      const found = findDefault(root, property);
      if (found.has) out[key] = structuredClone(found.value);
    } else if (isObject(value) && !Array.isArray(value)) {
      out[key] = fill(root, property, value);
    }
  }
  return out;
}

function findDefault(root: JsonSchema, schema: JsonSchema, depth = 0): { has: boolean; value?: unknown } {
  if ('default' in schema) return { has: true, value: schema.default };
  // A depth cap keeps a cyclic `$ref` from recursing forever.
  if (depth > 16) return { has: false };
  if (typeof schema.$ref === 'string') {
    const target = resolvePointer(root, schema.$ref);
    if (target) return findDefault(root, target, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1 && isObject(schema.allOf[0])) {
    return findDefault(root, schema.allOf[0], depth + 1);
  }
  return { has: false };
}

/** The schema with a local `$ref` or single-member `allOf` followed, for reading its `properties`. */
function resolve(root: JsonSchema, schema: JsonSchema, depth = 0): JsonSchema {
  if (depth > 16 || 'properties' in schema) return schema;
  if (typeof schema.$ref === 'string') {
    const target = resolvePointer(root, schema.$ref);
    if (target) return resolve(root, target, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1 && isObject(schema.allOf[0])) {
    return resolve(root, schema.allOf[0], depth + 1);
  }
  return schema;
}

/** Follows a same-document reference such as `#/$defs/style`; any other reference resolves to nothing. */
function resolvePointer(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return isObject(node) ? node : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
