import { Validator } from '@cfworker/json-schema';
import type { JsonSchema } from '@predictkit/core';
import { isRecord } from '@predictkit/core/schema';
import type { VersionFields } from '../../registry/Registry';
import { resolveRef } from '../../validation/schemaPointer';
import { FieldReader } from './FieldReader';

const DIGEST = { regex: /^sha256:[a-f0-9]{64}$/, source: '^sha256:[a-f0-9]{64}$' };

/** A version's two schemas together, as JSON: ample for any real model, small enough to keep many. */
export const MAX_SCHEMAS_CHARS = 256 * 1024;

type Loc = (string | number)[];

/**
 * The first reference that leads outside the schema (a `$ref` or `$dynamicRef` not starting with
 * `#`, or an `$id` that would rebase them), refused since the server never fetches one, or a local
 * `$ref` that leads nowhere, which the validator would only trip over with an input that reaches it.
 */
function badRef(root: JsonSchema, schema: unknown, loc: Loc): { loc: Loc; msg: string } | undefined {
  if (Array.isArray(schema)) {
    for (const [i, item] of schema.entries()) {
      const found = badRef(root, item, [...loc, i]);
      if (found) return found;
    }
  } else if (isRecord(schema)) {
    for (const [key, value] of Object.entries(schema)) {
      const remote =
        ((key === '$ref' || key === '$dynamicRef') &&
          (typeof value !== 'string' || !value.startsWith('#'))) ||
        (key === '$id' && typeof value === 'string');
      if (remote) {
        return {
          loc: [...loc, key],
          msg: 'Only local references (#/$defs/…) are allowed: the server never fetches a schema',
        };
      }
      if (key === '$ref' && resolveRef(root, value as string) === undefined) {
        return { loc: [...loc, key], msg: 'This reference leads nowhere in the schema' };
      }
      const found = badRef(root, value, [...loc, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A schema the server can validate inputs and outputs with, as it does the demo models': an
 * object, draft 2020-12, with local `$ref`s only, that the validator compiles and runs.
 */
function checkSchema(fields: FieldReader, schema: unknown, loc: Loc, objectInput: boolean): void {
  if (!isRecord(schema)) {
    fields.issue(loc, 'Input should be a JSON Schema object', 'dict_type');
    return;
  }
  if (objectInput && schema.type !== 'object') {
    fields.issue(
      [...loc, 'type'],
      "An input schema should describe an object: 'type': 'object'",
      'value_error',
    );
    return;
  }
  const bad = badRef(schema, schema, loc);
  if (bad) {
    fields.issue(bad.loc, bad.msg, 'value_error');
    return;
  }
  try {
    new Validator(schema as JsonSchema as never, '2020-12').validate(objectInput ? {} : null);
  } catch (error) {
    fields.issue(loc, `Invalid JSON Schema: ${(error as Error).message}`, 'value_error');
  }
}

/** The body of `POST /models/{owner}/{name}/versions`. Which image the digest names is the registry's to say. */
export function parseVersionFields(body: unknown): VersionFields {
  const fields = new FieldReader(body, ['release_notes', 'schemas', 'container_image_digest']);
  const release_notes = fields.text('release_notes', { max: 255 }) ?? '';
  const container_image_digest = fields.text('container_image_digest', {
    required: true,
    max: 71,
    pattern: DIGEST,
  });
  const schemas = fields.raw('schemas');
  if (schemas === undefined) fields.issue(['schemas'], 'Field required', 'missing');
  else if (!isRecord(schemas)) fields.issue(['schemas'], 'Input should be a valid object', 'dict_type');
  else if (!isRecord(schemas.prediction)) {
    fields.issue(
      ['schemas', 'prediction'],
      schemas.prediction === undefined ? 'Field required' : 'Input should be a valid object',
      schemas.prediction === undefined ? 'missing' : 'dict_type',
    );
  } else if (JSON.stringify(schemas).length > MAX_SCHEMAS_CHARS) {
    fields.issue(
      ['schemas'],
      `Schemas should take at most ${MAX_SCHEMAS_CHARS / 1024} KB as JSON`,
      'too_long',
    );
  } else {
    for (const part of ['input', 'output'] as const) {
      const schema = schemas.prediction[part];
      const loc = ['schemas', 'prediction', part];
      if (schema === undefined) fields.issue(loc, 'Field required', 'missing');
      else checkSchema(fields, schema, loc, part === 'input');
    }
  }
  fields.done();
  const { input, output } = (schemas as { prediction: { input: JsonSchema; output: JsonSchema } }).prediction;
  return {
    release_notes,
    // only the two schemas are kept: anything else sent beside them is not the version's
    schemas: { prediction: { input, output } },
    container_image_digest: container_image_digest as string,
  };
}
