import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  getModel,
  getModelVersion,
  getUser,
  listHardware,
  listModelCategories,
  listModels,
  listModelsByOwner,
  listModelVersions,
  searchModels,
} from '../catalog/index';
import { parseDuration } from '../duration';
import {
  cancelPrediction,
  createClient,
  createPrediction,
  getPrediction,
  isTerminal,
  listPredictions,
  type Prediction,
  paginate,
  runPrediction,
  TimeoutError,
  ValidationError,
  waitForPrediction,
} from '../index';
import { streamPrediction, watchPrediction } from '../stream/index';
import { createPredictionWatcher, type WatchState } from '../watcher/index';
import { defineModel } from '../zod/index';
import { count, type Local, local, ORIGIN } from './localServer';

let api: Local;
beforeEach(() => {
  api = local();
});
afterEach(() => api.close());

describe('predictions', () => {
  it('creates on the latest version, sending only {input, webhook}', async () => {
    const created = await createPrediction(api.client, { model: 'predictkit/echo', input: { text: 'hi' } });
    expect(created).toMatchObject({ model: { owner: 'predictkit', name: 'echo' }, input: { text: 'hi' } });
    expect(api.sent.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /v1/models/predictkit/echo/predictions',
    ]);
    expect(api.sent[0]!.headers.get('content-type')).toBe('application/json');
    expect(api.sent[0]!.headers.get('prefer')).toBeNull();
  });

  it('creates on version N with owner/name:N', async () => {
    const created = await createPrediction(api.client, {
      model: 'predictkit/text-generator:1',
      input: { prompt: 'Alice', max_tokens: 3 },
    });
    expect(created.model).toEqual({ owner: 'predictkit', name: 'text-generator', version_number: 1 });
    expect(api.sent[0]!.path).toBe('/v1/models/predictkit/text-generator/versions/1/predictions');
  });

  it('holds the request with Prefer: wait and gets the finished prediction', async () => {
    const done = await createPrediction(api.client, {
      model: 'predictkit/echo',
      input: { text: 'x' },
      wait: 5,
    });
    expect(api.sent[0]!.headers.get('prefer')).toBe('wait=5');
    expect(done).toMatchObject({ status: 'succeeded', output: 'x' });
  });

  it('sends Validate-Input: true, and the service checks the input first', async () => {
    const error = await createPrediction(api.client, {
      model: 'predictkit/echo',
      input: { text: 1 },
      validateInput: true,
    }).catch((e: unknown) => e);
    expect(api.sent[0]!.headers.get('validate-input')).toBe('true');
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: ['text'] })]);
  });

  it('gets one prediction with input, output and logs', async () => {
    const created = await createPrediction(api.client, {
      model: 'predictkit/echo',
      input: { text: 'hey' },
      wait: 5,
    });
    const got = await getPrediction(api.client, created.id);
    expect(got).toMatchObject({ id: created.id, status: 'succeeded', input: { text: 'hey' }, output: 'hey' });
    expect(got.logs).toContain('Echoing 3 characters');
    expect(parseDuration(got.execution_time)).toBeGreaterThanOrEqual(0);
  });

  it('lists a page, newest first, without input or output', async () => {
    const first = await createPrediction(api.client, { model: 'predictkit/echo', input: { text: '1' } });
    const second = await createPrediction(api.client, { model: 'predictkit/echo', input: { text: '2' } });
    const page = await listPredictions(api.client, { pageSize: 5 });
    expect(page.items.map((p) => p.id)).toEqual([second.id, first.id]);
    expect(page.items[0]).not.toHaveProperty('input');
    expect(page.next_cursor).toBeNull();
    expect(api.sent.at(-1)!.path).toBe('/v1/predictions?page_size=5');
  });

  it('iterates 120 predictions across pages, each once, newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      ids.push(
        (await createPrediction(api.client, { model: 'predictkit/echo', input: { text: `${i}` } })).id,
      );
    }
    api.sent.length = 0;
    const seen: string[] = [];
    for await (const item of paginate(api.client, listPredictions, { pageSize: 25 })) seen.push(item.id);
    expect(seen).toEqual(ids.reverse());
    expect(api.sent.map((s) => s.path.replace(/cursor=[^&]+/, 'cursor=…'))).toEqual([
      '/v1/predictions?page_size=25',
      ...Array(4).fill('/v1/predictions?cursor=…&page_size=25'),
    ]);
  });

  it('stops iterating when the signal aborts, between pages or items', async () => {
    for (let i = 0; i < 12; i++)
      await createPrediction(api.client, { model: 'predictkit/echo', input: { text: `${i}` } });
    const controller = new AbortController();
    const seen: string[] = [];
    const iterating = (async () => {
      for await (const item of paginate(api.client, listPredictions, {
        pageSize: 5,
        signal: controller.signal,
      })) {
        seen.push(item.id);
        if (seen.length === 7) controller.abort();
      }
    })();
    await expect(iterating).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(7);
    expect(api.sent.filter((s) => s.path.startsWith('/v1/predictions?'))).toHaveLength(2);
  });

  it('follows the pages of any list, models too', async () => {
    const models = [];
    for await (const model of paginate(api.client, listModels, { pageSize: 5, sortBy: 'created_at' }))
      models.push(model.name);
    expect(models).toContain('echo');
    expect(new Set(models).size).toBe(models.length);
  });

  it('cancels a running prediction, which then ends canceled', async () => {
    const created = await createPrediction(api.client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 600, steps: 10 },
    });
    const asked = await cancelPrediction(api.client, created.id);
    expect(asked.id).toBe(created.id);
    expect(api.sent.at(-1)).toMatchObject({ method: 'POST', path: `/v1/predictions/${created.id}/cancel` });
    expect((await waitForPrediction(api.client, created.id, { interval: 5 })).status).toBe('canceled');
  });

  it('waits to the end by polling by default, reporting each new snapshot', async () => {
    const created = await createPrediction(api.client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 20, steps: 4 },
    });
    // It has a stream, and is polled all the same.
    expect(created.urls?.stream).toBe(`${ORIGIN}/v1/predictions/${created.id}/stream`);
    const updates: Prediction[] = [];
    const done = await waitForPrediction(api.client, created, {
      interval: 20,
      onUpdate: (p) => updates.push(p),
    });
    expect(done.status).toBe('succeeded');
    expect(updates.at(-1)).toBe(done);
    expect(new Set(updates).size).toBe(updates.length);
    expect(count(api.sent, 'GET', `/v1/predictions/${created.id}/stream`)).toBe(0);
  });

  it('waits through the stream when given streamPrediction', async () => {
    const created = await createPrediction(api.client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 20, seed: 1 },
    });
    expect(created.urls?.stream).toBe(`${ORIGIN}/v1/predictions/${created.id}/stream`);
    const done = await waitForPrediction(api.client, created, { stream: streamPrediction });
    expect(done).toEqual(await getPrediction(api.client, created.id));
    expect(count(api.sent, 'GET', `/v1/predictions/${created.id}/stream`)).toBe(1);
  });

  it('runs through the stream without holding the create, telling each snapshot as it comes', async () => {
    const seen: Prediction[] = [];
    const done = await runPrediction(
      api.client,
      'predictkit/text-generator',
      { prompt: 'Alice', max_tokens: 12, seed: 1 },
      { stream: streamPrediction, onUpdate: (p) => seen.push(p) },
    );
    expect(done.status).toBe('succeeded');
    expect(api.sent[0]!.headers.get('prefer')).toBeNull();
    expect(count(api.sent, 'GET', `/v1/predictions/${done.id}/stream`)).toBe(1);
    // The output grew before the end, one chunk at a time.
    const running = seen.filter((p) => p.status !== 'succeeded' && Array.isArray(p.output));
    expect(running.length).toBeGreaterThan(1);
    expect((running.at(-1)!.output as string[]).length).toBeGreaterThan(0);
  });

  it('holds the create without a stream, or not at all with wait: false', async () => {
    await runPrediction(api.client, 'predictkit/echo', { text: 'held' });
    await runPrediction(api.client, 'predictkit/echo', { text: 'not held' }, { wait: false });
    const creates = api.sent.filter((r) => r.method === 'POST');
    expect(creates.map((r) => r.headers.get('prefer'))).toEqual(['wait=60', null]);
  });

  it('counts the held create in the run’s timeoutMs', async () => {
    // 600 model seconds are 6 s at the test server's time scale; the run may take 1.5 s in all.
    const started = Date.now();
    const error = await runPrediction(
      api.client,
      'predictkit/slow-task',
      { duration_s: 600, steps: 2 },
      { timeoutMs: 1500 },
    ).catch((e: unknown) => e);
    const took = Date.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toMatch(/still (pending|started) after 1500 ms/);
    expect((error as TimeoutError).prediction?.status).toMatch(/pending|started/);
    expect(took).toBeLessThan(2500);
    // The hold was cut to the run's whole seconds.
    expect(api.sent[0]!.headers.get('prefer')).toBe('wait=1');
    await cancelPrediction(api.client, (error as TimeoutError).prediction!.id);
  });

  it('runs through the stream when given streamPrediction, once the create has held its second', async () => {
    // 150 model seconds are 1.5 s at the test server's time scale: longer than `wait: 1` holds.
    const done = await runPrediction(
      api.client,
      'predictkit/slow-task',
      { duration_s: 150, steps: 3 },
      { wait: 1, stream: streamPrediction },
    );
    expect(done.status).toBe('succeeded');
    expect(count(api.sent, 'GET', `/v1/predictions/${done.id}/stream`)).toBe(1);
    expect(count(api.sent, 'GET', `/v1/predictions/${done.id}`)).toBe(0);
  });

  it('watches a streaming prediction chunk by chunk, ending on what GET says', async () => {
    const created = await createPrediction(api.client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 30, seed: 2 },
    });
    const snapshots: Prediction<unknown, unknown>[] = [];
    for await (const snapshot of watchPrediction(api.client, created)) {
      snapshots.push(snapshot);
    }
    const final = await getPrediction<Record<string, unknown>, string[]>(api.client, created.id);
    expect(snapshots[0]).toBe(created);
    expect(snapshots.at(-1)).toEqual(final);
    const lengths = snapshots.map((s) => (Array.isArray(s.output) ? s.output.length : 0));
    expect(lengths.at(-1)).toBe(final.output!.length);
    // Every token arrived on its own snapshot, through the one stream watchPrediction opens by default.
    expect(new Set(lengths).size).toBe(final.output!.length + 1);
    expect(count(api.sent, 'GET', `/v1/predictions/${created.id}/stream`)).toBe(1);
  });

  it('watches by polling with stream: false', async () => {
    const created = await createPrediction(api.client, {
      model: 'predictkit/echo',
      input: { text: 'p', delay_ms: 500 },
    });
    const statuses: string[] = [];
    for await (const s of watchPrediction(api.client, created.id, { stream: false, interval: 5 }))
      statuses.push(s.status);
    expect(statuses.at(-1)).toBe('succeeded');
    expect(statuses.filter(isTerminal)).toHaveLength(1);
    expect(count(api.sent, 'GET', `/v1/predictions/${created.id}/stream`)).toBe(0);
  });

  it('reads the raw stream events of one connection', async () => {
    const done = await createPrediction(api.client, {
      model: 'predictkit/echo',
      input: { text: 's' },
      wait: 5,
    });
    const events = [];
    for await (const event of streamPrediction(api.client, done)) events.push(event);
    expect(events.map((e) => e.event)).toEqual(['prediction', 'done']);
    expect(JSON.parse(events[1]!.data)).toMatchObject({ id: done.id, status: 'succeeded' });
    expect(api.sent.at(-1)!.headers.get('accept')).toBe('text/event-stream');
  });

  it('follows a root-relative urls.stream on the origin of an absolute baseUrl, not below baseUrl', async () => {
    const done = await createPrediction(api.client, {
      model: 'predictkit/echo',
      input: { text: 'r' },
      wait: 5,
    });
    const stream = `/v1/predictions/${done.id}/stream`;
    const events = [];
    for await (const event of streamPrediction(api.client, { ...done, urls: { stream } })) events.push(event);
    expect(events.map((e) => e.event)).toEqual(['prediction', 'done']);
    expect(api.sent.at(-1)!.url).toBe(`${ORIGIN}${stream}`);
  });

  it('follows a root-relative urls.stream from the page when baseUrl is a relative proxy path', async () => {
    // As in a browser: the proxy at /api/predictkit, with no public origin, sends root-relative URLs.
    vi.stubGlobal('location', { href: `${ORIGIN}/app/page` });
    try {
      const urls: string[] = [];
      const proxy = (request: Request) => {
        urls.push(request.url);
        return api.fetch(new Request(request.url.replace('/api/predictkit/', '/v1/'), request));
      };
      const client = createClient({ baseUrl: '/api/predictkit', fetch: proxy });
      // Node takes no relative URL: the prediction is made with the absolute client.
      const done = await createPrediction(api.client, {
        model: 'predictkit/echo',
        input: { text: 'r' },
        wait: 5,
      });
      const stream = `/api/predictkit/predictions/${done.id}/stream`;
      const events = [];
      for await (const event of streamPrediction(client, { ...done, urls: { stream } })) events.push(event);
      expect(events.map((e) => e.event)).toEqual(['prediction', 'done']);
      expect(urls).toEqual([`${ORIGIN}${stream}`]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('follows a urls.stream on another origin without the token or the client’s headers', async () => {
    const api2 = local({}, { token: 'secret', headers: { 'x-tenant': 'acme' } });
    try {
      const created = await createPrediction(api2.client, {
        model: 'predictkit/echo',
        input: { text: 'o', delay_ms: 200 },
      });
      // The local server answers whatever host the request names: it stands in for a stream host.
      const elsewhere = {
        ...created,
        urls: { stream: `http://stream.test/v1/predictions/${created.id}/stream` },
      };
      const done = await waitForPrediction(api2.client, elsewhere, {
        stream: streamPrediction,
        interval: 20,
      });
      expect(done.status).toBe('succeeded');
      const streams = api2.sent.filter((s) => s.url.startsWith('http://stream.test/'));
      expect(streams.length).toBeGreaterThan(0);
      for (const s of streams) {
        expect(s.headers.get('authorization')).toBeNull();
        expect(s.headers.get('x-tenant')).toBeNull();
        expect(s.headers.get('accept')).toBe('text/event-stream');
      }
      for (const s of api2.sent.filter((s) => s.url.startsWith(`${ORIGIN}/`))) {
        expect(s.headers.get('authorization')).toBe('Bearer secret');
      }
    } finally {
      await api2.close();
    }
  });

  it('leaves no listener on the caller’s signal once a stream is over', async () => {
    const done = await createPrediction(api.client, {
      model: 'predictkit/echo',
      input: { text: 's' },
      wait: 5,
    });
    const { signal } = new AbortController();
    for (let i = 0; i < 3; i++) for await (const _ of streamPrediction(api.client, done, { signal }));
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('stops a stream whose signal aborted before its first read', async () => {
    const done = await createPrediction(api.client, {
      model: 'predictkit/echo',
      input: { text: 's' },
      wait: 5,
    });
    const controller = new AbortController();
    const events = streamPrediction(api.client, done, { signal: controller.signal });
    const first = events.next();
    controller.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('runs to the end: create held with Prefer: wait=60, then waits', async () => {
    const done = await runPrediction(
      api.client,
      'predictkit/slow-task',
      { duration_s: 10, steps: 2 },
      { interval: 10 },
    );
    expect(done.status).toBe('succeeded');
    expect(api.sent[0]!.headers.get('prefer')).toBe('wait=60');
  });

  it('runs and returns a failed prediction rather than throwing', async () => {
    const failed = await runPrediction(api.client, 'predictkit/slow-task', {
      duration_s: 1,
      steps: 2,
      fail_at_step: 2,
    });
    expect(failed).toMatchObject({ status: 'failed', error: { source: 'internal' } });
  });
});

describe('the lifecycle for hooks', () => {
  it('streams through createPredictionWatcher given streamPrediction, with subscribe semantics', async () => {
    const created = await createPrediction(api.client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 10, seed: 3 },
    });
    const watcher = createPredictionWatcher(api.client, created, { stream: streamPrediction });
    const states: WatchState[] = [];
    watcher.subscribe((s) => states.push(s));
    const done = await watcher.result;
    expect(states[0]!.transport).toBe('stream');
    expect(states.at(-1)).toMatchObject({ phase: 'done', prediction: done });
    expect(watcher.getState()).toBe(states.at(-1));
  });

  it('polls through createPredictionWatcher without a reader, though the prediction has a stream', async () => {
    const created = await createPrediction(api.client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 5 },
    });
    expect(created.urls?.stream).toBeDefined();
    const watcher = createPredictionWatcher(api.client, created, { interval: 10 });
    const transports: WatchState['transport'][] = [];
    watcher.subscribe((s) => transports.push(s.transport));
    const done = await watcher.result;
    expect(done).toEqual(await getPrediction(api.client, created.id));
    // Never `stream`: the first change it reports is the switch to polling.
    expect(new Set(transports)).toEqual(new Set(['poll']));
    expect(count(api.sent, 'GET', `/v1/predictions/${created.id}/stream`)).toBe(0);
  });
});

describe('defineModel', () => {
  const echo = defineModel('predictkit/echo', {
    input: z.object({ text: z.string().min(1), delay_ms: z.number().int().optional() }),
    output: z.string(),
  });

  it('creates and runs with typed, checked input and output', async () => {
    const done = await runPrediction(api.client, echo, { text: 'typed' });
    expect(done.output).toBe('typed');
    const created = await createPrediction(api.client, { model: echo, input: { text: 'again' } });
    expect(created.input).toEqual({ text: 'again' });
  });

  it('refuses a bad input before sending anything', async () => {
    const error = await runPrediction(api.client, echo, { text: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 422, issues: [{ path: ['text'], type: 'too_small' }] });
    expect((error as ValidationError).requestId).toBeUndefined();
    expect((error as Error).message).toMatch(
      /^createPrediction: the input of predictkit\/echo does not match its schema: text: .+\. Nothing was sent; fix the input\.$/,
    );
    expect(api.sent).toHaveLength(0);
  });

  it('refuses an output that does not match its schema', async () => {
    const wrong = defineModel('predictkit/echo:1', {
      input: z.object({ text: z.string() }),
      output: z.number(),
    });
    await expect(runPrediction(api.client, wrong, { text: 'not a number' })).rejects.toMatchObject({
      name: 'UnexpectedResponseError',
      path: 'output',
      message: expect.stringMatching(
        /^runPrediction: the output of predictkit\/echo:1 does not match its schema: .+\. Compare the schema with getModel\.$/,
      ),
    });
  });
});

describe('models and the rest', () => {
  it('gets a model with its latest version and schemas', async () => {
    const model = await getModel(api.client, 'predictkit/text-generator');
    expect(model).toMatchObject({ name: 'text-generator', owner: { username: 'predictkit' } });
    expect(model.version).toEqual(model.latest_version);
    expect(model.version?.number).toBe(2);
    expect(model.version?.schemas?.prediction.input).toHaveProperty('properties.prompt');
  });

  it("gets version N's schemas for owner/name:N", async () => {
    const model = await getModel(api.client, 'predictkit/text-generator:1');
    expect(model.version?.number).toBe(1);
    expect(model.latest_version?.number).toBe(2);
    expect(api.sent.map((s) => s.path).sort()).toEqual([
      '/v1/models/predictkit/text-generator',
      '/v1/models/predictkit/text-generator/versions/1',
    ]);
  });

  it('lists models with sorting and category filters', async () => {
    const page = await listModels(api.client, {
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
    expect((await listModelsByOwner(api.client, 'predictkit')).items.length).toBeGreaterThanOrEqual(8);
    expect((await searchModels(api.client, 'sentiment')).items.map((m) => m.name)).toContain('sentiment');
    const versions = await listModelVersions(api.client, 'predictkit/text-generator');
    expect(versions.items.map((v) => v.number)).toEqual([2, 1]);
    expect((await getModelVersion(api.client, 'predictkit/text-generator:1')).schemas).toBeDefined();
  });

  it('refuses getModelVersion without a version', async () => {
    await expect(getModelVersion(api.client, 'predictkit/echo')).rejects.toThrow(
      'getModelVersion: `model` must be owner/name:N or owner/name:<version id>, with a version, got "predictkit/echo".',
    );
  });

  it('lists hardware and categories, and gets the user', async () => {
    expect((await listHardware(api.client)).items[0]).toMatchObject({ identifier: expect.any(String) });
    expect((await listModelCategories(api.client)).items.map((c) => c.slug)).toContain('text-generation');
    expect(await getUser(api.client)).toMatchObject({ username: 'local' });
  });
});

describe('what the client sends', () => {
  it('sends the token, the user agent and extra headers', async () => {
    const api2 = local(
      { tokens: ['t0ken'] },
      { token: 't0ken', userAgent: 'my-app/1.0', headers: { 'x-trace': 'abc' } },
    );
    await getUser(api2.client);
    const { headers } = api2.sent[0]!;
    expect(headers.get('authorization')).toBe('Bearer t0ken');
    expect(headers.get('user-agent')).toBe('my-app/1.0');
    expect(headers.get('x-trace')).toBe('abc');
    expect(headers.get('accept')).toBe('application/json');
    await api2.close();
  });
});
