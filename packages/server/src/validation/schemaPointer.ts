import type { JsonSchema } from '@predictkit/core';
import { isRecord, resolveSchema, SchemaError, unwrapNullable } from '@predictkit/core/schema';

export { resolveRef } from '@predictkit/core/schema';

/**
 * The schema a value is really described by, read as the form reads it: `$ref`s followed (OpenAPI's
 * `#/components/schemas/…` too), `allOf` merged, and the non-null branch of a nullable `anyOf`/`oneOf`.
 * `undefined` where the schema cannot be read (a reference that leads nowhere).
 */
export function effectiveSchema(root: JsonSchema, schema: unknown): JsonSchema | undefined {
  try {
    return unwrapNullable(resolveSchema(schema, root, '', []), root, '', [])[0];
  } catch (error) {
    if (error instanceof SchemaError) return undefined;
    throw error;
  }
}

/** Calls `visit` for every value of `value` together with the schema that describes it. */
export function walkWithSchema(
  root: JsonSchema,
  value: unknown,
  visit: (value: unknown, schema: JsonSchema, path: (string | number)[]) => void,
  schema: unknown = root,
  path: (string | number)[] = [],
): void {
  const resolved = effectiveSchema(root, schema);
  if (!resolved) return;
  visit(value, resolved, path);
  if (Array.isArray(value) && isRecord(resolved.items)) {
    value.forEach((item, index) => {
      walkWithSchema(root, item, visit, resolved.items, [...path, index]);
    });
  } else if (isRecord(value) && isRecord(resolved.properties)) {
    for (const [key, propertySchema] of Object.entries(resolved.properties)) {
      if (key in value && isRecord(propertySchema)) {
        walkWithSchema(root, value[key], visit, propertySchema, [...path, key]);
      }
    }
  }
}
