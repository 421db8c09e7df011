import { describe, expect, it } from 'vitest';
import { imageGenerationSchema, kitchenSinkSchema, textGenerationSchema } from '../fixtures/schemas';
import { parseSchema } from './parseSchema';
import { validateInput } from './validateInput';

const check = (schema: Record<string, unknown>, value: unknown, required = false) =>
  validateInput(
    { type: 'object', properties: { f: schema }, required: required ? ['f'] : [] },
    { f: value },
  ).map((i) => i.message);

describe('validateInput', () => {
  it('requires required fields (the form leaves empty text out, so it counts as missing there)', () => {
    expect(validateInput(textGenerationSchema, {})).toEqual([
      { path: ['prompt'], message: 'Field required', type: 'missing' },
    ]);
    expect(validateInput(textGenerationSchema, { prompt: 'hi' })).toEqual([]);
  });

  it('takes parsed fields as well as a schema', () => {
    expect(validateInput(parseSchema(textGenerationSchema), { prompt: 'x' })).toEqual([]);
  });

  it('checks types', () => {
    expect(check({ type: 'string' }, 5)).toEqual(['Must be text']);
    expect(check({ type: 'number' }, '5')).toEqual(['Must be a number']);
    expect(check({ type: 'number' }, Number.NaN)).toEqual(['Must be a number']);
    expect(check({ type: 'integer' }, 1.5)).toEqual(['Must be a whole number']);
    expect(check({ type: 'boolean' }, 'yes')).toEqual(['Must be true or false']);
    expect(check({ type: 'array', items: {} }, {})).toEqual(['Must be a list']);
    expect(check({ type: 'object', properties: {} }, [])).toEqual(['Must be an object']);
    expect(check({ type: 'object' }, 'x')).toEqual(['Must be an object']);
  });

  it('checks bounds, inclusive and exclusive, and multipleOf', () => {
    expect(check({ type: 'integer', minimum: 1, maximum: 4 }, 0)).toEqual(['Must be at least 1']);
    expect(check({ type: 'integer', minimum: 1, maximum: 4 }, 5)).toEqual(['Must be at most 4']);
    expect(check({ type: 'integer', minimum: 1, maximum: 4 }, 4)).toEqual([]);
    expect(check({ type: 'number', exclusiveMinimum: 0 }, 0)).toEqual(['Must be greater than 0']);
    expect(check({ type: 'number', exclusiveMaximum: 1 }, 1)).toEqual(['Must be less than 1']);
    expect(check({ type: 'number', multipleOf: 0.05 }, 0.35)).toEqual([]);
    expect(check({ type: 'number', multipleOf: 0.05 }, 0.33)).toEqual(['Must be a multiple of 0.05']);
  });

  it('checks lengths in characters, and patterns', () => {
    expect(check({ type: 'string', maxLength: 3 }, 'abcd')).toEqual(['Must be at most 3 characters']);
    expect(check({ type: 'string', maxLength: 3 }, '😀😀😀')).toEqual([]);
    expect(check({ type: 'string', minLength: 2 }, 'a')).toEqual(['Must be at least 2 characters']);
    expect(check({ type: 'string', pattern: '^[A-Z]' }, 'abc')).toEqual(['Not in the expected format']);
    expect(check({ type: 'string', pattern: '^[a-z0-9-]+$' }, 'A b')).toEqual([
      'Use only lowercase letters, digits and hyphens',
    ]);
    expect(check({ type: 'string', pattern: '(' }, 'abc')).toEqual([]);
  });

  it('checks enums, with labels in the message', () => {
    expect(check({ enum: ['a', 'b'] }, 'c')).toEqual(['Must be one of: a, b']);
    expect(check({ oneOf: [{ const: 1, title: 'One' }] }, 2)).toEqual(['Must be one of: One']);
    expect(check({ enum: [[1, 2]] }, [1, 2])).toEqual([]);
  });

  it('checks item counts, uniqueness, and every item at its index', () => {
    expect(check({ type: 'array', items: { type: 'string' }, minItems: 2 }, ['a'])).toEqual([
      'Must have at least 2 items',
    ]);
    expect(check({ type: 'array', items: { type: 'string' }, minItems: 1 }, [])).toEqual([
      'Must have at least 1 item',
    ]);
    expect(check({ type: 'array', items: {}, maxItems: 1 }, [1, 2])).toEqual(['Must have at most 1 item']);
    expect(check({ type: 'array', items: {}, uniqueItems: true }, [1, 1])).toEqual(['Items must be unique']);
    expect(
      validateInput(
        { type: 'object', properties: { t: { type: 'array', items: { type: 'integer', minimum: 0 } } } },
        { t: [1, -1, 'x'] },
      ),
    ).toMatchObject([
      { path: ['t', 1], message: 'Must be at least 0' },
      { path: ['t', 2], message: 'Must be a whole number' },
    ]);
  });

  it('walks nested objects and arrays of objects', () => {
    const issues = validateInput(kitchenSinkSchema, {
      title: 'Okay',
      mode: 'fast',
      tags: ['a'],
      settings: { steps: 0, advanced: { clip_skip: null } },
      path: [{ x: 1 }],
    });
    expect(issues).toMatchObject([
      { path: ['settings', 'steps'], message: 'Must be at least 1' },
      { path: ['path', 0, 'y'], message: 'Field required' },
    ]);
  });

  it('accepts null only where the schema allows it', () => {
    expect(validateInput(imageGenerationSchema, { prompt: 'x', seed: null, negative_prompt: null })).toEqual(
      [],
    );
    expect(check({ type: 'string' }, null)).toEqual(['Must be text']);
    expect(check({ type: 'string' }, null, true)).toEqual(['Must be text']);
  });

  it('checks that a file is a URL', () => {
    expect(check({ type: 'string', format: 'uri' }, 'http://[bad')).toEqual(['Must be a file or a URL']);
    expect(check({ type: 'string', format: 'uri' }, 'data:image/png;base64,AAAA')).toEqual([]);
  });

  it('reports a value that is not an object', () => {
    expect(validateInput(textGenerationSchema, 'x')).toEqual([
      { path: [], message: 'Must be an object', type: 'dict_type' },
    ]);
  });
});
