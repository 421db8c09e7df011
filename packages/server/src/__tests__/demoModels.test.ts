import { Validator } from '@cfworker/json-schema';
import type { JsonSchema, Prediction } from '@predictkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { demoModels } from '../models';
import { testApi } from './testServer';

const api = testApi();
afterAll(() => api.server.close());

/** A small, valid input for each model, so every one runs end to end through the API. */
const INPUTS: Record<string, Record<string, unknown>> = {
  echo: { text: 'hello' },
  'text-generator': { prompt: 'Alice was', max_tokens: 10, seed: 1 },
  'image-generator': { prompt: 'a red fox', width: 64, height: 64, num_outputs: 2, seed: 3 },
  'image-filter': {},
  'tone-synth': { text: 'hi there' },
  sentiment: { text: 'I love this, it is wonderful.' },
  'slow-task': { duration_s: 0.5, steps: 5 },
  unreliable: { failure_rate: 0, seed: 1 },
};

describe('demo models through the API', () => {
  it('has the eight models, each with versions and schemas', () => {
    expect(demoModels.map((m) => m.name).sort()).toEqual(Object.keys(INPUTS).sort());
  });

  it.each(Object.keys(INPUTS))('%s: output matches its output schema', async (name) => {
    let input = INPUTS[name] as Record<string, unknown>;
    if (name === 'image-filter') {
      const source = await api.settle(
        (await api.create('predictkit/image-generator', { prompt: 'p', width: 64, height: 64 })).id,
      );
      input = { image: (source.output as string[])[0], filter: 'sepia' };
    }
    const { body: model } = await api.json<{
      latest_version: { schemas: { prediction: { output: JsonSchema } } };
    }>(`/v1/models/predictkit/${name}`);
    const created = await api.create(`predictkit/${name}`, input, { 'validate-input': 'true' });
    const done: Prediction = await api.settle(created.id, 20_000);
    expect(done.error ?? null).toBeNull();
    expect(done.status).toBe('succeeded');
    const result = new Validator(
      model.latest_version.schemas.prediction.output as never,
      '2020-12',
      false,
    ).validate(done.output);
    expect(result.errors).toEqual([]);
  });
});
