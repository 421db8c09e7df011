import { describe, expect, it } from 'vitest';
import { nestedQuantifier } from './nestedQuantifier';
import { parseSchema } from './parseSchema';
import { validateInput } from './validateInput';

const one = (schema: Record<string, unknown>, value: unknown) =>
  validateInput({ type: 'object', properties: { f: schema } }, { f: value });

describe('validateInput', () => {
  it('follows $ref into $defs and into OpenAPI’s #/components/schemas, and every allOf member', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { $ref: '#/components/schemas/Size' },
        b: { allOf: [{ $ref: '#/$defs/Size' }, { maximum: 10 }] },
      },
      $defs: { Size: { type: 'integer', minimum: 1 } },
    };
    expect(validateInput(schema, { a: 0, b: 11 })).toEqual([
      { path: ['a'], message: 'Must be at least 1', type: 'greater_than_equal', ctx: { ge: 1 } },
      { path: ['b'], message: 'Must be at most 10', type: 'less_than_equal', ctx: { le: 10 } },
    ]);
  });

  it('reads nullable fields three ways, and words the non-null branch of a failed anyOf', () => {
    expect(one({ anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] }, null)).toEqual([]);
    expect(one({ type: ['string', 'null'] }, null)).toEqual([]);
    expect(one({ type: 'string', nullable: true }, null)).toEqual([]);
    expect(one({ anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] }, 0)).toMatchObject([
      { message: 'Must be at least 1' },
    ]);
    expect(one({ anyOf: [{ type: 'integer' }, { type: 'string' }] }, true)).toMatchObject([
      { message: 'Must be a whole number or text' },
    ]);
  });

  it('does not run a pattern that repeats a repetition, which could take exponential time', () => {
    for (const pattern of [
      '^(a+)+$',
      '(a*)*',
      '^(\\w+\\s?)+$',
      '^(a+){1,30}$',
      '((a+))+',
      '(a{1,})*',
      '^(x|(\\d+)+)$',
      '^(?:a+)+$',
      '^(?<x>a+)+$',
      '^(?i:a+)+$',
      '^(.*a){12}$',
      '^(.*,)*$',
      '^(?:.+/)*[^/]+$',
      '^[a-zA-Z0-9._%+-]+@(?:[a-zA-Z0-9.-]+\\.)+[a-zA-Z]{2,}$',
      '^\\+?(\\d[\\d\\s-]*){7,15}$',
    ]) {
      expect(nestedQuantifier(pattern), pattern).toBe(true);
    }
    for (const pattern of [
      '^[a-z0-9]+(?:-[a-z0-9]+)*$',
      '^(\\d+,)*\\d+$',
      '^\\d+(\\.\\d+)*$',
      '^[\\w.+-]+@([\\w-]+\\.)+[a-z]{2,}$',
      '^([a-z]+\\.)+$',
      '^(\\d*x)*$',
      '^((ab)*c)+$',
      '^https?://.+$',
      '^[a-z+*()]+$',
      '^(ab)+$',
      '^\\(a+\\)+$',
      '^(a+){2}$',
      '^(a|b)*$',
      '^(?=.*[A-Z])(?=.*\\d).{8,}$',
      '^(?:[\\w-]+\\.)+[a-z]{2,}$',
      '^(?<year>\\d{4})-(?<month>\\d{2})$',
      '^(.*a){2}$',
      '^.*(?:-[a-z]+)*$',
      '^(.*\\n){0,20}.*$',
      '^(?:.*\\r?\\n)*.*$',
      '^\\+?[0-9 ()-]{7,20}$',
      '^(?:\\w+\\s)*\\w+$',
      '^(?:[a-z0-9-]+\\.)+[a-z]{2,}$',
    ]) {
      expect(nestedQuantifier(pattern), pattern).toBe(false);
    }
    // Not run, so no value is blamed for it: run on `a` × 40 and a `!`, it would take hours.
    expect(one({ type: 'string', pattern: '^(a+)+$' }, 'b')).toEqual([]);
    expect(one({ type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' }, 'NOT A SLUG')).toHaveLength(1);
    // A key such a pattern might describe is neither refused nor checked against its schema.
    const keys = {
      type: 'object',
      patternProperties: { '^(a+)+$': { type: 'number' } },
      additionalProperties: false,
    };
    expect(validateInput(keys, { 'Bad Key': 'x' })).toEqual([]);
  });

  it('says a pattern in words and keeps the pattern in ctx', () => {
    expect(one({ type: 'string', pattern: '^[A-Za-z0-9_]{3,16}$' }, 'a b')).toEqual([
      {
        path: ['f'],
        message: 'Use only letters, digits and underscores (3 to 16)',
        type: 'string_pattern_mismatch',
        ctx: { pattern: '^[A-Za-z0-9_]{3,16}$' },
      },
    ]);
    expect(one({ type: 'string', pattern: '^\\d{4}-\\d{2}$' }, 'x')[0]?.message).toBe(
      'Not in the expected format',
    );
  });

  it('checks objects: additionalProperties, dependentRequired, and a schema that refers to itself', () => {
    const tree = {
      type: 'object',
      $defs: {
        Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' }, n: { type: 'integer' } } },
      },
      properties: { root: { $ref: '#/$defs/Node' } },
      additionalProperties: false,
      dependentRequired: { root: ['name'] },
    };
    expect(validateInput(tree, { root: { child: { child: { n: 'x' } } }, extra: 1 })).toEqual([
      { path: ['name'], message: 'Field required with root', type: 'missing' },
      { path: ['root', 'child', 'child', 'n'], message: 'Must be a whole number', type: 'int_type' },
      { path: ['extra'], message: 'Not an input this model takes', type: 'extra_forbidden' },
    ]);
    expect(validateInput({ $ref: '#' }, 1)).toEqual([]);
  });

  it('stops at maxIssues, so a huge wrong list gets a bounded answer', () => {
    const schema = { type: 'object', properties: { list: { type: 'array', items: { type: 'string' } } } };
    expect(validateInput(schema, { list: Array(100_000).fill(0) })).toHaveLength(1000);
    expect(validateInput(schema, { list: [1, 2, 3] }, { maxIssues: 2 })).toHaveLength(2);
  });

  it('takes the fields parseSchema made, and refuses other lists and bad arguments with a clear message', () => {
    const schema = { type: 'object', required: ['a'], properties: { a: { type: 'string' } } };
    expect(validateInput(parseSchema(schema), {})).toEqual(validateInput(schema, {}));
    expect(() => validateInput([], {})).toThrow(/parseSchema did not make/);
    expect(() => validateInput(schema, {}, { maxIssues: 0 })).toThrow(/maxIssues/);
  });
});

describe('the engine’s helpers', () => {
  it('refuse arguments of the wrong kind with a message that names them', async () => {
    const { cogArrayHints, describePattern, resolveRef } = await import('./index');
    expect(() => describePattern(5 as never)).toThrow('describePattern: `pattern` must be a string, got 5.');
    expect(() => cogArrayHints(null as never)).toThrow('cogArrayHints: expected a schema object, got null.');
    expect(() => resolveRef({}, 1 as never)).toThrow('resolveRef: `ref` must be a string, got a number.');
  });
});
