import type { JsonSchema } from '../types';
import { isRecord } from './isRecord';
import { type ParsedField, parseSchema } from './parseSchema';
import { SchemaError } from './SchemaError';

function fill(fields: readonly ParsedField[], input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  for (const f of fields) {
    const value = out[f.name];
    if (value === undefined) {
      if (f.hasDefault) out[f.name] = structuredClone(f.default);
    } else if (f.fields && isRecord(value)) {
      out[f.name] = fill(f.fields, value);
    }
  }
  return out;
}

/**
 * A copy of `input` with every missing property that has a default filled in (a copy of it),
 * recursing into the nested objects the input has. Defaults are read as `parseSchema` reads them:
 * a property's own default over its `$ref`'s, and none for a secret whose published default is
 * only a mask. Takes the schema or its parsed fields. Validate before, as the server's runner does;
 * a schema that cannot be read has no defaults to give, so the input comes back as it was.
 */
export function applyDefaults(
  schema: JsonSchema | readonly ParsedField[],
  input: Record<string, unknown>,
): Record<string, unknown> {
  if (!isRecord(input)) {
    throw new TypeError(`applyDefaults: \`input\` must be an object, got ${JSON.stringify(input)}.`);
  }
  let fields: readonly ParsedField[];
  if (Array.isArray(schema)) fields = schema as readonly ParsedField[];
  else {
    try {
      fields = parseSchema(schema);
    } catch (error) {
      if (error instanceof SchemaError) return { ...input };
      throw error;
    }
  }
  return fill(fields, input);
}
