/**
 * The Replicate provider against the local server's Replicate surface (`/replicate/v1`), in-process:
 * the same scenarios as the WriftAI integration tests, on Replicate's routes and shapes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getWebhookSecret } from '../account/index';
import {
  getModel,
  getModelVersion,
  getUser,
  listHardware,
  listModels,
  listModelVersions,
  searchModels,
} from '../catalog/index';
import { parseDuration } from '../duration';
import {
  ApiError,
  cancelPrediction,
  createPrediction,
  getPrediction,
  isTerminal,
  listPredictions,
  type Prediction,
  paginate,
  predictionModelRef,
  runPrediction,
  ValidationError,
  waitForPrediction,
} from '../index';
import { createClient, replicate, uploadFile } from '../replicate';
import { verifyStandardWebhook } from '../server';
import { streamPrediction, watchPrediction } from '../stream/index';
import { count, type Local, local, ORIGIN } from './localServer';

const BASE = `${ORIGIN}/replicate/v1`;
const VERSION_ID = /^[\da-f]{64}$/;

let api: Local;
beforeEach(() => {
  api = local({}, { baseUrl: BASE });
  // The same server and recording fetch, through the Replicate entry's own createClient.
  api.client = createClient({ baseUrl: BASE, fetch: api.fetch });
});
afterEach(() => api.close());

const paths = () => api.sent.map((s) => `${s.method} ${s.path}`);

describe('creates', () => {
  it('runs a model on its own route, with the input alone', async () => {
    const created = await createPrediction(api.client, { model: 'predictkit/echo', input: { text: 'hi' } });
    expect(paths()).toEqual(['POST /replicate/v1/models/predictkit/echo/predictions']);
    expect(created).toMatchObject({ model: { owner: 'predictkit', name: 'echo' }, input: { text: 'hi' } });
    expect(['pending', 'started', 'succeeded']).toContain(created.status);
  });

  it('runs a version by its id, with and without the model, on POST /predictions', async () => {
    const { version } = await getModel(api.client, 'predictkit/echo');
    expect(version?.id).toMatch(VERSION_ID);
    for (const model of [`predictkit/echo:${version!.id}`, version!.id!]) {
      const done = await createPrediction(api.client, { model, input: { text: 'v' }, wait: 5 });
      expect(done).toMatchObject({ status: 'succeeded', output: 'v', model: { version_id: version!.id } });
      expect(predictionModelRef(done)).toBe(`predictkit/echo:${version!.id}`);
    }
    expect(count(api.sent, 'POST', '/replicate/v1/predictions')).toBe(2);
  });

  it('runs a deployment on its route, through createPrediction and runPrediction', async () => {
    const created = await createPrediction(api.client, {
      deployment: 'predictkit/echo',
      input: { text: 'd' },
      wait: 5,
    });
    expect(created).toMatchObject({
      status: 'succeeded',
      output: 'd',
      model: { owner: 'predictkit', name: 'echo' },
    });
    const ran = await runPrediction(api.client, { deployment: 'predictkit/echo' }, { text: 'r' });
    expect(ran).toMatchObject({ status: 'succeeded', output: 'r' });
    expect(count(api.sent, 'POST', '/replicate/v1/deployments/predictkit/echo/predictions')).toBe(2);
    const missing = await createPrediction(api.client, { deployment: 'acme/nothing', input: {} }).catch(
      (e: unknown) => e,
    );
    expect(missing).toMatchObject({ name: 'ApiError', status: 404 });
  });

  it('holds the request with Prefer: wait and gets the finished prediction, its timings and log lines', async () => {
    const done = await createPrediction(api.client, {
      model: 'predictkit/echo',
      input: { text: 'hey' },
      wait: 5,
    });
    expect(api.sent[0]!.headers.get('prefer')).toBe('wait=5');
    expect(done).toMatchObject({ status: 'succeeded', output: 'hey', error: null });
    expect(done.logs).toContain('Echoing 3 characters');
    expect(parseDuration(done.execution_time)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(done.updated_at)).toBeGreaterThanOrEqual(Date.parse(done.created_at));
  });

  it('sends Cancel-After, and a prediction queued past its deadline ends aborted or canceled', async () => {
    const created = await createPrediction(api.client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 600, steps: 10 },
      cancelAfter: 1,
    });
    expect(api.sent[0]!.headers.get('cancel-after')).toBe('1s');
    const done = await waitForPrediction(api.client, created, { interval: 20 });
    expect(['aborted', 'canceled']).toContain(done.status);
    expect(isTerminal(done.status)).toBe(true);
  });

  it('refuses a bad input with a ValidationError naming the field', async () => {
    const error = await createPrediction(api.client, { model: 'predictkit/echo', input: { text: 1 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).status).toBe(422);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: ['text'] })]);
  });

  it('refuses what Replicate lacks before sending anything', async () => {
    await expect(
      createPrediction(api.client, { model: 'predictkit/echo:2', input: { text: 'x' } }),
    ).rejects.toThrow(TypeError);
    await expect(
      createPrediction(api.client, {
        model: 'predictkit/echo',
        input: {},
        webhook: { url: 'https://x.test', secret: 's' },
      }),
    ).rejects.toThrow('createPrediction: `webhook.secret` is not available on Replicate.');
    expect(api.sent).toEqual([]);
  });
});

describe('predictions', () => {
  it('gets one prediction with its input, output and logs', async () => {
    const created = await createPrediction(api.client, {
      model: 'predictkit/echo',
      input: { text: 'hey' },
      wait: 5,
    });
    const got = await getPrediction(api.client, created.id);
    expect(got).toMatchObject({ id: created.id, status: 'succeeded', input: { text: 'hey' }, output: 'hey' });
    expect(got.urls?.get).toBe(`${BASE}/predictions/${created.id}`);
  });

  it('answers an unknown id with a 404 ApiError in the service’s words', async () => {
    const error = (await getPrediction(api.client, 'nope').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.detail).not.toBe('');
  });

  it('lists newest first, 100 a page, following next by its cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      ids.push(
        (await createPrediction(api.client, { model: 'predictkit/echo', input: { text: `${i}` } })).id,
      );
    }
    api.sent.length = 0;
    const first = await listPredictions(api.client);
    expect(first.items).toHaveLength(100);
    expect(first.next_cursor).toBeTruthy();
    const seen: string[] = [];
    for await (const item of paginate(api.client, listPredictions)) seen.push(item.id);
    expect(seen).toEqual(ids.reverse());
    expect(paths().at(-1)).toMatch(/^GET \/replicate\/v1\/predictions\?cursor=/);
  });

  it('cancels a running prediction, which then ends canceled', async () => {
    const created = await createPrediction(api.client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 600, steps: 10 },
    });
    await cancelPrediction(api.client, created.id);
    expect(paths().at(-1)).toBe(`POST /replicate/v1/predictions/${created.id}/cancel`);
    expect((await waitForPrediction(api.client, created.id, { interval: 5 })).status).toBe('canceled');
  });

  it('waits to the end by polling, reporting each new snapshot', async () => {
    const created = await createPrediction(api.client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 20, steps: 4 },
    });
    const statuses: string[] = [];
    const done = await waitForPrediction(api.client, created, {
      interval: 20,
      onUpdate: (p) => statuses.push(p.status),
    });
    expect(done.status).toBe('succeeded');
    expect(statuses.at(-1)).toBe('succeeded');
    expect(statuses.every((s) => ['pending', 'started', 'succeeded'].includes(s))).toBe(true);
  });

  it('runs to the end: create held with Prefer: wait=60, then waits', async () => {
    const done = await runPrediction(api.client, 'predictkit/echo', { text: 'run' });
    expect(done).toMatchObject({ status: 'succeeded', output: 'run' });
    expect(api.sent[0]!.headers.get('prefer')).toBe('wait=60');
  });
});

describe('streams', () => {
  it('reads Replicate’s events: raw text output, then done', async () => {
    const done = await createPrediction(api.client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 5, seed: 1 },
      wait: 5,
    });
    expect(done.urls?.stream).toBeTruthy();
    const events = [];
    for await (const event of streamPrediction(api.client, done)) events.push(event);
    expect(events.at(-1)!.event).toBe('done');
    const output = events.filter((e) => e.event === 'output').map((e) => e.data);
    expect(output).toEqual(done.output);
  });

  it('watches chunk by chunk through the stream, ending on what GET says', async () => {
    const created = await createPrediction(api.client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 30, seed: 2 },
    });
    const snapshots: Prediction<unknown, unknown>[] = [];
    for await (const snapshot of watchPrediction(api.client, created)) snapshots.push(snapshot);
    const final = await getPrediction<Record<string, unknown>, string[]>(api.client, created.id);
    expect(snapshots.at(-1)).toEqual(final);
    const lengths = snapshots.map((s) => (Array.isArray(s.output) ? s.output.length : 0));
    // Every token arrived on a snapshot of its own, and the replay of a fresh connection did not double any.
    expect(Math.max(...lengths)).toBe(final.output!.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(count(api.sent, 'GET', new URL(created.urls!.stream!).pathname)).toBe(1);
  });
});

describe('a stream joined late', () => {
  it('replays from the start, and the watch applies it afresh: no chunk twice', async () => {
    // Slower than the other tests, so that a snapshot in hand has part of the output.
    await api.close();
    api = local({ timeScale: 0.25 }, { baseUrl: BASE });
    api.client = createClient({ baseUrl: BASE, fetch: api.fetch });
    const created = await createPrediction(api.client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 250, seed: 3 },
    });
    let partial = await getPrediction<Record<string, unknown>, string[]>(api.client, created.id);
    while (!partial.output?.length) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      partial = await getPrediction(api.client, created.id);
    }
    expect(partial.status).toBe('started');
    const outputs: string[][] = [];
    const done = await waitForPrediction(api.client, partial, {
      stream: streamPrediction,
      onUpdate: (p) => outputs.push((p.output ?? []) as string[]),
    });
    const final = done.output as string[];
    expect(done.status).toBe('succeeded');
    expect(final.length).toBeGreaterThan(partial.output!.length);
    // Every snapshot is a beginning of the final output: the replayed chunks were not added again.
    for (const output of outputs) expect(final.slice(0, output.length)).toEqual(output);
    expect(outputs.at(-1)).toEqual(final);
  }, 15_000);
});

describe('models and the rest', () => {
  it('gets a model with its latest version, whose schemas the components can read', async () => {
    const model = await getModel(api.client, 'predictkit/text-generator');
    expect(model).toMatchObject({
      id: 'predictkit/text-generator',
      name: 'text-generator',
      owner: { username: 'predictkit' },
    });
    expect(model.version?.id).toMatch(VERSION_ID);
    const { input, output } = model.version!.schemas!.prediction;
    expect(input).toMatchObject({ type: 'object', properties: { prompt: expect.any(Object) } });
    expect(output).toBeDefined();
    expect(JSON.stringify(input)).not.toContain('#/components/');
  });

  it('lists versions and gets one by id', async () => {
    const versions = await listModelVersions(api.client, 'predictkit/text-generator');
    expect(versions.items.length).toBeGreaterThan(0);
    const id = versions.items.at(-1)!.id!;
    expect(id).toMatch(VERSION_ID);
    expect((await getModelVersion(api.client, `predictkit/text-generator:${id}`)).id).toBe(id);
    expect((await getModel(api.client, `predictkit/text-generator:${id}`)).version?.id).toBe(id);
  });

  it('lists models, searches them, lists hardware and gets the account', async () => {
    const models = [];
    for await (const model of paginate(api.client, listModels)) models.push(model.name);
    expect(models).toContain('echo');
    const found = await searchModels(api.client, 'echo');
    expect(found.items.map((m) => m.name)).toContain('echo');
    expect(api.sent.find((s) => s.method === 'QUERY')?.path).toBe('/replicate/v1/models');
    expect((await listHardware(api.client)).items.length).toBeGreaterThan(0);
    expect((await getUser(api.client)).username).toBeTruthy();
    expect(paths().at(-1)).toBe('GET /replicate/v1/account');
  });

  it('uploads a file: its get URL is the file, which a model takes as input; its bytes are at download', async () => {
    const png = new File([new Uint8Array([137, 80, 78, 71])], 'one.png', { type: 'image/png' });
    const file = await uploadFile(api.client, png, { metadata: { from: 'test' } });
    expect(paths()[0]).toBe('POST /replicate/v1/files');
    expect(file).toMatchObject({
      name: 'one.png',
      content_type: 'image/png',
      size: 4,
      metadata: { from: 'test' },
    });
    expect(await api.client.request('GET', file.urls.get)).toMatchObject({ id: file.id });
    const res = (await api.client.request('GET', `${file.urls.get}/download`, { raw: true })) as Response;
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
  });
});

describe('webhooks', () => {
  it('are signed the Standard Webhooks way, verified with the account’s secret and mapped by the provider', async () => {
    const deliveries: { body: string; headers: Headers }[] = [];
    await api.close();
    api = local(
      {
        webhooks: {
          fetch: async (_url, init) => {
            deliveries.push({ body: String(init?.body), headers: new Headers(init?.headers) });
            return new Response(null, { status: 204 });
          },
        },
      },
      { baseUrl: BASE },
    );
    api.client = createClient({ baseUrl: BASE, fetch: api.fetch });
    const { key } = await getWebhookSecret(api.client);
    expect(key).toMatch(/^whsec_/);
    const done = await createPrediction(api.client, {
      model: 'predictkit/echo',
      input: { text: 'hook' },
      webhook: { url: 'https://app.test/hooks', events: ['completed'] },
      wait: 5,
    });
    await api.server.webhooksIdle();
    expect(deliveries.length).toBeGreaterThan(0);
    const last = deliveries.at(-1)!;
    const verified = await verifyStandardWebhook({
      body: last.body,
      headers: last.headers,
      secret: key,
      provider: replicate,
    });
    expect(verified.webhookId).toBeTruthy();
    expect(verified.prediction).toMatchObject({ id: done.id, status: 'succeeded', output: 'hook' });
  });
});
