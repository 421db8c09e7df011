import type { Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { demoModels } from '../models';
import type { DemoModel, DemoVersion } from '../models/types';
import { ORIGIN, type TestApi, testApi } from './testServer';

let api: TestApi;
afterEach(async () => {
  await api?.server.close();
});

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('creating predictions', () => {
  it('creates through each of the three routes, answering 201 with Location and a request id', async () => {
    api = testApi();
    const routes: [string, unknown, number][] = [
      ['/v1/predictions', { model: 'predictkit/echo', input: { text: 'a' } }, 1],
      ['/v1/predictions', { model: 'predictkit/text-generator:1', input: { prompt: 'a' } }, 1],
      ['/v1/models/predictkit/text-generator/predictions', { input: { prompt: 'b' } }, 2],
      ['/v1/models/predictkit/text-generator/versions/1/predictions', { input: { prompt: 'c' } }, 1],
    ];
    for (const [path, body, version] of routes) {
      const { status, body: prediction, headers } = await api.json<Prediction>(path, post(body));
      expect(status).toBe(201);
      expect(headers.get('location')).toBe(`/v1/predictions/${prediction.id}`);
      expect(headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(prediction).toMatchObject({ status: 'pending', output: null, error: null, logs: [] });
      expect(prediction.model.version_number).toBe(version);
      expect(prediction.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect(prediction.urls?.stream).toBe(`${ORIGIN}/v1/predictions/${prediction.id}/stream`);
    }
  });

  it('runs a prediction to succeeded with setup and execution times', async () => {
    api = testApi();
    const created = await api.create('predictkit/echo', { text: 'hello' });
    const done = await api.settle(created.id);
    expect(done).toMatchObject({ status: 'succeeded', output: 'hello', error: null });
    expect(done.setup_time).toMatch(/^PT\d+\.\d{3}S$/);
    expect(done.execution_time).toMatch(/^PT\d+\.\d{3}S$/);
  });

  it('answers clear 4xx errors for bad bodies and references, never a 500', async () => {
    api = testApi();
    const cases: [unknown, number, unknown][] = [
      ['{"model": ', 422, [{ type: 'json_invalid', loc: ['body', expect.any(Number)] }]],
      [
        { model: 'predictkit/echo' },
        422,
        [{ loc: ['body', 'input'], msg: 'Field required', type: 'missing' }],
      ],
      [{ model: 'predictkit/echo', input: [1] }, 422, [{ loc: ['body', 'input'], type: 'dict_type' }]],
      [{ model: 'echo', input: {} }, 422, [{ loc: ['body', 'model'], type: 'value_error' }]],
      [{ model: 'a/b/c', input: {} }, 422, [{ loc: ['body', 'model'] }]],
      [{ model: 'predictkit/echo:0', input: {} }, 422, [{ loc: ['body', 'model'] }]],
      [{ model: 'predictkit/echo:x', input: {} }, 422, [{ loc: ['body', 'model'] }]],
      [
        { model: `predictkit/echo:${'a'.repeat(64)}`, input: {} },
        422,
        [{ loc: ['body', 'model'], msg: expect.stringContaining('numbers versions') }],
      ],
      [{ input: {} }, 422, [{ loc: ['body', 'model'] }]],
      [[], 422, [{ loc: ['body', 'model'] }]],
      [{ model: 'predictkit/nope', input: {} }, 404, expect.stringContaining('predictkit/nope not found')],
      [{ model: 'someone/echo', input: {} }, 404, expect.stringContaining('someone/echo not found')],
      [{ model: 'predictkit/echo:9', input: {} }, 404, expect.stringContaining('Version 9')],
      [
        { model: 'predictkit/echo', input: {}, webhook: { url: 'ftp://x' } },
        422,
        [{ loc: ['body', 'webhook', 'url'] }],
      ],
    ];
    for (const [body, status, detail] of cases) {
      const answer = await api.json<{ detail: unknown }>('/v1/predictions', post(body));
      expect({ body, status: answer.status }).toEqual({ body, status });
      expect(answer.body.detail).toEqual(
        Array.isArray(detail)
          ? expect.arrayContaining(detail.map((issue) => expect.objectContaining(issue)))
          : detail,
      );
    }
    const badVersion = await api.json(
      '/v1/models/predictkit/echo/versions/0/predictions',
      post({ input: {} }),
    );
    expect(badVersion.status).toBe(422);
    expect(badVersion.body).toEqual({ detail: [expect.objectContaining({ loc: ['path', 'number'] })] });
  });

  it('validates input up front with Validate-Input: true, with loc paths under body.input', async () => {
    api = testApi();
    const { status, body } = await api.json<{ detail: { loc: unknown[]; type: string; msg: string }[] }>(
      '/v1/predictions',
      post(
        {
          model: 'predictkit/image-generator',
          input: { width: 20, height: 'tall', num_outputs: 2.5, style: 'nope' },
        },
        { 'validate-input': 'true' },
      ),
    );
    expect(status).toBe(422);
    const byLoc = Object.fromEntries(body.detail.map((issue) => [issue.loc.join('.'), issue]));
    expect(byLoc['body.input.prompt']).toMatchObject({ type: 'missing', msg: 'Field required' });
    expect(byLoc['body.input.width']).toMatchObject({
      type: 'greater_than_equal',
      msg: 'Must be at least 64',
    });
    expect(byLoc['body.input.height']).toMatchObject({ type: 'int_type' });
    expect(byLoc['body.input.num_outputs']).toMatchObject({ type: 'int_type' });
    expect(byLoc['body.input.style']?.type).toBe('enum');
    // nothing was created
    const list = await api.json<{ items: unknown[] }>('/v1/predictions');
    expect(list.body.items).toHaveLength(0);
  });

  it('without Validate-Input, a bad input fails the prediction as the caller’s fault', async () => {
    api = testApi();
    const created = await api.create('predictkit/echo', { delay_ms: -1 });
    const done = await api.settle(created.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({
      source: 'external',
      message: expect.stringContaining('text: Field required'),
    });
  });

  it('refuses file inputs that are not data: URIs or its own files, with a 422 that says why', async () => {
    api = testApi();
    const { status, body } = await api.json<{ detail: { loc: unknown[]; msg: string }[] }>(
      '/v1/predictions',
      post({ model: 'predictkit/image-filter', input: { image: 'http://169.254.169.254/latest/meta-data' } }),
    );
    expect(status).toBe(422);
    expect(body.detail[0]?.loc).toEqual(['body', 'input', 'image']);
    expect(body.detail[0]?.msg).toMatch(/data: URIs and its own file URLs/);
  });

  it('refuses a data: URI it cannot decode with a 422, as the caller’s mistake', async () => {
    api = testApi();
    const { status, body } = await api.json<{ detail: { loc: unknown[]; type: string }[] }>(
      '/v1/predictions',
      post({ model: 'predictkit/image-filter', input: { image: 'data:image/png;base64,%%%not base64%%%' } }),
    );
    expect(status).toBe(422);
    expect(body.detail[0]).toMatchObject({ loc: ['body', 'input', 'image'], type: 'url_parsing' });
  });

  it('holds the answer with Prefer: wait until the prediction finishes', async () => {
    api = testApi();
    const { body, headers } = await api.json<Prediction>(
      '/v1/predictions',
      post({ model: 'predictkit/echo', input: { text: 'quick' } }, { prefer: 'wait=5' }),
    );
    expect(body).toMatchObject({ status: 'succeeded', output: 'quick' });
    expect(headers.get('preference-applied')).toBe('wait=5');
  });

  it('answers the current prediction when Prefer: wait runs out first', async () => {
    api = testApi({ timeScale: 1 });
    const started = Date.now();
    const { body } = await api.json<Prediction>(
      '/v1/predictions',
      post(
        { model: 'predictkit/slow-task', input: { duration_s: 30, steps: 3 } },
        { prefer: 'respond-async, wait=1' },
      ),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(['pending', 'started']).toContain(body.status);
  });
});

describe('cancel', () => {
  it('cancels a queued prediction at once', async () => {
    api = testApi({ concurrency: 1, timeScale: 1 });
    const blocker = await api.create('predictkit/slow-task', { duration_s: 30, steps: 2 });
    const queued = await api.create('predictkit/echo', { text: 'never' });
    const { status, body } = await api.json<Prediction>(`/v1/predictions/${queued.id}/cancel`, {
      method: 'POST',
    });
    expect(status).toBe(200);
    // WriftAI's statuses end at succeeded or failed: a cancel is a failure marked as one
    expect(body).toMatchObject({
      status: 'failed',
      error: { source: 'external', message: 'Canceled.', detail: { canceled: true } },
      output: null,
    });
    await api.json(`/v1/predictions/${blocker.id}/cancel`, { method: 'POST' });
    expect((await api.settle(blocker.id)).error?.detail).toEqual({ canceled: true });
  });

  it('stops a running model promptly through its signal, and is idempotent', async () => {
    api = testApi({ timeScale: 1 });
    const running = await api.create('predictkit/slow-task', { duration_s: 600, steps: 600 });
    await api.waitUntil(running.id, (p) => (p.logs?.length ?? 0) > 0);
    const asked = Date.now();
    await api.json(`/v1/predictions/${running.id}/cancel`, { method: 'POST' });
    const again = await api.json(`/v1/predictions/${running.id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(200);
    const done = await api.settle(running.id);
    expect(Date.now() - asked).toBeLessThan(1000);
    expect(done).toMatchObject({
      status: 'failed',
      error: { source: 'external', message: 'Canceled.', detail: { canceled: true } },
    });
    expect(done.execution_time).toMatch(/^PT/);
    const afterwards = await api.json(`/v1/predictions/${running.id}/cancel`, { method: 'POST' });
    expect(afterwards.status).toBe(200);
  });

  it('refuses to cancel a finished prediction with 409, and a missing one with 404', async () => {
    api = testApi();
    const created = await api.create('predictkit/echo', { text: 'x' });
    await api.settle(created.id);
    const finished = await api.json<{ detail: string }>(`/v1/predictions/${created.id}/cancel`, {
      method: 'POST',
    });
    expect(finished.status).toBe(409);
    expect(finished.body.detail).toMatch(/already succeeded/);
    const missing = await api.json<{ detail: string }>(`/v1/predictions/${crypto.randomUUID()}/cancel`, {
      method: 'POST',
    });
    expect(missing.status).toBe(404);
  });
});

describe('failures', () => {
  it('fails a prediction that runs past the maximum run time with an internal error', async () => {
    api = testApi({ timeScale: 1, maxRunTimeMs: 100 });
    const created = await api.create('predictkit/slow-task', { duration_s: 60, steps: 10 });
    const done = await api.settle(created.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({
      source: 'internal',
      message: expect.stringMatching(/maximum run time of 0.1 seconds/),
    });
  });

  it('fails a prediction whose model throws, with its message, and keeps serving', async () => {
    api = testApi();
    const created = await api.create('predictkit/slow-task', { duration_s: 1, steps: 5, fail_at_step: 3 });
    const done = await api.settle(created.id);
    expect(done.status).toBe('failed');
    expect(done.error?.source).toBe('internal');
    expect(done.error?.message).toMatch(/3/);
    expect(done.logs?.length).toBeGreaterThanOrEqual(2);
    const next = await api.create('predictkit/echo', { text: 'still here' });
    expect((await api.settle(next.id)).output).toBe('still here');
  });

  it('reports an external error where the model blames the input', async () => {
    api = testApi();
    const created = await api.create('predictkit/unreliable', {
      failure_rate: 1,
      error_source: 'external',
      seed: 1,
    });
    const done = await api.settle(created.id);
    expect(done).toMatchObject({ status: 'failed', error: { source: 'external' } });
  });

  it('keeps at most `concurrency` predictions running', async () => {
    api = testApi({ concurrency: 2, timeScale: 1 });
    const created = await Promise.all(
      [1, 2, 3, 4].map(() => api.create('predictkit/slow-task', { duration_s: 30, steps: 30 })),
    );
    await api.waitUntil(created[1]?.id as string, (p) => p.status === 'started');
    const statuses = await Promise.all(
      created.map(async (p) => (await api.json<Prediction>(`/v1/predictions/${p.id}`)).body.status),
    );
    expect(statuses).toEqual(['started', 'started', 'pending', 'pending']);
    await Promise.all(created.map((p) => api.request(`/v1/predictions/${p.id}/cancel`, { method: 'POST' })));
  });
});

describe('a model that ignores its signal', () => {
  it('cannot change a prediction once it has ended', async () => {
    const stubborn: DemoModel = {
      ...(demoModels[0] as DemoModel),
      name: 'stubborn',
      versions: [
        {
          ...((demoModels[0] as DemoModel).versions[0] as DemoVersion),
          setupMs: 0,
          input: { type: 'object', properties: {} },
          async run(ctx) {
            for (let i = 0; i < 20; i++) {
              ctx.log(`line ${i}`);
              await new Promise((resolve) => setTimeout(resolve, 10));
            }
            return 'done anyway';
          },
        },
      ],
    };
    api = testApi({ models: [stubborn], timeScale: 1 });
    const created = await api.create('predictkit/stubborn', {});
    await api.waitUntil(created.id, (p) => (p.logs?.length ?? 0) >= 2);
    await api.request(`/v1/predictions/${created.id}/cancel`, { method: 'POST' });
    const canceled = await api.settle(created.id);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const later = (await api.json<Prediction>(`/v1/predictions/${created.id}`)).body;
    expect(canceled.error?.detail).toEqual({ canceled: true });
    expect(later).toEqual(canceled);
  });
});

describe('get', () => {
  it('answers 404 with a detail for an unknown prediction and an unknown route', async () => {
    api = testApi();
    const missing = await api.json<{ detail: string }>(`/v1/predictions/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/not found/);
    const route = await api.json<{ detail: string }>('/v1/nothing-here');
    expect(route).toMatchObject({ status: 404, body: { detail: 'Not found: GET /v1/nothing-here' } });
    expect(route.headers.get('x-request-id')).toBeTruthy();
  });
});
