import type { JsonSchema } from '../types';
import { isRecord } from './isRecord';
import { SchemaError } from './SchemaError';

export const describe = (value: unknown): string =>
  value == null ? String(value) : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

const COMPONENTS = '#/components/schemas/';

function walk(root: JsonSchema, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/**
 * What a local `$ref` points at, or `undefined`. An OpenAPI reference (`#/components/schemas/Style`,
 * as Cog writes them) also finds its schema in `$defs`, where a schema lifted out of its OpenAPI
 * document keeps the document's schemas (see `schemasFromOpenApi`), and the other way round.
 */
export function resolveRef(root: JsonSchema, ref: string): unknown {
  if (typeof ref !== 'string')
    throw new TypeError(`resolveRef: \`ref\` must be a string, got ${describe(ref)}.`);
  const found = walk(root, ref);
  if (found !== undefined) return found;
  if (ref.startsWith(COMPONENTS)) return walk(root, `#/$defs/${ref.slice(COMPONENTS.length)}`);
  if (ref.startsWith('#/$defs/')) return walk(root, `${COMPONENTS}${ref.slice('#/$defs/'.length)}`);
  return undefined;
}

/**
 * A subschema with `$ref` followed and `allOf` merged, its own keywords laid over what they point at
 * (pydantic writes `{allOf: [{$ref}], default, description}`). `seen` holds the refs already being
 * resolved further up, so a schema that contains itself is reported instead of looping forever;
 * the refs this call follows are added to `followed`, for the caller's descent into the result.
 */
export function resolveSchema(
  schema: unknown,
  root: JsonSchema,
  at: string,
  seen: readonly string[],
  followed: string[] = [],
): JsonSchema {
  if (schema === true || schema === undefined) return {};
  if (!isRecord(schema)) throw new SchemaError(`Expected a schema object, got ${describe(schema)}`, at);
  let result: JsonSchema = schema;
  const { $ref, allOf } = schema;
  if ($ref !== undefined) {
    if (typeof $ref !== 'string') throw new SchemaError(`"$ref" must be a string, got ${describe($ref)}`, at);
    if (seen.includes($ref)) throw new SchemaError(`Circular $ref "${$ref}": the schema contains itself`, at);
    const target = resolveRef(root, $ref);
    if (target === undefined) throw new SchemaError(`Cannot resolve $ref "${$ref}"`, at);
    followed.push($ref);
    const { $ref: _, ...own } = result;
    result = { ...resolveSchema(target, root, at, [...seen, $ref], followed), ...own };
  }
  if (Array.isArray(allOf)) {
    const { allOf: _, ...own } = result;
    const merged: JsonSchema = {};
    for (const member of allOf) {
      const part = resolveSchema(member, root, at, seen, followed);
      const before = merged.properties;
      Object.assign(merged, part);
      if (isRecord(before) && isRecord(part.properties))
        merged.properties = { ...before, ...part.properties };
    }
    result = { ...merged, ...own };
  }
  return result;
}

const isNull = (s: unknown) => isRecord(s) && (s.type === 'null' || ('const' in s && s.const === null));

/**
 * Unwraps a nullable schema — `type: [T, "null"]`, `anyOf`/`oneOf` of one schema and `{type: "null"}`,
 * OpenAPI's `nullable: true`, or an `enum` containing null — into the schema of T and a flag.
 */
export function unwrapNullable(
  schema: JsonSchema,
  root: JsonSchema,
  at: string,
  seen: readonly string[],
  followed: string[] = [],
): [JsonSchema, boolean] {
  const { type } = schema;
  if (Array.isArray(type) && type.includes('null')) {
    const rest = type.filter((t) => t !== 'null');
    return [{ ...schema, type: rest.length === 1 ? rest[0] : rest }, true];
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const members = schema[key];
    if (!Array.isArray(members) || !members.some(isNull)) continue;
    const others = members.filter((m) => !isNull(m));
    const { [key]: _, ...own } = schema;
    if (others.length === 1) return [{ ...resolveSchema(others[0], root, at, seen, followed), ...own }, true];
    return [{ ...own, [key]: others }, true];
  }
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) {
    return [{ ...schema, enum: schema.enum.filter((v) => v !== null) }, true];
  }
  return [schema, schema.nullable === true];
}
