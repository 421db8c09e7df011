import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ListeningServer, listen } from '../node/listen';
import { SqliteStore } from '../node/SqliteStore';
import { WebhookSender } from '../runner/WebhookSender';
import { MemoryStore } from '../store/MemoryStore';
import { type CliProcess, startCli } from './cliProcess';
import { readEvents, type TestApi, testApi } from './testServer';
import { type WebhookReceiver, webhookReceiver } from './webhookReceiver';

let api: TestApi | undefined;
let running: ListeningServer | undefined;
let receiver: WebhookReceiver | undefined;
const children: CliProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await api?.server.close({ graceMs: 0 });
  await running?.close({ graceMs: 0 });
  await receiver?.close();
  for (const { child } of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  api = undefined;
  running = undefined;
  receiver = undefined;
});

const SHUT_DOWN_RUNNING = /^The server shut down before this prediction finished\. Create it again\.$/;
const SHUT_DOWN_QUEUED = /^The server shut down before this prediction started\. Create it again\.$/;

const createBody = (model: string, input: Record<string, unknown>, webhook?: string) =>
  JSON.stringify({ model, input, ...(webhook ? { webhook: { url: webhook } } : {}) });

/** A slow-task that takes `seconds` of real time (the test servers run at time scale 1 here). */
const slow = (seconds: number) => ({ duration_s: seconds, steps: 2 });

describe('close(): a graceful shutdown', () => {
  it('lets a prediction that finishes within the grace succeed, and fails one that does not', async () => {
    api = testApi({ timeScale: 1, shutdownGraceMs: 600 });
    const quick = await api.create('predictkit/slow-task', slow(0.3));
    const long = await api.create('predictkit/slow-task', slow(60));
    await api.waitUntil(long.id, (p) => p.status === 'started');
    const started = performance.now();
    await api.server.close();
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(550);
    expect(took).toBeLessThan(3000);
    expect(api.server.store.get(quick.id)?.prediction.status).toBe('succeeded');
    expect(api.server.store.get(long.id)?.prediction).toMatchObject({
      status: 'failed',
      error: { source: 'internal', message: expect.stringMatching(SHUT_DOWN_RUNNING), detail: null },
      execution_time: expect.stringMatching(/^PT/),
    });
  });

  it('returns as soon as the running predictions are done, not at the end of the grace', async () => {
    api = testApi({ timeScale: 1, shutdownGraceMs: 10_000 });
    const quick = await api.create('predictkit/slow-task', slow(0.2));
    const started = performance.now();
    await api.server.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(api.server.store.get(quick.id)?.prediction.status).toBe('succeeded');
  });

  it('fails queued predictions at once, without running them', async () => {
    api = testApi({ timeScale: 1, concurrency: 1, shutdownGraceMs: 300 });
    const first = await api.create('predictkit/slow-task', slow(60));
    const queued = await api.create('predictkit/echo', { text: 'never run' });
    await api.server.close();
    expect(api.server.store.get(queued.id)?.prediction).toMatchObject({
      status: 'failed',
      error: { source: 'internal', message: expect.stringMatching(SHUT_DOWN_QUEUED) },
      output: null,
    });
    expect(api.server.store.get(first.id)?.prediction.status).toBe('failed');
  });

  it('refuses new creates with 503 and Retry-After while it drains, and still reads and cancels', async () => {
    const a = testApi({ timeScale: 1, shutdownGraceMs: 2000 });
    api = a;
    const one = await a.create('predictkit/slow-task', slow(60));
    const two = await a.create('predictkit/slow-task', slow(60));
    await a.waitUntil(one.id, (p) => p.status === 'started');
    const closed = a.server.close();
    const refused = await a.json<{ detail: string }>('/v1/predictions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: createBody('predictkit/echo', { text: 'late' }),
    });
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body.detail).toMatch(/shutting down/);
    expect((await a.json<Prediction>(`/v1/predictions/${one.id}`)).body.status).toBe('started');
    const canceled = await a.request(`/v1/predictions/${two.id}/cancel`, { method: 'POST' });
    expect(canceled.status).toBe(200);
    await a.server.close({ graceMs: 0 });
    await closed;
    expect(a.server.store.get(two.id)?.prediction.status).toBe('canceled');
    // once closed, every request is a 503, never the closed store's error
    expect((await a.request(`/v1/predictions/${one.id}`)).status).toBe(503);
    expect((await a.request('/v1/models')).status).toBe(503);
  });

  it('answers every open Prefer: wait request with the prediction as it then is', async () => {
    const a = testApi({ timeScale: 1, shutdownGraceMs: 200 });
    api = a;
    const waiting = a.json<Prediction>('/v1/predictions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'wait=60' },
      body: createBody('predictkit/slow-task', slow(60)),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await a.server.close();
    const answer = await waiting;
    expect(performance.now() - started).toBeLessThan(2000);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      status: 'failed',
      error: { message: expect.stringMatching(SHUT_DOWN_RUNNING) },
    });
  });

  it('ends every open stream with a done event holding the final prediction', async () => {
    const a = testApi({ timeScale: 1, shutdownGraceMs: 200 });
    api = a;
    const created = await a.create('predictkit/slow-task', slow(60));
    const stream = await a.request(`/v1/predictions/${created.id}/stream`);
    const events = readEvents(stream);
    await a.server.close();
    const last = (await events).at(-1);
    expect(last?.event).toBe('done');
    expect(last?.data).toMatchObject({ id: created.id, status: 'failed', error: { source: 'internal' } });
  });

  it('sends the terminal webhook of every prediction it fails, and waits for the deliveries', async () => {
    receiver = await webhookReceiver();
    const a = testApi({ timeScale: 1, concurrency: 1, shutdownGraceMs: 200 });
    api = a;
    const post = (input: Record<string, unknown>) =>
      a.json<Prediction>('/v1/predictions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: createBody('predictkit/slow-task', input, receiver?.url),
      });
    const running = (await post(slow(60))).body;
    const queued = (await post(slow(60))).body;
    await a.server.close();
    // no waiting after close(): the deliveries were made before it resolved
    expect(receiver.terminal(running.id)).toMatchObject({
      status: 'failed',
      error: { message: expect.stringMatching(SHUT_DOWN_RUNNING) },
    });
    expect(receiver.terminal(queued.id)).toMatchObject({
      status: 'failed',
      error: { message: expect.stringMatching(SHUT_DOWN_QUEUED) },
    });
  });

  it('a second close with no grace stops at once, webhook deliveries included', async () => {
    receiver = await webhookReceiver({ hang: true });
    const warnings: string[] = [];
    const a = testApi({
      timeScale: 1,
      shutdownGraceMs: 30_000,
      onWarning: (message) => warnings.push(message),
    });
    api = a;
    const created = (
      await a.json<Prediction>('/v1/predictions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: createBody('predictkit/slow-task', slow(60), receiver.url),
      })
    ).body;
    const first = a.server.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await a.server.close({ graceMs: 0 });
    await first;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(a.server.store.get(created.id)?.prediction.status).toBe('failed');
    expect(warnings.join('\n')).toMatch(/shut down before webhook .* took the (started|failed) delivery/);
  });

  it('bounds its wait for webhook deliveries', async () => {
    const errors: string[] = [];
    const sender = new WebhookSender({
      fetch: (_input, init) =>
        new Promise((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
      retries: 3,
      retryDelayMs: 1000,
      timeoutMs: 10_000,
      onError: (error) => errors.push(error.message),
    });
    sender.send({
      predictionId: 'p1',
      label: 'failed',
      url: 'http://127.0.0.1:9/hook',
      body: '{}',
      headers: async () => ({}),
    });
    const started = performance.now();
    await sender.stop(150);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(errors).toEqual([
      expect.stringMatching(
        /shut down before webhook http:\/\/127\.0\.0\.1:9\/hook took the failed delivery/,
      ),
    ]);
  });
});

describe('start-up after a crash', () => {
  it('fails what was left unfinished and sends those predictions their terminal webhook', async () => {
    receiver = await webhookReceiver();
    const store = new MemoryStore();
    const now = new Date().toISOString();
    const left = (id: string, status: 'pending' | 'started', webhook: { url: string } | null) =>
      store.insert({
        seq: store.nextSeq(),
        webhook,
        prediction: {
          id,
          model: { owner: 'predictkit', name: 'echo', version_number: 1 },
          created_at: now,
          updated_at: now,
          status,
          setup_time: null,
          execution_time: null,
          input: { text: 'x' },
          output: null,
          error: null,
          logs: [],
          setup_logs: [],
        },
      });
    left('a0000000-0000-4000-8000-000000000001', 'started', { url: receiver.url });
    left('a0000000-0000-4000-8000-000000000002', 'pending', { url: receiver.url });
    left('a0000000-0000-4000-8000-000000000003', 'started', null);
    api = testApi({ store });
    await api.server.webhooksIdle();
    expect(receiver.deliveries.map((p) => [p.id.slice(-1), p.status, p.error?.message])).toEqual([
      ['1', 'failed', expect.stringMatching(/restarted while this prediction was running/)],
      ['2', 'failed', expect.stringMatching(/restarted before this prediction started/)],
    ]);
    expect(store.get('a0000000-0000-4000-8000-000000000003')?.prediction.status).toBe('failed');
  });
});

describe('over HTTP', () => {
  it('the last answers go out before the connections close', async () => {
    running = await listen({ port: 0, timeScale: 1, shutdownGraceMs: 200, onWarning: () => {} });
    const { url } = running;
    const waiting = fetch(`${url}/v1/predictions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'wait=60' },
      body: createBody('predictkit/slow-task', slow(60)),
    });
    const created = (await (
      await fetch(`${url}/v1/predictions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: createBody('predictkit/slow-task', slow(60)),
      })
    ).json()) as Prediction;
    const events = readEvents(await fetch(`${url}/v1/predictions/${created.id}/stream`));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await running.close();
    running = undefined;
    const answer = await waiting;
    expect(answer.status).toBe(201);
    expect(((await answer.json()) as Prediction).status).toBe('failed');
    expect((await events).at(-1)).toMatchObject({
      event: 'done',
      data: { id: created.id, status: 'failed' },
    });
  });
});

describe('predictkit-server on SIGTERM', () => {
  it('finishes what it can within --shutdown-grace, fails the rest with their webhooks, and exits 0', async () => {
    receiver = await webhookReceiver();
    const dataDir = mkdtempSync(join(tmpdir(), 'predictkit-shutdown-'));
    dirs.push(dataDir);
    const cli = await startCli(['--shutdown-grace', '1.5', '--data-dir', dataDir]);
    children.push(cli);
    const create = (input: Record<string, unknown>, headers: Record<string, string> = {}) =>
      fetch(`${cli.url}/v1/predictions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: createBody('predictkit/slow-task', input, receiver?.url),
      });
    const quick = (await (await create(slow(0.8))).json()) as Prediction;
    const long = (await (await create(slow(60))).json()) as Prediction;
    const waiting = create(slow(60), { prefer: 'wait=60' });
    const events = readEvents(await fetch(`${cli.url}/v1/predictions/${long.id}/stream`));
    await new Promise((resolve) => setTimeout(resolve, 200));

    cli.child.kill('SIGTERM');
    await expect.poll(() => cli.output(), { timeout: 5000 }).toMatch(/SIGTERM: shutting down/);
    const late = await create({ duration_s: 1, steps: 1 });
    expect(late.status).toBe(503);
    expect(late.headers.get('retry-after')).toMatch(/^\d+$/);

    expect(await cli.exited).toBe(0);
    const waited = (await (await waiting).json()) as Prediction;
    expect(waited).toMatchObject({
      status: 'failed',
      error: { message: expect.stringMatching(SHUT_DOWN_RUNNING) },
    });
    expect((await events).at(-1)).toMatchObject({ event: 'done', data: { id: long.id, status: 'failed' } });
    expect(receiver.terminal(quick.id)?.status).toBe('succeeded');
    expect(receiver.terminal(long.id)).toMatchObject({
      status: 'failed',
      error: { source: 'internal', message: expect.stringMatching(SHUT_DOWN_RUNNING) },
    });
    expect(receiver.terminal(waited.id)?.status).toBe('failed');
    // what it stored is final: nothing is left for a restart to fail
    const store = new SqliteStore(dataDir);
    expect(store.listUnfinished()).toEqual([]);
    expect(store.get(quick.id)?.prediction.status).toBe('succeeded');
    store.close();
  }, 30_000);

  it('stops at once on a second signal', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'predictkit-shutdown-'));
    dirs.push(dataDir);
    const cli = await startCli(['--shutdown-grace', '60', '--data-dir', dataDir]);
    children.push(cli);
    const long = (await (
      await fetch(`${cli.url}/v1/predictions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: createBody('predictkit/slow-task', slow(120)),
      })
    ).json()) as Prediction;
    cli.child.kill('SIGTERM');
    await expect.poll(() => cli.output(), { timeout: 5000 }).toMatch(/SIGTERM: shutting down/);
    const started = performance.now();
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(performance.now() - started).toBeLessThan(2500);
    const store = new SqliteStore(dataDir);
    expect(store.get(long.id)?.prediction).toMatchObject({ status: 'failed', error: { source: 'internal' } });
    store.close();
  }, 30_000);
});
