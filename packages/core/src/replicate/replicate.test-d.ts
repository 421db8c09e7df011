import { describe, expectTypeOf, it } from 'vitest';
import type { Client } from '../createClient';
import { predictionModelRef, versionOf } from '../parseModelRef';
import { createPrediction, runPrediction } from '../predictions';
import { type StandardWebhook, signStandardWebhook, verifyStandardWebhook } from '../server';
import type { ModelRef, Prediction, WebhookConfig } from '../types';
import { createClient, type ReplicateFile, replicate, uploadFile } from './index';

const client = createClient();
const input = { prompt: 'a fox' };

describe('Replicate types', () => {
  it('has a createClient that makes the one Client type', () => {
    expectTypeOf(client).toEqualTypeOf<Client>();
    expectTypeOf(createClient({ provider: replicate })).toEqualTypeOf<Client>();
  });

  it('types the fields only Replicate sends, which pass through', () => {
    expectTypeOf<Prediction['deadline']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Prediction['deployment']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Prediction['source']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Prediction['metrics']>().toEqualTypeOf<Record<string, unknown> | null | undefined>();
  });

  it('creates on a model, a version id or a deployment, never a model and a deployment at once', () => {
    expectTypeOf(createPrediction(client, { model: 'a/b', input })).resolves.toEqualTypeOf<
      Prediction<{ prompt: string }>
    >();
    expectTypeOf(
      createPrediction(client, { deployment: 'acme/sdxl', input, cancelAfter: '5m' }),
    ).resolves.toEqualTypeOf<Prediction<{ prompt: string }>>();
    expectTypeOf(runPrediction(client, { deployment: 'acme/sdxl' }, input)).resolves.toEqualTypeOf<
      Prediction<{ prompt: string }>
    >();
    // @ts-expect-error: one or the other
    void createPrediction(client, { model: 'a/b', deployment: 'acme/sdxl', input });
    // @ts-expect-error: a deadline is seconds or a duration text
    void createPrediction(client, { model: 'a/b', input, cancelAfter: true });
  });

  it('names webhook events by Replicate’s names', () => {
    expectTypeOf<{ url: string; events: ['start', 'completed'] }>().toMatchTypeOf<WebhookConfig>();
    // @ts-expect-error: no such event
    const hook: WebhookConfig = { url: 'https://x.test', events: ['done'] };
    void hook;
  });

  it('takes a version as a number or an id, and gives it back either way', () => {
    expectTypeOf<ModelRef['version']>().toEqualTypeOf<number | string | undefined>();
    expectTypeOf(versionOf).returns.toEqualTypeOf<number | string | undefined>();
    expectTypeOf(predictionModelRef).returns.toEqualTypeOf<string>();
  });

  it('answers an uploaded file with the URL a model takes', () => {
    expectTypeOf(uploadFile(client, new Blob([]))).resolves.toEqualTypeOf<ReplicateFile>();
    expectTypeOf<ReplicateFile['urls']['get']>().toEqualTypeOf<string>();
  });

  it('verifies a Standard Webhooks delivery into a typed prediction, and signs headers it takes back', async () => {
    const headers = await signStandardWebhook({ body: '{}', secret: 'whsec_c2VjcmV0' });
    const verified = verifyStandardWebhook<{ prompt: string }, string[]>({
      body: '{}',
      headers,
      secret: 'whsec_c2VjcmV0',
      provider: replicate,
    });
    expectTypeOf(verified).resolves.toEqualTypeOf<StandardWebhook<{ prompt: string }, string[]>>();
    expectTypeOf(verified).resolves.toHaveProperty('webhookId').toEqualTypeOf<string>();
  });
});
