import { isText } from '../isObject';
import type { JsonSchema } from '../types';
import { isRecord } from './isRecord';
import { describe, resolveSchema, unwrapNullable } from './resolveSchema';
import { SchemaError } from './SchemaError';

/** Which widget family a field gets; the key of the widget table. */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'password'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'file'
  | 'array'
  | 'object'
  | 'json';

/** A location in the input: property names and array indexes. */
export type FieldPath = (string | number)[];

export interface FieldOption {
  value: unknown;
  label: string;
}

/** One input of the form, read once from the schema; every widget works from this, never from the raw schema. */
export interface ParsedField {
  /** The property name; for an array's item, the array's name. */
  name: string;
  kind: FieldKind;
  label: string;
  description?: string;
  required: boolean;
  /** `null` is an accepted value (`anyOf: [T, {type: 'null'}]`, `type: [T, 'null']`). */
  nullable: boolean;
  hasDefault: boolean;
  default?: unknown;
  /** Options of an enum, from `enum` or from `oneOf`/`anyOf` of `const`s (whose titles become labels). */
  options?: FieldOption[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  /** For files: the `accept` attribute, from `contentMediaType` or Cog's `x-cog-accept` (a list or one text). */
  accept?: string;
  /** For text: the input's `type` (`email`, `date`, `time`) from `format`. */
  inputType?: string;
  /** An array's item. */
  item?: ParsedField;
  /** An object's properties, in display order. */
  fields?: ParsedField[];
  readOnly: boolean;
  /** `deprecated: true`: still taken, but on its way out. */
  deprecated: boolean;
  /**
   * A secret (Cog's `Secret`: `x-cog-secret`, or `format: password`/`writeOnly`): never echoed. Cog
   * publishes a secret's default masked (`"**********"`); a mask is not a value, so such a field has no default.
   */
  secret: boolean;
  /** An array that Cog streams as it is produced (`x-cog-array-type: "iterator"`). */
  iterator?: boolean;
  /** An array of text chunks shown as one text (`x-cog-array-display: "concatenate"`). */
  concatenate?: boolean;
  /** Constraints in words: "1–4 · default 50". */
  hint: string;
  /** The field's schema with `$ref`, `allOf` and nullability resolved. */
  schema: JsonSchema;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** "max_tokens" and "maxTokens" → "Max tokens". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "num_outputs" → "Num Outputs", as Pydantic titles a field Cog declares without one. */
const pythonTitle = (name: string) =>
  name.replace(/_/g, ' ').replace(/[a-z]+/gi, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase());

const LONG_TEXT =
  /^(prompt|text|description|caption|instructions?|message|content|context|body|document|transcript)$/i;
const isLongText = (name: string, title: string | undefined) =>
  [name, title ?? ''].some((s) => LONG_TEXT.test(s) || LONG_TEXT.test(s.split(/[_\s-]+/).pop() ?? ''));

// Lists pasted as text, one item a line: Enter must make a new line, and pasted line breaks must stay.
const LINE_LIST = /new[-\s]?line[-\s]separated|separated by (?:a )?new[-\s]?lines?|one (?:\w+ )?per line/i;

/** Cog's `Secret` and the standard marks of a value that is written but never shown. */
export const isSecret = (s: JsonSchema): boolean =>
  s['x-cog-secret'] === true || s.format === 'password' || s.writeOnly === true;

/** A default that only masks the real one (Cog publishes a secret's default as asterisks). */
const isMasked = (v: unknown) => typeof v === 'string' && /^\*+$/.test(v);

/** Cog's hints on an array: streamed as produced (`iterator`), shown as one text (`concatenate`). */
export function cogArrayHints(s: JsonSchema): { iterator: boolean; concatenate: boolean } {
  if (!isRecord(s)) throw new TypeError(`cogArrayHints: expected a schema object, got ${describe(s)}.`);
  return {
    iterator: s['x-cog-array-type'] === 'iterator',
    concatenate: s['x-cog-array-display'] === 'concatenate',
  };
}

// pydantic gives every Enum the docstring of Python's Enum base class: it says nothing about the input.
const BOILERPLATE_DESCRIPTIONS = new Set(['An enumeration.']);

const INPUT_TYPES: Record<string, string> = { email: 'email', date: 'date', time: 'time', color: 'color' };

function kindOf(s: JsonSchema, name: string, options: FieldOption[] | undefined): FieldKind {
  if (options) return 'enum';
  let type = s.type;
  if (type === undefined) {
    type = isRecord(s.properties)
      ? 'object'
      : s.items !== undefined
        ? 'array'
        : s.format || s.contentMediaType
          ? 'string'
          : undefined;
  }
  switch (type) {
    case 'string':
      if (['uri', 'uri-reference', 'iri', 'binary'].includes(s.format as string) || s.contentMediaType)
        return 'file';
      if (isSecret(s)) return 'password';
      return isLongText(name, str(s.title)) ||
        (num(s.maxLength) ?? 0) > 200 ||
        LINE_LIST.test(str(s.description) ?? '')
        ? 'textarea'
        : 'text';
    case 'number':
    case 'integer':
    case 'boolean':
    case 'array':
      return type;
    case 'object':
      return isRecord(s.properties) ? 'object' : 'json';
    default:
      return 'json';
  }
}

function optionsOf(
  s: JsonSchema,
  root: JsonSchema,
  at: string,
  seen: readonly string[],
): FieldOption[] | undefined {
  if (Array.isArray(s.enum)) return s.enum.map((value) => ({ value, label: String(value) }));
  if ('const' in s) return [{ value: s.const, label: str(s.title) ?? String(s.const) }];
  const members = s.oneOf ?? s.anyOf;
  if (!Array.isArray(members) || !members.length) return undefined;
  const resolved = members.map((m, i) => resolveSchema(m, root, `${at}.oneOf[${i}]`, seen));
  if (!resolved.every((m) => 'const' in m || (Array.isArray(m.enum) && m.enum.length === 1)))
    return undefined;
  return resolved.map((m) => {
    const value = 'const' in m ? m.const : (m.enum as unknown[])[0];
    return { value, label: str(m.title) ?? String(value) };
  });
}

const range = (min: number | undefined, max: number | undefined, unit = '') =>
  min !== undefined && max !== undefined
    ? `${min}–${max}${unit}`
    : min !== undefined
      ? `≥ ${min}${unit}`
      : max !== undefined
        ? `≤ ${max}${unit}`
        : '';

function hintOf(f: Omit<ParsedField, 'hint'>): string {
  const parts: string[] = [];
  if (f.kind === 'number' || f.kind === 'integer') {
    const { minimum: min, maximum: max, exclusiveMinimum: xmin, exclusiveMaximum: xmax } = f;
    parts.push(
      xmin === undefined && xmax === undefined
        ? range(min, max)
        : [
            xmin !== undefined ? `> ${xmin}` : range(min, undefined),
            xmax !== undefined ? `< ${xmax}` : range(undefined, max),
          ]
            .filter(Boolean)
            .join(', '),
    );
  }
  // "≥ 1 character", "3 items", "1–3 characters": a count of 1 is said in the singular.
  const counted = (min: number | undefined, max: number | undefined, unit: string) => {
    const one = (min === max || min === undefined || max === undefined) && (min ?? max) === 1;
    const units = ` ${unit}${one ? '' : 's'}`;
    return min === max ? `${min}${units}` : range(min, max, units);
  };
  if (f.minLength !== undefined || f.maxLength !== undefined)
    parts.push(counted(f.minLength, f.maxLength, 'character'));
  if (f.minItems !== undefined || f.maxItems !== undefined)
    parts.push(counted(f.minItems, f.maxItems, 'item'));
  // A secret's default is the model's business: printing it beside a masked field would show it.
  if (f.hasDefault && f.default !== null && f.kind !== 'file' && !f.secret) {
    const option = f.options?.find((o) => o.value === f.default);
    const text = option?.label ?? (typeof f.default === 'string' ? f.default : JSON.stringify(f.default));
    // An empty list or object is no default worth a word ("default []").
    if (text.length <= 24 && text && text !== '[]' && text !== '{}') parts.push(`default ${text}`);
  }
  return parts.filter(Boolean).join(' · ');
}

function parseField(
  name: string,
  raw: unknown,
  required: boolean,
  root: JsonSchema,
  at: string,
  seen: readonly string[],
): ParsedField {
  const followed: string[] = [];
  const [s, nullable] = unwrapNullable(
    resolveSchema(raw, root, at, seen, followed),
    root,
    at,
    seen,
    followed,
  );
  const chain = [...seen, ...followed];
  const options = optionsOf(s, root, at, chain);
  const kind = kindOf(s, name, options);
  // A title reached through $ref or allOf names the shared definition ("Size"), not this property ("Width").
  const borrowed = isRecord(raw) && ['$ref', 'allOf', 'anyOf', 'oneOf'].some((k) => k in raw);
  const own =
    isRecord(raw) && typeof raw.title === 'string' ? str(raw.title) : borrowed ? undefined : str(s.title);
  // Cog titles a field with its parameter name ("output_type"), or with its words capitalised as
  // Python's `str.title` does ("Num Outputs"): that is no title, and the name made readable keeps
  // one casing across a form whose enum fields have no title at all.
  const title = own === name || own === pythonTitle(name) ? undefined : own;
  const description = str(s.description);
  const secret = kind === 'password' && isSecret(s);
  const hasDefault = 'default' in s && !(secret && isMasked(s.default));
  const field: Omit<ParsedField, 'hint'> = {
    name,
    kind,
    label: title ?? humanize(name),
    description: description && !BOILERPLATE_DESCRIPTIONS.has(description) ? description : undefined,
    required,
    nullable,
    hasDefault,
    default: hasDefault ? s.default : undefined,
    options,
    minimum: num(s.minimum),
    maximum: num(s.maximum),
    // Draft 4 wrote exclusive bounds as booleans beside minimum/maximum.
    exclusiveMinimum: s.exclusiveMinimum === true ? num(s.minimum) : num(s.exclusiveMinimum),
    exclusiveMaximum: s.exclusiveMaximum === true ? num(s.maximum) : num(s.exclusiveMaximum),
    multipleOf: num(s.multipleOf),
    minLength: num(s.minLength),
    maxLength: num(s.maxLength),
    pattern: str(s.pattern),
    format: str(s.format),
    minItems: num(s.minItems),
    maxItems: num(s.maxItems),
    uniqueItems: s.uniqueItems === true,
    accept: str(s.contentMediaType) ?? str([s['x-cog-accept']].flat().filter(isText).join()),
    inputType: INPUT_TYPES[s.format as string],
    readOnly: s.readOnly === true,
    deprecated: s.deprecated === true,
    secret,
    schema: s,
  };
  if (s.exclusiveMinimum === true) field.minimum = undefined;
  if (s.exclusiveMaximum === true) field.maximum = undefined;
  if (kind === 'array') {
    const { iterator, concatenate } = cogArrayHints(s);
    if (iterator) field.iterator = true;
    if (concatenate) field.concatenate = true;
    const items = Array.isArray(s.prefixItems) && s.items === undefined ? undefined : s.items;
    field.item = { ...parseField(name, items, true, root, `${at}[]`, chain), label: title ?? humanize(name) };
  }
  if (kind === 'object') field.fields = parseProperties(s, root, at, chain);
  return { ...field, hint: hintOf(field) };
}

function parseProperties(
  s: JsonSchema,
  root: JsonSchema,
  at: string,
  seen: readonly string[],
): ParsedField[] {
  const { properties } = s;
  if (properties === undefined) return [];
  if (!isRecord(properties))
    throw new SchemaError(`"properties" must be an object, got ${describe(properties)}`, at);
  const required = new Set(Array.isArray(s.required) ? s.required.filter((k) => typeof k === 'string') : []);
  const fields = Object.entries(properties).map(([key, sub], index) => {
    const field = parseField(key, sub, required.has(key), root, at ? `${at}.${key}` : key, seen);
    return { field, index, order: num(field.schema['x-order']) ?? Number.POSITIVE_INFINITY };
  });
  // x-order first; fields without it keep their `properties` order, after the ordered ones.
  return fields.sort((a, b) => a.order - b.order || a.index - b.index).map((f) => f.field);
}

/**
 * Reads an input JSON Schema (draft 2020-12, read generously) into the form's fields, in display order.
 * Pure; throws {@link SchemaError} with a plain message for a schema that cannot become a form.
 */
export function parseSchema(schema: unknown): ParsedField[] {
  if (!isRecord(schema)) throw new SchemaError(`The schema must be a JSON object, got ${describe(schema)}`);
  const known = parsed.get(schema);
  if (known) return known;
  const seen: string[] = [];
  const [root] = unwrapNullable(resolveSchema(schema, schema, '', [], seen), schema, '', [], seen);
  if (root.type !== undefined && root.type !== 'object') {
    throw new SchemaError(
      `The input schema must describe an object, but its type is ${JSON.stringify(root.type)}`,
    );
  }
  const fields = parseProperties(root, schema, '', seen);
  parsed.set(schema, fields);
  roots.set(fields, schema);
  return fields;
}

// Parsed once per schema object: the server reads a version's schema for every prediction.
const parsed = new WeakMap<JsonSchema, ParsedField[]>();
const roots = new WeakMap<readonly ParsedField[], JsonSchema>();

/** The schema that `parseSchema` read `fields` from, so that fields can stand for their schema. */
export function schemaOf(fields: readonly ParsedField[]): JsonSchema {
  const root = roots.get(fields);
  if (!root) {
    throw new TypeError(
      'Expected the fields that parseSchema returned (or the schema itself), got a list parseSchema did not make.',
    );
  }
  return root;
}
