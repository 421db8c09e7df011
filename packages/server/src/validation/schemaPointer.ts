import type { JsonSchema } from '@predictkit/core';

type Json = unknown;

function isObject(value: Json): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unescapeToken(token: string): string {
  return decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Resolves a local `$ref` (`#/$defs/Style`) against the root schema; `undefined` if it leads nowhere. */
export function resolveRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: Json = root;
  for (const token of ref.slice(1).split('/').filter(Boolean)) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[unescapeToken(token)];
  }
  return isObject(node) ? node : undefined;
}

/**
 * Follows a keyword location as a JSON Schema validator reports it (`#/properties/style/allOf/0/$ref/enum`),
 * jumping through each `$ref` on the way, and returns the value found there.
 */
export function valueAtKeywordLocation(root: JsonSchema, location: string): Json {
  let node: Json = root;
  for (const token of location.replace(/^#/, '').split('/').filter(Boolean)) {
    const key = unescapeToken(token);
    if (key === '$ref' && isObject(node) && typeof node.$ref === 'string') {
      node = resolveRef(root, node.$ref);
      continue;
    }
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The schema a value is really described by: follows `$ref`, a lone `allOf` member, and the
 * non-null branch of a nullable `anyOf`/`oneOf`, the shapes Cog-packaged models produce.
 */
export function effectiveSchema(
  root: JsonSchema,
  schema: JsonSchema | undefined,
  depth = 0,
): JsonSchema | undefined {
  if (!schema || depth > 32) return schema;
  if (typeof schema.$ref === 'string') {
    const { $ref, ...rest } = schema;
    return effectiveSchema(root, { ...resolveRef(root, $ref), ...rest }, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1 && isObject(schema.allOf[0])) {
    const { allOf, ...rest } = schema;
    return effectiveSchema(root, { ...(allOf[0] as JsonSchema), ...rest }, depth + 1);
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) {
      const nonNull = branches.filter((branch) => !(isObject(branch) && branch.type === 'null'));
      if (nonNull.length === 1 && isObject(nonNull[0])) {
        const { [key]: _, ...rest } = schema;
        return effectiveSchema(root, { ...(nonNull[0] as JsonSchema), ...rest }, depth + 1);
      }
    }
  }
  return schema;
}

/** Calls `visit` for every value of `value` together with the schema that describes it. */
export function walkWithSchema(
  root: JsonSchema,
  value: Json,
  visit: (value: Json, schema: JsonSchema, path: (string | number)[]) => void,
  schema: JsonSchema | undefined = root,
  path: (string | number)[] = [],
): void {
  const resolved = effectiveSchema(root, schema);
  if (!resolved) return;
  visit(value, resolved, path);
  if (Array.isArray(value) && isObject(resolved.items)) {
    value.forEach((item, index) => {
      walkWithSchema(root, item, visit, resolved.items as JsonSchema, [...path, index]);
    });
  } else if (isObject(value) && isObject(resolved.properties)) {
    for (const [key, propertySchema] of Object.entries(resolved.properties)) {
      if (key in value && isObject(propertySchema)) {
        walkWithSchema(root, value[key], visit, propertySchema, [...path, key]);
      }
    }
  }
}
