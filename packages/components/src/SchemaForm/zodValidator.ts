import type { JsonSchema } from '@predictkit/core';
import type { FieldPath, ParsedField } from './parseSchema';
import type { FieldIssue } from './validateInput';

/** A pluggable validator: gets the value about to be submitted, returns the issues (none when valid). */
export type SchemaValidator = (
  value: Record<string, unknown>,
  context: { schema: JsonSchema; fields: readonly ParsedField[] },
) => FieldIssue[] | Promise<FieldIssue[]>;

/**
 * Validation by zod: the form's schema becomes a zod schema through `z.fromJSONSchema`. zod is imported
 * only when this validator first runs, so apps that don't use it never load it. Pass `schema` to
 * validate against another schema than the form's.
 */
export function zodValidator(options: { schema?: JsonSchema } = {}): SchemaValidator {
  const compiled = new WeakMap<JsonSchema, Promise<import('zod').ZodType>>();
  return async (value, context) => {
    const schema = options.schema ?? context.schema;
    let zodSchema = compiled.get(schema);
    if (!zodSchema) {
      zodSchema = import('zod').then((z) =>
        z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]),
      );
      compiled.set(schema, zodSchema);
    }
    const result = (await zodSchema).safeParse(value);
    if (result.success) return [];
    return result.error.issues.map((issue) => ({
      path: issue.path.filter((key): key is string | number => typeof key !== 'symbol') as FieldPath,
      message: issue.message,
    }));
  };
}
