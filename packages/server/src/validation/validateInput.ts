import { type OutputUnit, Validator } from '@cfworker/json-schema';
import type { JsonSchema, ValidationIssueWire } from '@predictkit/core';
import { decodeDataUri } from '../models/dataUri';
import { valueAtKeywordLocation, walkWithSchema } from './schemaPointer';

type Loc = (string | number)[];

const TYPE_NAMES: Record<string, [type: string, noun: string]> = {
  integer: ['int_type', 'a valid integer'],
  number: ['float_type', 'a valid number'],
  string: ['string_type', 'a valid string'],
  boolean: ['bool_type', 'a valid boolean'],
  array: ['list_type', 'a valid list'],
  object: ['dict_type', 'a valid object'],
  null: ['none_required', 'null'],
};

/** Keywords whose errors only summarise errors reported deeper down. */
const SUMMARY_KEYWORDS = new Set([
  'properties',
  'items',
  'prefixItems',
  'allOf',
  '$ref',
  'additionalProperties',
  'unevaluatedProperties',
]);

const validators = new WeakMap<JsonSchema, Validator>();
/** Validators that stop at the first error. */
const firstErrorValidators = new WeakMap<JsonSchema, Validator>();

function validatorFor(schema: JsonSchema, firstErrorOnly = false): Validator {
  const cache = firstErrorOnly ? firstErrorValidators : validators;
  let validator = cache.get(schema);
  if (!validator) {
    validator = new Validator(schema as never, '2020-12', firstErrorOnly);
    cache.set(schema, validator);
  }
  return validator;
}

/**
 * Every error, or the first one when there are too many to collect: the validator gathers errors
 * by spreading them into calls, which overflows the stack past some tens of thousands (a list of
 * 100,000 wrong items).
 */
function validate(schema: JsonSchema, input: unknown) {
  try {
    return validatorFor(schema).validate(input);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return validatorFor(schema, true).validate(input);
  }
}

function instancePath(location: string): Loc {
  return location
    .replace(/^#/, '')
    .split('/')
    .filter(Boolean)
    .map((token) => {
      const key = decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
      return /^\d+$/.test(key) ? Number(key) : key;
    });
}

function quote(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

function describe(keyword: string, expected: unknown): { type: string; msg: string } {
  switch (keyword) {
    case 'type': {
      const types = Array.isArray(expected) ? expected : [expected];
      const known = types.map((t) => TYPE_NAMES[String(t)] ?? ['type_error', String(t)]);
      return {
        type: known[0]?.[0] ?? 'type_error',
        msg: `Input should be ${known.map(([, noun]) => noun).join(' or ')}`,
      };
    }
    case 'minimum':
      return { type: 'greater_than_equal', msg: `Input should be greater than or equal to ${expected}` };
    case 'maximum':
      return { type: 'less_than_equal', msg: `Input should be less than or equal to ${expected}` };
    case 'exclusiveMinimum':
      return { type: 'greater_than', msg: `Input should be greater than ${expected}` };
    case 'exclusiveMaximum':
      return { type: 'less_than', msg: `Input should be less than ${expected}` };
    case 'multipleOf':
      return { type: 'multiple_of', msg: `Input should be a multiple of ${expected}` };
    case 'minLength':
      return {
        type: 'string_too_short',
        msg: `String should have at least ${expected} character${expected === 1 ? '' : 's'}`,
      };
    case 'maxLength':
      return { type: 'string_too_long', msg: `String should have at most ${expected} characters` };
    case 'pattern':
      return { type: 'string_pattern_mismatch', msg: `String should match pattern '${expected}'` };
    case 'enum': {
      const options = Array.isArray(expected) ? expected.map(quote) : [];
      const list =
        options.length > 1 ? `${options.slice(0, -1).join(', ')} or ${options.at(-1)}` : options.join('');
      return { type: 'enum', msg: `Input should be ${list}` };
    }
    case 'const':
      return { type: 'literal_error', msg: `Input should be ${quote(expected)}` };
    case 'minItems':
      return {
        type: 'too_short',
        msg: `List should have at least ${expected} item${expected === 1 ? '' : 's'}`,
      };
    case 'maxItems':
      return { type: 'too_long', msg: `List should have at most ${expected} items` };
    case 'uniqueItems':
      return { type: 'unique_items', msg: 'List items should be unique' };
    default:
      return { type: keyword, msg: `Input does not satisfy \`${keyword}\`` };
  }
}

function issueFor(schema: JsonSchema, unit: OutputUnit, prefix: Loc): ValidationIssueWire | undefined {
  const at = [...prefix, ...instancePath(unit.instanceLocation)];
  if (unit.keyword === 'required') {
    const property = /"([^"]+)"/.exec(unit.error)?.[1] ?? '';
    return { loc: [...at, property], msg: 'Field required', type: 'missing' };
  }
  if (unit.keyword === 'false')
    return { loc: at, msg: 'Extra inputs are not permitted', type: 'extra_forbidden' };
  if (unit.keyword === 'anyOf' || unit.keyword === 'oneOf') {
    const branches = valueAtKeywordLocation(schema, unit.keywordLocation);
    const types = Array.isArray(branches)
      ? branches.map((branch) =>
          branch && typeof branch === 'object' ? (branch as JsonSchema).type : undefined,
        )
      : [];
    if (types.length > 0 && types.every((t) => typeof t === 'string'))
      return { loc: at, ...describe('type', types) };
    return { loc: at, msg: 'Input does not match any of the allowed shapes', type: 'union_mismatch' };
  }
  if (SUMMARY_KEYWORDS.has(unit.keyword)) return undefined;
  return { loc: at, ...describe(unit.keyword, valueAtKeywordLocation(schema, unit.keywordLocation)) };
}

/**
 * Validates `input` against a JSON Schema (draft 2020-12) and answers the API's `422` issues, with
 * `loc` paths under `prefix` (e.g. `["body", "input", "width"]`). One issue per failing value: the
 * deepest, most specific error, and a single one for a failed `anyOf` rather than one per branch.
 */
export function validateAgainstSchema(
  schema: JsonSchema,
  input: unknown,
  prefix: Loc,
): ValidationIssueWire[] {
  const { valid, errors } = validate(schema, input);
  if (valid) return [];
  const unionLocations = new Set(
    errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.keywordLocation),
  );
  const issues: ValidationIssueWire[] = [];
  const seen = new Set<string>();
  for (const unit of errors) {
    // errors inside a failed union are already summed up by the union's own issue
    if ([...unionLocations].some((union) => unit.keywordLocation.startsWith(`${union}/`))) continue;
    const issue = issueFor(schema, unit, prefix);
    const key = issue && JSON.stringify([issue.loc, issue.type]);
    if (issue && key && !seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

/**
 * `format: uri` inputs may only be `data:` URIs or files this server stores itself: the server
 * never fetches other URLs (that would let a prediction reach into the host's network).
 */
export function checkFileInputs(
  schema: JsonSchema,
  input: unknown,
  isOwnFileUrl: (url: string) => boolean,
  prefix: Loc,
): ValidationIssueWire[] {
  const issues: ValidationIssueWire[] = [];
  walkWithSchema(schema, input, (value, described, path) => {
    if (described.format !== 'uri' || typeof value !== 'string') return;
    if (value.startsWith('data:')) {
      try {
        decodeDataUri(value);
      } catch (error) {
        issues.push({
          loc: [...prefix, ...path],
          msg: `Invalid data: URI: ${(error as Error).message}`,
          type: 'url_parsing',
        });
      }
      return;
    }
    if (isOwnFileUrl(value)) return;
    issues.push({
      loc: [...prefix, ...path],
      msg: `URL not accepted: this server reads only data: URIs and its own file URLs (…/v1/files/{id}), and never fetches ${value.slice(0, 60)}. Send the file as a data: URI instead.`,
      type: 'url_not_allowed',
    });
  });
  return issues;
}
