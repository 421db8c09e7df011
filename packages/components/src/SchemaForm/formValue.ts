import { isRecord } from '@predictkit/core/schema';
import type { FieldPath, ParsedField } from './parseSchema';

export type FormValue = Record<string, unknown>;

/**
 * The value a fresh field starts with: its default, a nested object's defaults, `false` for a required
 * switch. A `null` default starts the field empty: left untouched it is left out, and the model's
 * own default applies (the same `null`); the field's null toggle sends `null` on purpose.
 */
export function initialValue(f: ParsedField): unknown {
  if (f.hasDefault && f.default !== null) return structuredClone(f.default);
  if (f.kind === 'object' && f.fields) {
    const value = defaultValues(f.fields);
    return Object.keys(value).length ? value : undefined;
  }
  if (f.kind === 'boolean' && f.required) return false;
  return undefined;
}

/** The schema's defaults as a form value. */
export function defaultValues(fields: readonly ParsedField[]): FormValue {
  const value: FormValue = {};
  for (const f of fields) {
    const v = initialValue(f);
    if (v !== undefined) value[f.name] = v;
  }
  return value;
}

/**
 * `value` laid over `base`, object fields merged key by key: `{settings: {}}` keeps the defaults
 * inside `settings` and replaces only what it names.
 */
export function mergeValues(
  fields: readonly ParsedField[],
  base: FormValue,
  value: FormValue | undefined,
): FormValue {
  if (value === undefined) return base;
  if (!isRecord(value)) throw new TypeError(`defaultValue must be an object, got ${JSON.stringify(value)}`);
  const out: FormValue = { ...base, ...value };
  for (const f of fields) {
    const over = value[f.name];
    const under = base[f.name];
    if (f.fields && isRecord(over) && isRecord(under)) out[f.name] = mergeValues(f.fields, under, over);
  }
  return out;
}

const OMIT = Symbol('omit');
const TEXT_KINDS = new Set(['text', 'textarea', 'password', 'file', 'enum']);

/**
 * Whether an emptied text field sends `""`: an optional one whose default is other text, which the
 * user cleared on purpose (a system prompt, stop sequences). Left out, the default would run while
 * the field shows nothing.
 */
const clearsDefault = (f: ParsedField) =>
  (f.kind === 'text' || f.kind === 'textarea') &&
  !f.required &&
  f.hasDefault &&
  typeof f.default === 'string' &&
  f.default !== '' &&
  // Where `""` would be refused, cleared is left out as before: the default applies.
  !(Number(f.schema.minLength) > 0) &&
  f.schema.pattern === undefined;

function clean(f: ParsedField, v: unknown): unknown {
  if (v === undefined) return OMIT;
  if (v === null) return f.nullable || f.required ? null : OMIT;
  if (v === '' && TEXT_KINDS.has(f.kind) && !f.options?.some((o) => o.value === '') && !clearsDefault(f)) {
    return OMIT;
  }
  if ((f.kind === 'number' || f.kind === 'integer') && typeof v === 'string') {
    const text = v.trim();
    // A number that does not parse stays as typed, so the validator can say so and nothing is lost.
    return text === '' ? OMIT : Number.isFinite(Number(text)) ? Number(text) : v;
  }
  if (f.kind === 'object' && f.fields && isRecord(v)) {
    const out = cleanObject(f.fields, v);
    return Object.keys(out).length || f.required ? out : OMIT;
  }
  if (f.kind === 'array' && f.item && Array.isArray(v)) {
    const item = f.item;
    if (!v.length && !f.required) return OMIT;
    // Items stay at their indexes (an empty one becomes null), so issues point at the row the user sees.
    return v.map((x) => {
      const c = clean(item, x);
      return c === OMIT ? null : c;
    });
  }
  return v;
}

function cleanObject(fields: readonly ParsedField[], value: FormValue): FormValue {
  const out: FormValue = { ...value };
  for (const f of fields) {
    const c = clean(f, value[f.name]);
    if (c === OMIT) delete out[f.name];
    else out[f.name] = c;
  }
  return out;
}

/**
 * What the form submits: empty optional fields left out (a cleared text whose default is other text
 * sent as `""`), numbers typed as text made numbers.
 */
export const toSubmitValue = (fields: readonly ParsedField[], value: FormValue): FormValue =>
  cleanObject(fields, value);

/** `value` with `next` set at `path`, copying only the objects and arrays on the way. */
export function setIn(value: unknown, path: FieldPath, next: unknown): unknown {
  if (!path.length) return next;
  const [key, ...rest] = path as [string | number, ...FieldPath];
  const copy = (
    Array.isArray(value) ? [...value] : isRecord(value) ? { ...value } : typeof key === 'number' ? [] : {}
  ) as Record<string | number, unknown>;
  const child = setIn(copy[key], rest, next);
  if (child === undefined && !Array.isArray(copy)) delete copy[key];
  else copy[key] = child;
  return copy;
}

/** The value at `path`. */
export function getIn(value: unknown, path: FieldPath): unknown {
  let node = value;
  for (const key of path)
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

export const pathKey = (path: FieldPath): string => path.join('\u0000');

/** Whether `path` starts with `prefix`. */
export const startsWith = (path: FieldPath, prefix: FieldPath): boolean =>
  prefix.length <= path.length && prefix.every((k, i) => String(k) === String(path[i]));
