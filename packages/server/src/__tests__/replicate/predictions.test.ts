import type { Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromReplicateId, toReplicateId } from '../../replicateId';
import {
  JSON_TYPE,
  R,
  type ReplicatePrediction,
  type ReplicateTestApi,
  replicateApi,
} from './replicateTestApi';

let api: ReplicateTestApi;
afterEach(async () => {
  await api?.server.close({ graceMs: 0 });
});

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { ...JSON_TYPE, ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const versionOf = async (model: string) =>
  (await api.json<{ latest_version: { id: string } }>(`${R}/models/predictkit/${model}`)).body.latest_version
    .id;

describe('creates', () => {
  it('answers 201 with Replicate’s prediction JSON, and Prefer: wait holds it to the end', async () => {
    api = replicateApi();
    const { status, body, headers } = await api.json<ReplicatePrediction>(
      `${R}/models/predictkit/echo/predictions`,
      post({ input: { text: 'hi' } }, { prefer: 'wait' }),
    );
    expect(status).toBe(201);
    expect(headers.get('preference-applied')).toBe('wait=60');
    expect(headers.get('location')).toBe(body.urls.get);
    expect(body).toEqual({
      id: expect.stringMatching(/^[a-z2-7]{26}$/),
      model: 'predictkit/echo',
      version: expect.stringMatching(/^[\da-f]{64}$/),
      input: { text: 'hi' },
      logs: 'Echoing 2 characters\n',
      output: 'hi',
      data_removed: false,
      error: null,
      source: 'api',
      status: 'succeeded',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      started_at: expect.any(String),
      completed_at: expect.any(String),
      urls: {
        get: `http://127.0.0.1:8787${R}/predictions/${body.id}`,
        cancel: `http://127.0.0.1:8787${R}/predictions/${body.id}/cancel`,
        web: `http://127.0.0.1:8787${R}/predictions/${body.id}`,
      },
      metrics: { predict_time: expect.any(Number), total_time: expect.any(Number) },
    });
    expect(Date.parse(body.started_at as string)).toBeGreaterThanOrEqual(Date.parse(body.created_at));
    expect(Date.parse(body.completed_at as string)).toBeGreaterThanOrEqual(
      Date.parse(body.started_at as string),
    );
  });

  it('creates by version: a 64-hex id, owner/name:<id>, or owner/name for an official model', async () => {
    api = replicateApi();
    const id = await versionOf('echo');
    for (const version of [id, `predictkit/echo:${id}`, 'predictkit/echo']) {
      const { status, body } = await api.json<ReplicatePrediction>(
        `${R}/predictions`,
        post({ version, input: { text: 'v' } }, { prefer: 'wait=5' }),
      );
      expect({ version, status }).toEqual({ version, status: 201 });
      expect(body).toMatchObject({ model: 'predictkit/echo', version: id, output: 'v' });
    }
    // the text-generator's two versions have ids of their own, and each runs its own schema
    const versions = (
      await api.json<{ results: { id: string }[] }>(`${R}/models/predictkit/text-generator/versions`)
    ).body.results;
    const [v2, v1] = versions.map((v) => v.id);
    expect(v1).not.toBe(v2);
    const old = await api.json<{ invalid_fields: unknown[] }>(
      `${R}/predictions`,
      post({ version: v1, input: { prompt: 'x', stop: ['.'] } }),
    );
    expect(old.status).toBe(201);
  });

  it('answers bad creates with problem JSON: 404 for what does not exist, 422 for what is malformed', async () => {
    api = replicateApi();
    const id = await versionOf('echo');
    const cases: [string, unknown, number, RegExp | string][] = [
      [`${R}/predictions`, { input: {} }, 422, 'version'],
      [`${R}/predictions`, { version: 'predictkit/echo:2', input: {} }, 422, 'version'],
      [`${R}/predictions`, { version: 5, input: {} }, 422, 'version'],
      [`${R}/predictions`, { version: 'a'.repeat(64), input: {} }, 404, /Version a+ not found/],
      [`${R}/predictions`, { version: `predictkit/sentiment:${id}`, input: {} }, 404, /not found/],
      [`${R}/predictions`, { version: 'someone/echo', input: {} }, 404, /someone\/echo not found/],
      [`${R}/models/predictkit/nope/predictions`, { input: {} }, 404, /predictkit\/nope not found/],
      [`${R}/deployments/predictkit/nope/predictions`, { input: {} }, 404, /Deployment predictkit\/nope/],
      [`${R}/models/predictkit/echo/predictions`, {}, 422, 'input'],
      [`${R}/models/predictkit/echo/predictions`, { input: [] }, 422, 'input'],
      [`${R}/models/predictkit/echo/predictions`, { input: {} }, 422, 'input.text'],
      [
        `${R}/models/predictkit/echo/predictions`,
        { input: { text: 'x', delay_ms: -1 } },
        422,
        'input.delay_ms',
      ],
      [
        `${R}/models/predictkit/echo/predictions`,
        { input: { text: 'x' }, webhook: 'ftp://x' },
        422,
        'webhook',
      ],
      [
        `${R}/models/predictkit/echo/predictions`,
        { input: { text: 'x' }, webhook: 'https://x.test', webhook_events_filter: ['later'] },
        422,
        'webhook_events_filter',
      ],
      [
        `${R}/models/predictkit/image-filter/predictions`,
        { input: { image: 'https://elsewhere.test/a.png' } },
        422,
        'input.image',
      ],
      [`${R}/models/predictkit/echo/predictions`, '{"input": ', 422, 'body'],
    ];
    for (const [path, body, status, detail] of cases) {
      const response = await api.request(path, post(body));
      expect({ path, body, status: response.status }).toEqual({ path, body, status });
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await response.json()) as {
        title: string;
        detail: string;
        status: number;
        invalid_fields?: { field: string; type: string; description: string }[];
      };
      expect(problem.status).toBe(status);
      expect(typeof problem.title).toBe('string');
      if (status === 422) {
        expect(problem.title).toBe('Input validation failed');
        expect(problem.invalid_fields?.map((f) => f.field)).toContain(detail);
        expect(problem.detail).toContain(`- ${detail}: `);
      } else {
        expect(problem.detail).toMatch(detail);
      }
    }
    // nothing was created
    expect((await api.json<{ results: unknown[] }>(`${R}/predictions`)).body.results).toEqual([]);
  });

  it('answers a Prefer: wait that runs out as starting, so that clients poll on', async () => {
    api = replicateApi();
    const started = performance.now();
    const { body, headers } = await api.json<ReplicatePrediction>(
      `${R}/models/predictkit/slow-task/predictions`,
      post({ input: { duration_s: 600, steps: 2 } }, { prefer: 'wait=1' }),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(headers.get('preference-applied')).toBe('wait=1');
    expect(body).toMatchObject({ status: 'starting', output: null, started_at: null, completed_at: null });
    // GET tells the truth: it is running
    expect((await api.get(body.id)).status).toBe('processing');
  });

  it('runs a deployment: its model’s latest version, named in `deployment`', async () => {
    api = replicateApi();
    const { status, body } = await api.json<ReplicatePrediction>(
      `${R}/deployments/predictkit/text-generator/predictions`,
      post({ input: { prompt: 'Alice', max_tokens: 3, seed: 1 } }, { prefer: 'wait=5' }),
    );
    expect(status).toBe(201);
    expect(body).toMatchObject({
      deployment: 'predictkit/text-generator',
      version: await versionOf('text-generator'),
    });
    expect((await api.get(body.id)).deployment).toBe('predictkit/text-generator');
  });
});

describe('Cancel-After', () => {
  it('aborts a prediction whose deadline passes before it starts, with its deadline shown', async () => {
    api = replicateApi({ concurrency: 1 });
    const blocker = await api.run('predictkit/slow-task', { duration_s: 600, steps: 2 });
    const before = Date.now();
    const queued = await api.run('predictkit/echo', { text: 'late' }, { 'cancel-after': '200ms' });
    expect(Date.parse(queued.deadline as string)).toBeGreaterThanOrEqual(before + 200);
    expect(Date.parse(queued.deadline as string)).toBeLessThan(Date.now() + 250);
    const done = await api.finish(queued.id);
    expect(done).toMatchObject({ status: 'aborted', output: null, error: null, started_at: null });
    // WriftAI has no aborted: there it is failed, marked canceled, its error saying why
    const wriftai = (await api.json<Prediction>(`/v1/predictions/${fromReplicateId(queued.id)}`)).body;
    expect(wriftai).toMatchObject({
      status: 'failed',
      error: { source: 'external', message: expect.stringMatching(/deadline/), detail: { canceled: true } },
    });
    expect((await api.get(blocker.id)).status).toBe('processing');
  });

  it('cancels a running prediction whose deadline passes', async () => {
    api = replicateApi();
    const running = await api.run(
      'predictkit/slow-task',
      { duration_s: 600, steps: 2 },
      { 'cancel-after': '1s' },
    );
    expect((await api.finish(running.id)).status).toBe('canceled');
    expect((await api.get(running.id)).started_at).not.toBeNull();
  });

  it('leaves a prediction that ends in time alone, and refuses a malformed duration', async () => {
    api = replicateApi();
    const quick = await api.run('predictkit/echo', { text: 'x' }, { 'cancel-after': '1m', prefer: 'wait=5' });
    expect(quick.status).toBe('succeeded');
    const bad = await api.request(
      `${R}/models/predictkit/echo/predictions`,
      post({ input: { text: 'x' } }, { 'cancel-after': 'soon' }),
    );
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/cancel-after/);
  });
});

describe('get, cancel and list', () => {
  it('gets by id and answers 404 in problem JSON for an unknown or malformed one', async () => {
    api = replicateApi();
    const created = await api.run('predictkit/echo', { text: 'x' });
    expect((await api.get(created.id)).id).toBe(created.id);
    for (const id of [toReplicateId(crypto.randomUUID()), 'nope', '..%2f..%2fmodels']) {
      const { status, body } = await api.json<{ status: number; title: string }>(`${R}/predictions/${id}`);
      expect({ id, status }).toEqual({ id, status: 404 });
      expect(body).toMatchObject({ status: 404, title: 'Not found' });
    }
  });

  it('cancels: a running prediction answers canceled, again is a no-op, a finished one is a 409', async () => {
    api = replicateApi();
    const running = await api.run('predictkit/slow-task', { duration_s: 600, steps: 2 });
    const canceled = await api.json<ReplicatePrediction>(`${R}/predictions/${running.id}/cancel`, {
      method: 'POST',
    });
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ id: running.id, status: 'canceled', error: null });
    expect((await api.request(`${R}/predictions/${running.id}/cancel`, { method: 'POST' })).status).toBe(200);
    const done = await api.run('predictkit/echo', { text: 'x' }, { prefer: 'wait=5' });
    const late = await api.json<{ status: number; detail: string }>(`${R}/predictions/${done.id}/cancel`, {
      method: 'POST',
    });
    expect(late.status).toBe(409);
    expect(late.body.detail).toBe(
      `Prediction ${done.id} has already succeeded; only pending or started predictions can be canceled.`,
    );
  });

  it('lists newest first, 100 a page, with absolute next and previous URLs carrying a cursor', async () => {
    api = replicateApi();
    const ids: string[] = [];
    for (let i = 0; i < 205; i++) ids.push((await api.run('predictkit/echo', { text: `${i}` })).id);
    const newest = [...ids].reverse();
    type Page = { previous: string | null; next: string | null; results: ReplicatePrediction[] };
    const first = (await api.json<Page>(`${R}/predictions`)).body;
    expect(first.results.map((p) => p.id)).toEqual(newest.slice(0, 100));
    expect(first.previous).toBeNull();
    expect(first.next).toMatch(/^http:\/\/127\.0\.0\.1:8787\/replicate\/v1\/predictions\?cursor=[\w-]+$/);
    // list items leave out the logs
    expect(first.results[0]).not.toHaveProperty('logs');
    const path = (url: string) => url.replace('http://127.0.0.1:8787', '');
    const second = (await api.json<Page>(path(first.next as string))).body;
    expect(second.results.map((p) => p.id)).toEqual(newest.slice(100, 200));
    const third = (await api.json<Page>(path(second.next as string))).body;
    expect(third.results.map((p) => p.id)).toEqual(newest.slice(200));
    expect(third.next).toBeNull();
    const back = (await api.json<Page>(path(third.previous as string))).body;
    expect(back.results.map((p) => p.id)).toEqual(newest.slice(100, 200));
    // a prediction created meanwhile shifts no page
    await api.run('predictkit/echo', { text: 'new' });
    expect((await api.json<Page>(path(first.next as string))).body.results.map((p) => p.id)).toEqual(
      newest.slice(100, 200),
    );
    expect((await api.request(`${R}/predictions?cursor=%%%`)).status).toBe(422);
  });

  it('filters by created_after and created_before, each bound kept in next', async () => {
    api = replicateApi();
    const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
    const before: string[] = [];
    for (let i = 0; i < 3; i++) before.push((await api.run('predictkit/echo', { text: `${i}` })).id);
    await pause();
    const boundary = new Date().toISOString();
    await pause();
    const after: string[] = [];
    for (let i = 0; i < 102; i++) after.push((await api.run('predictkit/echo', { text: `${i}` })).id);
    type Page = { previous: string | null; next: string | null; results: ReplicatePrediction[] };
    const list = async (query: string) => (await api.json<Page>(`${R}/predictions?${query}`)).body;
    const path = (url: string) => url.replace('http://127.0.0.1:8787', '');

    const first = await list(`created_after=${boundary}`);
    expect(first.results.map((p) => p.id)).toEqual([...after].reverse().slice(0, 100));
    expect(new URL(first.next!).searchParams.get('created_after')).toBe(boundary);
    const second = (await api.json<Page>(path(first.next!))).body;
    expect(second.results.map((p) => p.id)).toEqual([...after].reverse().slice(100));
    expect(second.next).toBeNull();
    const back = (await api.json<Page>(path(second.previous!))).body;
    expect(back.results.map((p) => p.id)).toEqual([...after].reverse().slice(0, 100));

    const older = await list(`created_before=${boundary}`);
    expect(older.results.map((p) => p.id)).toEqual([...before].reverse());
    expect(older.next).toBeNull();
    // Without an offset, UTC: the same bound, whatever the server's zone.
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect((await list(`created_before=${boundary.slice(0, -1)}`)).results.map((p) => p.id)).toEqual(
        [...before].reverse(),
      );
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const day = boundary.slice(0, 10);
    expect((await list(`created_after=${day}&created_before=${day}`)).results).toEqual([]);
    // `created_after` takes a prediction's own `created_at`: the bound is inclusive.
    const [newest] = after.slice(-1);
    const own = (await api.json<ReplicatePrediction>(`${R}/predictions/${newest}`)).body.created_at;
    expect((await list(`created_after=${own}`)).results.map((p) => p.id)).toContain(newest);
    const bad = await api.json<{ status: number }>(`${R}/predictions?created_after=yesterday`);
    expect(bad.status).toBe(422);
  });

  it('with baseUrl, writes every absolute URL on it', async () => {
    api = replicateApi({ baseUrl: 'https://predict.example.com' });
    const created = await api.run('predictkit/text-generator', { prompt: 'x', max_tokens: 2 });
    expect(created.urls.get).toBe(`https://predict.example.com${R}/predictions/${created.id}`);
    expect(created.urls.stream).toMatch(
      /^https:\/\/predict\.example\.com\/replicate\/v1\/predictions\/\w+\/stream\?signature=/,
    );
  });
});

describe('data retention', () => {
  it('reads an ended prediction’s input, output and logs as removed past dataRetentionMs, on Replicate only', async () => {
    api = replicateApi({ dataRetentionMs: 3_600_000 });
    const streamed = await api.run(
      'predictkit/text-generator',
      { prompt: 'x', max_tokens: 2 },
      { prefer: 'wait=5' },
    );
    const made = await api.run('predictkit/echo', { text: 'kept an hour' }, { prefer: 'wait=5' });
    expect(made).toMatchObject({ status: 'succeeded', output: 'kept an hour', data_removed: false });
    const stream = async () =>
      (
        await api.request(new URL(streamed.urls.stream!).pathname + new URL(streamed.urls.stream!).search)
      ).text();
    expect(await stream()).toContain('event: output');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.parse(made.completed_at as string) + 3_600_000);
      // The stream, too, tells the end and nothing of what was removed.
      const replay = await stream();
      expect(replay).toContain('event: done');
      expect(replay).not.toContain('event: output');
      const removed = await api.get(made.id);
      expect(removed).toMatchObject({
        status: 'succeeded',
        input: {},
        output: null,
        logs: '',
        data_removed: true,
      });
      const [row] = (await api.json<{ results: ReplicatePrediction[] }>(`${R}/predictions`)).body.results;
      expect(row).toMatchObject({ id: made.id, input: {}, output: null, data_removed: true });
      // The record is kept: WriftAI's surface, which removes nothing, still shows it.
      const uuid = fromReplicateId(made.id) as string;
      expect((await api.json<Prediction>(`/v1/predictions/${uuid}`)).body.output).toBe('kept an hour');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('one record, two surfaces', () => {
  it('shows a prediction created on Replicate on WriftAI, and the other way round', async () => {
    api = replicateApi();
    const onReplicate = await api.run(
      'predictkit/sentiment',
      { text: 'What a lovely day' },
      { prefer: 'wait=5' },
    );
    const uuid = fromReplicateId(onReplicate.id) as string;
    const asWriftai = (await api.json<Prediction>(`/v1/predictions/${uuid}`)).body;
    expect(asWriftai).toMatchObject({
      id: uuid,
      model: { owner: 'predictkit', name: 'sentiment', version_number: 1 },
      status: 'succeeded',
      output: onReplicate.output,
      input: onReplicate.input,
    });
    // the Replicate id finds it on WriftAI too, and fields only Replicate has stay there
    expect((await api.json<Prediction>(`/v1/predictions/${onReplicate.id}`)).body).toEqual(asWriftai);
    expect(asWriftai).not.toHaveProperty('started_at');
    expect(asWriftai).not.toHaveProperty('deadline');

    const onWriftai = await api.create('predictkit/slow-task', { duration_s: 600, steps: 2 });
    const rid = toReplicateId(onWriftai.id);
    expect((await api.get(rid)).status).toMatch(/starting|processing/);
    expect((await api.get(onWriftai.id)).id).toBe(rid);
    // canceled on one surface, it is canceled on the other
    await api.request(`${R}/predictions/${rid}/cancel`, { method: 'POST' });
    expect((await api.settle(onWriftai.id)).error?.detail).toEqual({ canceled: true });
    expect((await api.finish(rid)).status).toBe('canceled');
    // both lists hold both, newest first
    const wriftaiList = (await api.json<{ items: { id: string }[] }>('/v1/predictions')).body.items;
    const replicateList = (await api.json<{ results: { id: string }[] }>(`${R}/predictions`)).body.results;
    expect(wriftaiList.map((p) => p.id)).toEqual([onWriftai.id, uuid]);
    expect(replicateList.map((p) => p.id)).toEqual([rid, onReplicate.id]);
    // and the model's run count counts both
    const model = (await api.json<{ run_count: number }>(`${R}/models/predictkit/slow-task`)).body;
    expect(model.run_count).toBe(1);
  });
});
