import { describe, expect, it } from 'vitest';
import { imageGenerationSchema, kitchenSinkSchema, textGenerationSchema } from '../fixtures/schemas';
import { defaultValues, getIn, setIn, toSubmitValue } from './formValue';
import { parseSchema } from './parseSchema';

describe('form values', () => {
  it('starts from the schema defaults, nested ones included', () => {
    expect(defaultValues(parseSchema(textGenerationSchema))).toEqual({
      system_prompt: 'You are a helpful assistant.',
      max_tokens: 256,
      temperature: 0.7,
    });
    expect(defaultValues(parseSchema(kitchenSinkSchema))).toMatchObject({
      mode: 'balanced',
      tags: ['sky'],
      settings: { steps: 30 },
    });
  });

  it('submits without empty optional fields, with numbers typed as text made numbers', () => {
    const fields = parseSchema(imageGenerationSchema);
    expect(
      toSubmitValue(fields, {
        prompt: 'x',
        negative_prompt: '',
        seed: '42',
        guidance_scale: ' ',
        num_outputs: 2,
      }),
    ).toEqual({
      prompt: 'x',
      seed: 42,
      num_outputs: 2,
    });
    expect(toSubmitValue(fields, { prompt: 'x', seed: null })).toEqual({ prompt: 'x', seed: null });
    expect(toSubmitValue(fields, { prompt: 'x', seed: '4x' })).toEqual({ prompt: 'x', seed: '4x' });
  });

  it('sends a cleared text whose default is other text as "", so that the default does not run unseen', () => {
    const fields = parseSchema(textGenerationSchema);
    expect(toSubmitValue(fields, { prompt: 'Hi', system_prompt: '' })).toEqual({
      prompt: 'Hi',
      system_prompt: '',
    });
    // Left untouched it is sent as it is; a text without a default is still left out when empty.
    expect(toSubmitValue(fields, defaultValues(fields))).toMatchObject({
      system_prompt: 'You are a helpful assistant.',
    });
    expect(toSubmitValue(fields, { prompt: '' })).toEqual({});
    // Where "" would be refused, cleared still means the default.
    const strict = parseSchema({
      type: 'object',
      properties: {
        stop: { type: 'string', default: '</s>', minLength: 1 },
        tag: { type: 'string', default: 'a', pattern: '^[a-z]+$' },
      },
    });
    expect(toSubmitValue(strict, { stop: '', tag: '' })).toEqual({});
  });

  it('leaves out empty optional objects and lists, keeps item positions', () => {
    const fields = parseSchema(kitchenSinkSchema);
    expect(
      toSubmitValue(fields, { title: 'A', settings: { advanced: {} }, weights: [], tags: ['a', ''] }),
    ).toEqual({
      title: 'A',
      tags: ['a', null],
    });
  });

  it('sets and gets values at paths without touching the rest', () => {
    const before = { a: { b: [1, 2] }, c: 1 };
    const after = setIn(before, ['a', 'b', 1], 5) as typeof before;
    expect(after).toEqual({ a: { b: [1, 5] }, c: 1 });
    expect(before.a.b).toEqual([1, 2]);
    expect(setIn({}, ['x', 0], 'y')).toEqual({ x: ['y'] });
    expect(setIn({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
    expect(getIn(after, ['a', 'b', 1])).toBe(5);
    expect(getIn(after, ['nope', 3])).toBeUndefined();
  });
});
