import type { JsonSchema } from '@predictkit/core';
import { isRecord } from '../internal/isRecord';
import { type FieldPath, type ParsedField, parseSchema } from './parseSchema';

/** A problem with one input value; `path` is relative to the input (`['width']`, `['images', 2]`). */
export interface FieldIssue {
  path: FieldPath;
  message: string;
}

const STRING_KINDS = new Set(['text', 'textarea', 'password', 'file']);

/** Structural equality for JSON values, for enums whose options are objects or arrays. */
export const sameValue = (a: unknown, b: unknown) =>
  a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));

function typeError(f: ParsedField, v: unknown): string | undefined {
  const type = f.kind === 'json' ? f.schema.type : f.kind;
  if (STRING_KINDS.has(type as string) || type === 'string')
    return typeof v === 'string' ? undefined : 'Must be text';
  if (type === 'number' || type === 'integer') {
    if (typeof v !== 'number' || !Number.isFinite(v)) return 'Must be a number';
    return type === 'integer' && !Number.isInteger(v) ? 'Must be a whole number' : undefined;
  }
  if (type === 'boolean') return typeof v === 'boolean' ? undefined : 'Must be true or false';
  if (type === 'array') return Array.isArray(v) ? undefined : 'Must be a list';
  if (type === 'object') return isRecord(v) ? undefined : 'Must be an object';
  return undefined;
}

function checkField(f: ParsedField, v: unknown, path: FieldPath, out: FieldIssue[]): void {
  const issue = (message: string) => out.push({ path, message });
  if (v === undefined || (v === '' && STRING_KINDS.has(f.kind))) {
    if (f.required) issue('Required');
    return;
  }
  if (v === null) {
    if (!f.nullable) issue(f.required ? 'Required' : 'Must not be empty');
    return;
  }
  if (f.options) {
    if (!f.options.some((o) => sameValue(o.value, v))) {
      issue(`Must be one of: ${f.options.map((o) => o.label).join(', ')}`);
    }
    return;
  }
  const wrongType = typeError(f, v);
  if (wrongType) return void issue(wrongType);
  if (typeof v === 'number') {
    if (f.minimum !== undefined && v < f.minimum) issue(`Must be at least ${f.minimum}`);
    if (f.maximum !== undefined && v > f.maximum) issue(`Must be at most ${f.maximum}`);
    if (f.exclusiveMinimum !== undefined && v <= f.exclusiveMinimum)
      issue(`Must be greater than ${f.exclusiveMinimum}`);
    if (f.exclusiveMaximum !== undefined && v >= f.exclusiveMaximum)
      issue(`Must be less than ${f.exclusiveMaximum}`);
    const step = f.multipleOf;
    if (step && Math.abs(v / step - Math.round(v / step)) > 1e-9) issue(`Must be a multiple of ${step}`);
  }
  if (typeof v === 'string') {
    // JSON Schema counts characters (code points), not UTF-16 units.
    const length = [...v].length;
    if (f.minLength !== undefined && length < f.minLength)
      issue(`Must be at least ${f.minLength} characters`);
    if (f.maxLength !== undefined && length > f.maxLength) issue(`Must be at most ${f.maxLength} characters`);
    if (f.pattern && !safeTest(f.pattern, v)) issue(`Must match the pattern ${f.pattern}`);
    if (f.kind === 'file' && !URL.canParse(v, 'https://relative.invalid/')) issue('Must be a file or a URL');
  }
  if (Array.isArray(v)) {
    if (f.minItems !== undefined && v.length < f.minItems) {
      issue(`Must have at least ${f.minItems} ${f.minItems === 1 ? 'item' : 'items'}`);
    }
    if (f.maxItems !== undefined && v.length > f.maxItems) issue(`Must have at most ${f.maxItems} items`);
    if (f.uniqueItems && new Set(v.map((x) => JSON.stringify(x))).size < v.length)
      issue('Items must be unique');
    if (f.item) for (const [i, x] of v.entries()) checkField(f.item, x, [...path, i], out);
  }
  if (f.fields && isRecord(v)) checkFields(f.fields, v, path, out);
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    // A pattern this engine cannot read is the schema's problem, not the user's: let the server decide.
    return true;
  }
}

function checkFields(
  fields: ParsedField[],
  value: Record<string, unknown>,
  path: FieldPath,
  out: FieldIssue[],
) {
  for (const f of fields) checkField(f, value[f.name], [...path, f.name], out);
}

/**
 * The small built-in validator: required, type, bounds (exclusive too), multipleOf, lengths, pattern, enum,
 * item counts and uniqueness, through nested objects and arrays. Takes parsed fields or the schema itself.
 */
export function validateInput(fields: readonly ParsedField[] | JsonSchema, value: unknown): FieldIssue[] {
  const list = Array.isArray(fields) ? (fields as ParsedField[]) : parseSchema(fields);
  if (!isRecord(value)) return [{ path: [], message: 'The input must be an object' }];
  const out: FieldIssue[] = [];
  checkFields(list, value, [], out);
  return out;
}
