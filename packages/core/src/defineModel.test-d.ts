import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createClient } from './createClient';
import { defineModel, type ModelDefinition, type ModelInput } from './defineModel';
import { getPrediction } from './getPrediction';
import { createPrediction, runPrediction, waitForPrediction } from './predictions';
import { streamPrediction } from './stream/streamPrediction';
import type { Prediction } from './types';

const echo = defineModel('predictkit/echo', {
  input: z.object({ text: z.string(), delay_ms: z.number().int().default(0) }),
  output: z.string(),
});
const client = createClient();

describe('defineModel types', () => {
  it('keeps the schemas in its type', () => {
    expectTypeOf(echo).toMatchTypeOf<ModelDefinition>();
    expectTypeOf<ModelInput<typeof echo>>().toEqualTypeOf<{ text: string; delay_ms?: number | undefined }>();
    expectTypeOf<ModelInput<'a/b'>>().toEqualTypeOf<Record<string, unknown>>();
  });

  it('types run and create by the schemas: the input as written, the parsed input and output on the result', () => {
    expectTypeOf(runPrediction(client, echo, { text: 'hi' })).resolves.toEqualTypeOf<
      Prediction<{ text: string; delay_ms: number }, string>
    >();
    expectTypeOf(createPrediction(client, { model: echo, input: { text: 'hi' } })).resolves.toEqualTypeOf<
      Prediction<{ text: string; delay_ms: number }, string>
    >();
    // Streaming while it runs changes nothing of the types.
    expectTypeOf(runPrediction(client, echo, { text: 'hi' }, { stream: streamPrediction }))
      .resolves.toHaveProperty('output')
      .toEqualTypeOf<string | null | undefined>();
    expectTypeOf(
      createPrediction(client, { model: echo, input: { text: 'x', delay_ms: 5 } }),
    ).resolves.toHaveProperty('input');
  });

  it('refuses an input the schema does not allow', () => {
    // @ts-expect-error `text` is required
    runPrediction(client, echo, { delay_ms: 1 });
    // @ts-expect-error `text` must be a string
    createPrediction(client, { model: echo, input: { text: 1 } });
    // @ts-expect-error `onUpdate` gets the typed prediction
    runPrediction(client, echo, { text: 'x' }, { onUpdate: (p: Prediction<{ text: number }, string>) => p });
    // @ts-expect-error `stream` takes the reader (streamPrediction), not a boolean
    runPrediction(client, echo, { text: 'x' }, { stream: true });
  });

  it('leaves plain references generic', () => {
    expectTypeOf(runPrediction(client, 'a/b', { anything: 1 })).resolves.toEqualTypeOf<
      Prediction<{ anything: number }, unknown>
    >();
    expectTypeOf(getPrediction<{ prompt: string }, string[]>(client, 'id')).resolves.toEqualTypeOf<
      Prediction<{ prompt: string }, string[]>
    >();
    expectTypeOf(waitForPrediction<{ prompt: string }, string[]>(client, 'id'))
      .resolves.toHaveProperty('output')
      .toEqualTypeOf<string[] | null | undefined>();
  });
});
