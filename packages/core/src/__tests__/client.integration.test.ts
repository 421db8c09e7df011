import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createBaseClient,
  createPrediction,
  createPredictionWatcher,
  defineModel,
  getPrediction,
  isTerminal,
  type Prediction,
  paginate,
  parseDuration,
  ValidationError,
  type WatchState,
  waitForPrediction,
} from '../index';
import { count, type Local, local, ORIGIN } from './localServer';

let api: Local;
beforeEach(() => {
  api = local();
});
afterEach(() => api.close());

describe('predictions', () => {
  it('creates on the latest version, sending only {input, webhook}', async () => {
    const created = await api.client.predictions.create({ model: 'predictkit/echo', input: { text: 'hi' } });
    expect(created).toMatchObject({ model: { owner: 'predictkit', name: 'echo' }, input: { text: 'hi' } });
    expect(api.sent.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /v1/models/predictkit/echo/predictions',
    ]);
    expect(api.sent[0]!.headers.get('content-type')).toBe('application/json');
    expect(api.sent[0]!.headers.get('prefer')).toBeNull();
  });

  it('creates on version N with owner/name:N', async () => {
    const created = await api.client.predictions.create({
      model: 'predictkit/text-generator:1',
      input: { prompt: 'Alice', max_tokens: 3 },
    });
    expect(created.model).toEqual({ owner: 'predictkit', name: 'text-generator', version_number: 1 });
    expect(api.sent[0]!.path).toBe('/v1/models/predictkit/text-generator/versions/1/predictions');
  });

  it('holds the request with Prefer: wait and gets the finished prediction', async () => {
    const done = await api.client.predictions.create({
      model: 'predictkit/echo',
      input: { text: 'x' },
      wait: 5,
    });
    expect(api.sent[0]!.headers.get('prefer')).toBe('wait=5');
    expect(done).toMatchObject({ status: 'succeeded', output: 'x' });
  });

  it('sends Validate-Input: true, and the service checks the input first', async () => {
    const error = await api.client.predictions
      .create({ model: 'predictkit/echo', input: { text: 1 }, validateInput: true })
      .catch((e: unknown) => e);
    expect(api.sent[0]!.headers.get('validate-input')).toBe('true');
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: ['text'] })]);
  });

  it('gets one prediction with input, output and logs', async () => {
    const created = await api.client.predictions.create({
      model: 'predictkit/echo',
      input: { text: 'hey' },
      wait: 5,
    });
    const got = await api.client.predictions.get(created.id);
    expect(got).toMatchObject({ id: created.id, status: 'succeeded', input: { text: 'hey' }, output: 'hey' });
    expect(got.logs).toContain('Echoing 3 characters');
    expect(parseDuration(got.execution_time)).toBeGreaterThanOrEqual(0);
  });

  it('lists a page, newest first, without input or output', async () => {
    const first = await api.client.predictions.create({ model: 'predictkit/echo', input: { text: '1' } });
    const second = await api.client.predictions.create({ model: 'predictkit/echo', input: { text: '2' } });
    const page = await api.client.predictions.list({ pageSize: 5 });
    expect(page.items.map((p) => p.id)).toEqual([second.id, first.id]);
    expect(page.items[0]).not.toHaveProperty('input');
    expect(page.next_cursor).toBeNull();
    expect(api.sent.at(-1)!.path).toBe('/v1/predictions?page_size=5');
  });

  it('iterates 120 predictions across pages, each once, newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      ids.push(
        (await api.client.predictions.create({ model: 'predictkit/echo', input: { text: `${i}` } })).id,
      );
    }
    api.sent.length = 0;
    const seen: string[] = [];
    for await (const item of api.client.predictions.iterate({ pageSize: 25 })) seen.push(item.id);
    expect(seen).toEqual(ids.reverse());
    expect(api.sent.map((s) => s.path.replace(/cursor=[^&]+/, 'cursor=…'))).toEqual([
      '/v1/predictions?page_size=25',
      ...Array(4).fill('/v1/predictions?cursor=…&page_size=25'),
    ]);
  });

  it('stops iterating when the signal aborts, between pages or items', async () => {
    for (let i = 0; i < 12; i++)
      await api.client.predictions.create({ model: 'predictkit/echo', input: { text: `${i}` } });
    const controller = new AbortController();
    const seen: string[] = [];
    const iterating = (async () => {
      for await (const item of api.client.predictions.iterate({ pageSize: 5, signal: controller.signal })) {
        seen.push(item.id);
        if (seen.length === 7) controller.abort();
      }
    })();
    await expect(iterating).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(7);
    expect(api.sent.filter((s) => s.path.startsWith('/v1/predictions?'))).toHaveLength(2);
  });

  it('follows pages with paginate too, from any list', async () => {
    const models = [];
    for await (const model of paginate(api.client.models.list, { pageSize: 5, sortBy: 'created_at' }))
      models.push(model.name);
    expect(models).toContain('echo');
    expect(new Set(models).size).toBe(models.length);
  });

  it('cancels a running prediction, which then ends canceled', async () => {
    const created = await api.client.predictions.create({
      model: 'predictkit/slow-task',
      input: { duration_s: 600, steps: 10 },
    });
    const asked = await api.client.predictions.cancel(created.id);
    expect(asked.id).toBe(created.id);
    expect(api.sent.at(-1)).toMatchObject({ method: 'POST', path: `/v1/predictions/${created.id}/cancel` });
    expect((await api.client.predictions.wait(created.id, { interval: 5 })).status).toBe('canceled');
  });

  it('waits to the end by polling, reporting each new snapshot', async () => {
    const created = await api.client.predictions.create({
      model: 'predictkit/slow-task',
      input: { duration_s: 20, steps: 4 },
    });
    const updates: Prediction[] = [];
    const done = await api.client.predictions.wait(created, {
      interval: 20,
      stream: false,
      onUpdate: (p) => updates.push(p),
    });
    expect(done.status).toBe('succeeded');
    expect(updates.at(-1)).toBe(done);
    expect(new Set(updates).size).toBe(updates.length);
    expect(count(api.sent, 'GET', `/v1/predictions/${created.id}/stream`)).toBe(0);
  });

  it('waits through the stream when the prediction has one', async () => {
    const created = await api.client.predictions.create({
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 20, seed: 1 },
    });
    expect(created.urls?.stream).toBe(`${ORIGIN}/v1/predictions/${created.id}/stream`);
    const done = await api.client.predictions.wait(created);
    expect(done).toEqual(await api.client.predictions.get(created.id));
    expect(count(api.sent, 'GET', `/v1/predictions/${created.id}/stream`)).toBe(1);
  });

  it('watches a streaming prediction chunk by chunk, ending on what GET says', async () => {
    const created = await api.client.predictions.create({
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 30, seed: 2 },
    });
    const snapshots: Prediction<unknown, unknown>[] = [];
    for await (const snapshot of api.client.predictions.watch(created)) {
      snapshots.push(snapshot);
    }
    const final = await api.client.predictions.get<Record<string, unknown>, string[]>(created.id);
    expect(snapshots[0]).toBe(created);
    expect(snapshots.at(-1)).toEqual(final);
    const lengths = snapshots.map((s) => (Array.isArray(s.output) ? s.output.length : 0));
    expect(lengths.at(-1)).toBe(final.output!.length);
    // Every token arrived on its own snapshot.
    expect(new Set(lengths).size).toBe(final.output!.length + 1);
  });

  it('watches a prediction without a stream by polling', async () => {
    const created = await api.client.predictions.create({
      model: 'predictkit/echo',
      input: { text: 'p', delay_ms: 500 },
    });
    const statuses: string[] = [];
    for await (const s of api.client.predictions.watch(created.id, { stream: false, interval: 5 }))
      statuses.push(s.status);
    expect(statuses.at(-1)).toBe('succeeded');
    expect(statuses.filter(isTerminal)).toHaveLength(1);
  });

  it('reads the raw stream events of one connection', async () => {
    const done = await api.client.predictions.create({
      model: 'predictkit/echo',
      input: { text: 's' },
      wait: 5,
    });
    const events = [];
    for await (const event of api.client.predictions.stream(done)) events.push(event);
    expect(events.map((e) => e.event)).toEqual(['prediction', 'done']);
    expect(JSON.parse(events[1]!.data)).toMatchObject({ id: done.id, status: 'succeeded' });
    expect(api.sent.at(-1)!.headers.get('accept')).toBe('text/event-stream');
  });

  it('leaves no listener on the caller’s signal once a stream is over', async () => {
    const done = await api.client.predictions.create({
      model: 'predictkit/echo',
      input: { text: 's' },
      wait: 5,
    });
    const { signal } = new AbortController();
    for (let i = 0; i < 3; i++) for await (const _ of api.client.predictions.stream(done, { signal }));
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('stops a stream whose signal aborted before its first read', async () => {
    const done = await api.client.predictions.create({
      model: 'predictkit/echo',
      input: { text: 's' },
      wait: 5,
    });
    const controller = new AbortController();
    const events = api.client.predictions.stream(done, { signal: controller.signal });
    const first = events.next();
    controller.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('runs to the end: create held with Prefer: wait=60, then waits', async () => {
    const done = await api.client.run('predictkit/slow-task', { duration_s: 10, steps: 2 }, { interval: 10 });
    expect(done.status).toBe('succeeded');
    expect(api.sent[0]!.headers.get('prefer')).toBe('wait=60');
  });

  it('runs and returns a failed prediction rather than throwing', async () => {
    const failed = await api.client.run('predictkit/slow-task', { duration_s: 1, steps: 2, fail_at_step: 2 });
    expect(failed).toMatchObject({ status: 'failed', error: { source: 'internal' } });
  });
});

describe('the lifecycle for hooks', () => {
  it('streams through createPredictionWatcher with subscribe semantics', async () => {
    const created = await api.client.predictions.create({
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 10, seed: 3 },
    });
    const watcher = createPredictionWatcher(api.client, created);
    const states: WatchState[] = [];
    watcher.subscribe((s) => states.push(s));
    const done = await watcher.result;
    expect(states[0]!.transport).toBe('stream');
    expect(states.at(-1)).toMatchObject({ phase: 'done', prediction: done });
    expect(watcher.getState()).toBe(states.at(-1));
  });

  it('has the standalone operations for small bundles (which poll)', async () => {
    const base = createBaseClient({ baseUrl: `${ORIGIN}/v1`, fetch: api.fetch });
    const created = await createPrediction(base, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 5 },
    });
    const done = await waitForPrediction(base, created, { interval: 10 });
    expect(done).toEqual(await getPrediction(base, created.id));
    expect(count(api.sent, 'GET', `/v1/predictions/${created.id}/stream`)).toBe(0);
  });
});

describe('defineModel', () => {
  const echo = defineModel('predictkit/echo', {
    input: z.object({ text: z.string().min(1), delay_ms: z.number().int().optional() }),
    output: z.string(),
  });

  it('creates and runs with typed, checked input and output', async () => {
    const done = await api.client.run(echo, { text: 'typed' });
    expect(done.output).toBe('typed');
    const created = await api.client.predictions.create({ model: echo, input: { text: 'again' } });
    expect(created.input).toEqual({ text: 'again' });
  });

  it('refuses a bad input before sending anything', async () => {
    const error = await api.client.run(echo, { text: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 422, issues: [{ path: ['text'], type: 'too_small' }] });
    expect((error as ValidationError).requestId).toBeUndefined();
    expect((error as Error).message).toMatch(
      /^predictions\.create: the input of predictkit\/echo does not match its schema: text: .+\. Nothing was sent; fix the input\.$/,
    );
    expect(api.sent).toHaveLength(0);
  });

  it('refuses an output that does not match its schema', async () => {
    const wrong = defineModel('predictkit/echo:1', {
      input: z.object({ text: z.string() }),
      output: z.number(),
    });
    await expect(api.client.run(wrong, { text: 'not a number' })).rejects.toMatchObject({
      name: 'UnexpectedResponseError',
      path: 'output',
      message: expect.stringContaining('run: the output of predictkit/echo:1 does not match its schema'),
    });
  });
});

describe('models and the rest', () => {
  it('gets a model with its latest version and schemas', async () => {
    const model = await api.client.models.get('predictkit/text-generator');
    expect(model).toMatchObject({ name: 'text-generator', owner: { username: 'predictkit' } });
    expect(model.version).toEqual(model.latest_version);
    expect(model.version?.number).toBe(2);
    expect(model.version?.schemas?.prediction.input).toHaveProperty('properties.prompt');
  });

  it("gets version N's schemas for owner/name:N", async () => {
    const model = await api.client.models.get('predictkit/text-generator:1');
    expect(model.version?.number).toBe(1);
    expect(model.latest_version?.number).toBe(2);
    expect(api.sent.map((s) => s.path).sort()).toEqual([
      '/v1/models/predictkit/text-generator',
      '/v1/models/predictkit/text-generator/versions/1',
    ]);
  });

  it('lists models with sorting and category filters', async () => {
    const page = await api.client.models.list({
      sortBy: 'created_at',
      sortDirection: 'asc',
      categories: ['text-generation', 'audio'],
      pageSize: 10,
    });
    expect(api.sent[0]!.path).toBe(
      '/v1/models?page_size=10&sort_by=created_at&sort_direction=asc&category_slugs=text-generation&category_slugs=audio',
    );
    expect(page.items.map((m) => m.name).sort()).toEqual(['text-generator', 'tone-synth']);
  });

  it("lists an owner's models, searches, and lists versions", async () => {
    expect((await api.client.models.listByOwner('predictkit')).items.length).toBeGreaterThanOrEqual(8);
    expect((await api.client.models.search('sentiment')).items.map((m) => m.name)).toContain('sentiment');
    const versions = await api.client.models.versions.list('predictkit/text-generator');
    expect(versions.items.map((v) => v.number)).toEqual([2, 1]);
    expect((await api.client.models.versions.get('predictkit/text-generator:1')).schemas).toBeDefined();
  });

  it('refuses versions.get without a version', async () => {
    await expect(api.client.models.versions.get('predictkit/echo')).rejects.toThrow(
      'models.versions.get: `model` must be owner/name:N, with a version, got "predictkit/echo".',
    );
  });

  it('lists hardware and categories, and gets the user', async () => {
    expect((await api.client.hardware.list()).items[0]).toMatchObject({ identifier: expect.any(String) });
    expect((await api.client.modelCategories.list()).items.map((c) => c.slug)).toContain('text-generation');
    expect(await api.client.user.get()).toMatchObject({ username: 'local' });
  });
});

describe('what the client sends', () => {
  it('sends the token, the user agent and extra headers', async () => {
    const api2 = local(
      { tokens: ['t0ken'] },
      { token: 't0ken', userAgent: 'my-app/1.0', headers: { 'x-trace': 'abc' } },
    );
    await api2.client.user.get();
    const { headers } = api2.sent[0]!;
    expect(headers.get('authorization')).toBe('Bearer t0ken');
    expect(headers.get('user-agent')).toBe('my-app/1.0');
    expect(headers.get('x-trace')).toBe('abc');
    expect(headers.get('accept')).toBe('application/json');
    await api2.close();
  });
});
