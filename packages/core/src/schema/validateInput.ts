import type { JsonSchema } from '../types';
import { compilePattern, type PatternTest } from './compilePattern';
import { describePattern } from './describePattern';
import { isRecord } from './isRecord';
import { type ParsedField, schemaOf } from './parseSchema';
import { resolveRef } from './resolveSchema';

/** A location in the input: property names and array indexes. */
export type IssuePath = (string | number)[];

/**
 * One problem with an input value, worded for the person filling the form; the server's `422`
 * sends the same words as `msg`. `type` is the machine-readable kind (pydantic's names, as the
 * API's validation errors use), `ctx` the keyword's own value where the words leave it out
 * (`{ pattern }`).
 */
export interface SchemaIssue {
  /** Relative to the input: `["width"]`, `["images", 2]`. */
  path: IssuePath;
  message: string;
  type: string;
  ctx?: Record<string, unknown>;
}

export interface ValidateInputOptions {
  /** Stop after this many issues (default 1000): a list of 100,000 wrong items needs no 100,000 messages. */
  maxIssues?: number;
}

/** Structural equality for JSON values (enums and `const`s may be objects or arrays). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

const TYPES: Record<string, [type: string, noun: string]> = {
  string: ['string_type', 'text'],
  number: ['float_type', 'a number'],
  integer: ['int_type', 'a whole number'],
  boolean: ['bool_type', 'true or false'],
  array: ['list_type', 'a list'],
  object: ['dict_type', 'an object'],
  null: ['none_required', 'empty (null)'],
};

function hasType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isRecord(value);
    case 'null':
      return value === null;
    default:
      // A type this engine does not know is the schema's problem, not the input's.
      return true;
  }
}

const label = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const list = (words: string[]) =>
  words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? '');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** `type: "number"` alone, or with `null` beside it, in words: "a number", "a number or text". */
function typeIssue(types: unknown[]): Omit<SchemaIssue, 'path'> {
  const known = types.map((t): [string, string] => TYPES[String(t)] ?? ['type_error', String(t)]);
  return { type: known[0]?.[0] ?? 'type_error', message: `Must be ${list(known.map(([, noun]) => noun))}` };
}

/** Unicode characters, as JSON Schema counts a string's length (not UTF-16 units). */
function length(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const patterns = new Map<string, PatternTest | null>();
/** Whether `value` matches `pattern`; `undefined` for a pattern not run (see `compilePattern`). */
function matches(pattern: string, value: string): boolean | undefined {
  let test = patterns.get(pattern);
  if (test === undefined) {
    test = compilePattern(pattern);
    if (patterns.size > 500) patterns.clear();
    patterns.set(pattern, test);
  }
  return test?.(value);
}

const isNullSchema = (s: unknown) => isRecord(s) && (s.type === 'null' || ('const' in s && s.const === null));
const FILE_FORMATS = new Set(['uri', 'uri-reference', 'iri']);

class Run {
  readonly issues: SchemaIssue[] = [];
  // A keyword met twice on the way to a value (a `$ref`'s type and the property's own) is said once.
  readonly #said = new Set<string>();
  constructor(
    readonly root: JsonSchema,
    readonly max: number,
  ) {}

  get full() {
    return this.issues.length >= this.max;
  }

  add(path: IssuePath, issue: Omit<SchemaIssue, 'path'>) {
    if (this.full) return;
    const key = JSON.stringify([path, issue.message]);
    if (this.#said.has(key)) return;
    this.#said.add(key);
    this.issues.push({ path, ...issue });
  }

  /** Whether `value` fits `schema`, without reporting anything. */
  fits(schema: unknown, value: unknown, path: IssuePath, refs: readonly string[]): boolean {
    const probe = new Run(this.root, 1);
    probe.check(schema, value, path, refs);
    return probe.issues.length === 0;
  }

  /** The issues of `value` against `schema`, collected apart (a union's branches are tried this way). */
  collect(schema: unknown, value: unknown, path: IssuePath, refs: readonly string[]): SchemaIssue[] {
    const trial = new Run(this.root, this.max);
    trial.check(schema, value, path, refs);
    return trial.issues;
  }

  /**
   * Checks `value` against `schema`. `refs` are the references followed at this same place of the
   * input: one met again there would loop forever, so it stops (a schema that contains itself with
   * nothing in between accepts anything there).
   */
  check(schema: unknown, value: unknown, path: IssuePath, refs: readonly string[]): void {
    if (this.full || schema === true || schema === undefined) return;
    if (schema === false) {
      this.add(path, { type: 'extra_forbidden', message: 'Not an input this model takes' });
      return;
    }
    if (!isRecord(schema)) return;
    const s = schema;
    // OpenAPI 3.0 writes a nullable field as `nullable: true` beside its type (or its `allOf`).
    if (value === null && s.nullable === true) return;

    if (typeof s.$ref === 'string' && !refs.includes(s.$ref)) {
      this.check(resolveRef(this.root, s.$ref), value, path, [...refs, s.$ref]);
    }
    if (Array.isArray(s.allOf)) for (const member of s.allOf) this.check(member, value, path, refs);
    // An empty list is no constraint: Cog leaves `anyOf: []` behind on the items of optional lists.
    if (Array.isArray(s.anyOf) && s.anyOf.length) this.union(s.anyOf, value, path, refs, false);
    if (Array.isArray(s.oneOf) && s.oneOf.length) this.union(s.oneOf, value, path, refs, true);
    if (s.not !== undefined && this.fits(s.not, value, path, refs)) {
      this.add(path, { type: 'not', message: 'This value is not allowed here' });
    }
    if (s.if !== undefined) {
      const branch = this.fits(s.if, value, path, refs) ? s.then : s.else;
      if (branch !== undefined) this.check(branch, value, path, refs);
    }

    // A value of the wrong type, or not among the options, has nothing more worth saying about it.
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.some((t) => hasType(value, t))) {
        this.add(path, typeIssue(types));
        return;
      }
    }
    if (Array.isArray(s.enum) && !s.enum.some((option) => sameValue(option, value))) {
      this.add(path, {
        type: 'enum',
        message: `Must be one of: ${s.enum.map(label).join(', ')}`,
        ctx: { expected: s.enum },
      });
      return;
    }
    if ('const' in s && !sameValue(s.const, value)) {
      this.add(path, {
        type: 'literal_error',
        message: `Must be ${label(s.const)}`,
        ctx: { expected: s.const },
      });
      return;
    }
    if (typeof value === 'number') this.number(s, value, path);
    else if (typeof value === 'string') this.string(s, value, path);
    else if (Array.isArray(value)) this.array(s, value, path, refs);
    else if (isRecord(value)) this.object(s, value, path);
  }

  union(members: unknown[], value: unknown, path: IssuePath, refs: readonly string[], one: boolean) {
    if (value === null && members.some(isNullSchema)) return;
    const passing = members.filter((m) => this.fits(m, value, path, refs)).length;
    if (one ? passing === 1 : passing > 0) return;
    if (one && passing > 1) {
      return this.add(path, {
        type: 'union_mismatch',
        message: 'Matches more than one of the allowed shapes',
      });
    }
    const others = members.filter((m) => !isNullSchema(m));
    const resolved = others.map((m) =>
      isRecord(m) && typeof m.$ref === 'string' ? resolveRef(this.root, m.$ref) : m,
    );
    // The options of an enum written as `oneOf` of `const`s, by their titles.
    if (resolved.length && resolved.every((m) => isRecord(m) && 'const' in m)) {
      const options = resolved as JsonSchema[];
      return this.add(path, {
        type: 'enum',
        message: `Must be one of: ${options.map((m) => (typeof m.title === 'string' ? m.title : label(m.const))).join(', ')}`,
        ctx: { expected: options.map((m) => m.const) },
      });
    }
    // `anyOf: [T, null]` is T that may be null: T's own words say what is wrong.
    if (others.length === 1) {
      for (const issue of this.collect(others[0], value, path, refs)) this.add(issue.path, issue);
      return;
    }
    const types = resolved.map((m) => (isRecord(m) ? m.type : undefined));
    if (types.length && types.every((t) => typeof t === 'string')) return this.add(path, typeIssue(types));
    this.add(path, { type: 'union_mismatch', message: 'Does not match any of the allowed shapes' });
  }

  number(s: JsonSchema, v: number, path: IssuePath) {
    // Draft 4 wrote exclusive bounds as booleans beside minimum/maximum.
    const xmin = s.exclusiveMinimum === true ? num(s.minimum) : num(s.exclusiveMinimum);
    const xmax = s.exclusiveMaximum === true ? num(s.maximum) : num(s.exclusiveMaximum);
    const min = s.exclusiveMinimum === true ? undefined : num(s.minimum);
    const max = s.exclusiveMaximum === true ? undefined : num(s.maximum);
    if (min !== undefined && v < min)
      this.add(path, { type: 'greater_than_equal', message: `Must be at least ${min}`, ctx: { ge: min } });
    if (max !== undefined && v > max)
      this.add(path, { type: 'less_than_equal', message: `Must be at most ${max}`, ctx: { le: max } });
    if (xmin !== undefined && v <= xmin)
      this.add(path, { type: 'greater_than', message: `Must be greater than ${xmin}`, ctx: { gt: xmin } });
    if (xmax !== undefined && v >= xmax)
      this.add(path, { type: 'less_than', message: `Must be less than ${xmax}`, ctx: { lt: xmax } });
    const step = num(s.multipleOf);
    // Compared with a tolerance: 0.3 is a multiple of 0.1 though 0.3 / 0.1 is 2.9999999999999996.
    if (step && step > 0 && Math.abs(v / step - Math.round(v / step)) > 1e-9) {
      this.add(path, {
        type: 'multiple_of',
        message: `Must be a multiple of ${step}`,
        ctx: { multiple_of: step },
      });
    }
  }

  string(s: JsonSchema, v: string, path: IssuePath) {
    const n = num(s.minLength) !== undefined || num(s.maxLength) !== undefined ? length(v) : 0;
    const min = num(s.minLength);
    const max = num(s.maxLength);
    if (min !== undefined && n < min) {
      this.add(path, {
        type: 'string_too_short',
        message: min === 1 ? 'Must not be empty' : `Must be at least ${plural(min, 'character')}`,
        ctx: { min_length: min },
      });
    }
    if (max !== undefined && n > max)
      this.add(path, {
        type: 'string_too_long',
        message: `Must be at most ${plural(max, 'character')}`,
        ctx: { max_length: max },
      });
    if (typeof s.pattern === 'string' && matches(s.pattern, v) === false) {
      this.add(path, {
        type: 'string_pattern_mismatch',
        message: describePattern(s.pattern),
        ctx: { pattern: s.pattern },
      });
    }
    // Files arrive as URLs or `data:` URIs, or as a path from the page's root (`/api/files/…`, a
    // proxy's URL for an upload), which the page resolves. A `uri` has a scheme of more than one
    // letter (`C:\a.wav` is a path, `cat.png` a name); only a `uri-reference` may be relative.
    const format = s.format as string;
    if (
      FILE_FORMATS.has(format) &&
      !(format === 'uri-reference' || /^\/(?![/\\])/.test(v)
        ? URL.canParse(v, 'https://relative.invalid/')
        : /^[a-z][\w+.-]+:/i.test(v) && URL.canParse(v))
    ) {
      this.add(path, { type: 'url_parsing', message: 'Must be a file or a URL' });
    }
  }

  array(s: JsonSchema, v: unknown[], path: IssuePath, refs: readonly string[]) {
    const min = num(s.minItems);
    const max = num(s.maxItems);
    if (min !== undefined && v.length < min)
      this.add(path, {
        type: 'too_short',
        message: `Must have at least ${plural(min, 'item')}`,
        ctx: { min_length: min },
      });
    if (max !== undefined && v.length > max)
      this.add(path, {
        type: 'too_long',
        message: `Must have at most ${plural(max, 'item')}`,
        ctx: { max_length: max },
      });
    if (s.uniqueItems === true && v.some((x, i) => v.findIndex((y) => sameValue(x, y)) !== i)) {
      this.add(path, { type: 'unique_items', message: 'Items must be unique' });
    }
    const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    for (const [i, item] of v.entries()) {
      if (this.full) return;
      const itemSchema = i < prefix.length ? prefix[i] : s.items;
      if (itemSchema !== undefined) this.check(itemSchema, item, [...path, i], []);
    }
    if (s.contains !== undefined) {
      const found = v.filter((x, i) => this.fits(s.contains, x, [...path, i], refs)).length;
      const least = num(s.minContains) ?? 1;
      const most = num(s.maxContains);
      if (found < least || (most !== undefined && found > most)) {
        this.add(path, { type: 'contains', message: 'Does not have the items it needs' });
      }
    }
  }

  object(s: JsonSchema, v: Record<string, unknown>, path: IssuePath) {
    const properties = isRecord(s.properties) ? s.properties : {};
    if (Array.isArray(s.required)) {
      for (const key of s.required) {
        if (typeof key === 'string' && !Object.hasOwn(v, key))
          this.add([...path, key], { type: 'missing', message: 'Field required' });
      }
    }
    if (isRecord(s.dependentRequired)) {
      for (const [key, needs] of Object.entries(s.dependentRequired)) {
        if (!Object.hasOwn(v, key) || !Array.isArray(needs)) continue;
        for (const need of needs) {
          if (typeof need === 'string' && !Object.hasOwn(v, need))
            this.add([...path, need], { type: 'missing', message: `Field required with ${key}` });
        }
      }
    }
    const patternProperties = isRecord(s.patternProperties) ? Object.entries(s.patternProperties) : [];
    const minProps = num(s.minProperties);
    const maxProps = num(s.maxProperties);
    const count = Object.keys(v).length;
    if (minProps !== undefined && count < minProps)
      this.add(path, {
        type: 'too_short',
        message: `Must have at least ${plural(minProps, 'entry')}`.replace('entrys', 'entries'),
      });
    if (maxProps !== undefined && count > maxProps)
      this.add(path, {
        type: 'too_long',
        message: `Must have at most ${plural(maxProps, 'entry')}`.replace('entrys', 'entries'),
      });
    for (const [key, item] of Object.entries(v)) {
      if (this.full) return;
      const at = [...path, key];
      if (s.propertyNames !== undefined && !this.fits(s.propertyNames, key, at, [])) {
        this.add(at, { type: 'property_name', message: `"${key}" is not an allowed name` });
      }
      let described = false;
      if (Object.hasOwn(properties, key)) {
        described = true;
        this.check(properties[key], item, at, []);
      }
      for (const [pattern, sub] of patternProperties) {
        const match = matches(pattern, key);
        // A key a pattern not run might describe is neither blamed nor checked against its schema.
        if (match !== false) described = true;
        if (match) this.check(sub, item, at, []);
      }
      if (!described && s.additionalProperties !== undefined)
        this.check(s.additionalProperties, item, at, []);
    }
  }
}

/**
 * Validates an input against its JSON Schema (draft 2020-12, read as `parseSchema` reads it: local
 * `$ref`s, OpenAPI's `#/components/schemas/…`, `nullable`) and words each problem for a person.
 * The form and the local server both judge inputs with this, so one bad input gets the same words
 * in both. Takes the schema, or the fields `parseSchema` read from it. Pure; never throws on input.
 */
export function validateInput(
  schema: JsonSchema | readonly ParsedField[],
  value: unknown,
  options: ValidateInputOptions = {},
): SchemaIssue[] {
  const root = Array.isArray(schema) ? schemaOf(schema as readonly ParsedField[]) : schema;
  if (!isRecord(root)) {
    throw new TypeError(
      `validateInput: \`schema\` must be a JSON Schema object, got ${JSON.stringify(root)}.`,
    );
  }
  const { maxIssues = 1000 } = options;
  if (!Number.isInteger(maxIssues) || maxIssues < 1) {
    throw new TypeError(
      `validateInput: \`maxIssues\` must be a whole number ≥ 1, got ${JSON.stringify(maxIssues)}.`,
    );
  }
  const run = new Run(root as JsonSchema, maxIssues);
  run.check(root, value, [], []);
  return run.issues;
}
