import { describe, expect, it } from 'vitest';
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

  it('runs every pattern in linear time, the slow shapes of a backtracking engine included', () => {
    const nearMiss = `${'a'.repeat(40)}!`;
    for (const pattern of ['^(a+)+$', '^(a|aa)+$', '^(.*a){12}$', '^(?:a+)+$']) {
      expect(one({ type: 'string', pattern }, nearMiss), pattern).toHaveLength(1);
      expect(one({ type: 'string', pattern }, 'a'.repeat(12)), pattern).toEqual([]);
    }
    const email = { type: 'string', pattern: '^[a-zA-Z0-9._%+-]+@(?:[a-zA-Z0-9.-]+\\.)+[a-zA-Z]{2,}$' };
    expect(one(email, 'ana@example.org')).toEqual([]);
    expect(one(email, `ana@${'a.'.repeat(30)}!`)).toHaveLength(1);
    // A pattern that needs backtracking (a backreference) is not run: no value is blamed for it.
    expect(one({ type: 'string', pattern: '^(a)\\1$' }, 'ab')).toEqual([]);
    // A key is checked against such a pattern too.
    const keys = {
      type: 'object',
      patternProperties: { '^(a+)+$': { type: 'number' } },
      additionalProperties: false,
    };
    expect(validateInput(keys, { aaa: 1 })).toEqual([]);
    expect(validateInput(keys, { 'Bad Key': 'x' })).toHaveLength(1);
  });

  it('takes a `uri` with a scheme or from the page’s root, and a relative `uri-reference`', () => {
    const file = { type: 'string', format: 'uri' };
    for (const text of [
      'hello world',
      'cat.png',
      '//evil.example/a.png',
      '/\\evil.example',
      'C:\\Users\\me\\a.wav',
      'http://[bad',
    ]) {
      expect(one(file, text), text).toMatchObject([
        { message: 'Must be a file or a URL', type: 'url_parsing' },
      ]);
    }
    // A path from the page's root is a proxy's URL for an upload, which the page resolves.
    for (const text of [
      'https://example.com/cat.png',
      'data:image/png;base64,AAAA',
      '/api/predictkit/files/abc',
    ]) {
      expect(one(file, text), text).toEqual([]);
    }
    expect(one({ type: 'string', format: 'uri-reference' }, '/files/cat.png')).toEqual([]);
  });

  it('reads an empty `anyOf` (Cog leaves one on the items of an optional list) as no constraint', () => {
    const images = {
      type: 'array',
      items: { type: 'string', anyOf: [], format: 'uri' },
      nullable: true,
    };
    expect(validateInput(images, ['https://example.com/a.png'])).toEqual([]);
    expect(validateInput(images, ['not a url'])).toMatchObject([{ path: [0], type: 'url_parsing' }]);
    expect(validateInput({ oneOf: [] }, 1)).toEqual([]);
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
