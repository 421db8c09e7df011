import { describe, expect, it } from 'vitest';
import { textGenerationSchema } from '../fixtures/schemas';
import { parseSchema } from './parseSchema';
import { zodValidator } from './zodValidator';

describe('zodValidator', () => {
  const context = { schema: textGenerationSchema, fields: parseSchema(textGenerationSchema) };

  it('passes a valid input', async () => {
    await expect(zodValidator()({ prompt: 'hi', max_tokens: 10 }, context)).resolves.toEqual([]);
  });

  it('reports zod issues at their paths', async () => {
    const issues = await zodValidator()({ prompt: 'hi', max_tokens: 0, temperature: 'hot' }, context);
    expect(issues.map((i) => i.path)).toEqual([['max_tokens'], ['temperature']]);
    expect(issues[0]?.message).toMatch(/>=\s*1|at least 1|too small/i);
  });

  it('validates against a schema of its own when given one', async () => {
    const validate = zodValidator({
      schema: { type: 'object', required: ['x'], properties: { x: { type: 'string' } } },
    });
    const issues = await validate({ prompt: 'hi' }, context);
    expect(issues.map((i) => i.path)).toEqual([['x']]);
  });
});
