import type { Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ListeningServer, listen } from '../node/listen';
import { readEvents, testApi } from './testServer';

let running: ListeningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const start = async (options: Parameters<typeof listen>[0] = {}) => {
  running = await listen({ port: 0, timeScale: 0.01, onWarning: () => {}, ...options });
  return running.url;
};

describe('over HTTP on 127.0.0.1', () => {
  it('creates, streams and gets a prediction, with absolute URLs on its own origin', async () => {
    const url = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await fetch(`${url}/v1/predictions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'predictkit/text-generator',
        input: { prompt: 'Hello', max_tokens: 8, seed: 1 },
      }),
    });
    expect(created.status).toBe(201);
    const prediction = (await created.json()) as Prediction;
    expect(prediction.urls?.stream).toBe(`${url}/v1/predictions/${prediction.id}/stream`);
    const events = await readEvents(await fetch(prediction.urls?.stream as string));
    expect(events.at(-1)?.event).toBe('done');
    const got = (await (await fetch(`${url}/v1/predictions/${prediction.id}`)).json()) as Prediction;
    expect(got.status).toBe('succeeded');
  });

  it('answers CORS preflights for local origins and not for others', async () => {
    const url = await start();
    const preflight = (origin: string) =>
      fetch(`${url}/v1/predictions`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, prefer',
        },
      });
    const local = await preflight('http://localhost:5173');
    expect(local.status).toBe(204);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(local.headers.get('access-control-allow-headers')).toMatch(/prefer/);
    expect(local.headers.get('x-request-id')).toBeTruthy();
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${url}/v1/models`, { headers: { origin: 'http://127.0.0.1:6006' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:6006');
    expect(get.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
  });

  it('requires a matching bearer token when started with tokens', async () => {
    const url = await start({ tokens: ['secret-1', 'secret-2'] });
    const none = await fetch(`${url}/v1/models`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { detail: string }).detail).toMatch(/Missing token/);
    const wrong = await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer secret-2' } });
    expect(right.status).toBe(200);
  });

  it('sends rate-limit headers, and 429 with Retry-After past the limit', async () => {
    const url = await start({ faults: { rateLimit: { requests: 3, windowMs: 60_000 } } });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await fetch(`${url}/v1/models`));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((a) => a.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
    const limited = answers[3] as Response;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(((await limited.json()) as { detail: string }).detail).toMatch(/Rate limit exceeded/);
  });

  it('cuts streams after their head and first event, never as a 500, even when busy', async () => {
    const url = await start({ faults: { streamCutRate: 1, latencyMs: [0, 50], seed: 3 } });
    const created = (await (
      await fetch(`${url}/v1/predictions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'predictkit/slow-task', input: { duration_s: 600, steps: 2 } }),
      })
    ).json()) as Prediction;
    const outcomes = await Promise.all(
      Array.from({ length: 400 }, async () => {
        const response = await fetch(`${url}/v1/predictions/${created.id}/stream`);
        return `${response.status} ${(await readEvents(response)).map((e) => e.event).join(',')}`;
      }),
    );
    expect(new Set(outcomes)).toEqual(new Set(['200 prediction']));
  });

  it('cuts a stream mid-way when asked to, over a real socket', async () => {
    const url = await start({ faults: { streamCutRate: 1, seed: 1 } });
    const created = (await (
      await fetch(`${url}/v1/predictions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'predictkit/text-generator', input: { prompt: 'Hi', max_tokens: 20 } }),
      })
    ).json()) as Prediction;
    const events = await readEvents(await fetch(created.urls?.stream as string));
    expect(events).toHaveLength(1);
  });
});

describe('fault options in-process', () => {
  it('adds latency', async () => {
    const api = testApi({ faults: { latencyMs: [60, 80] } });
    const started = performance.now();
    await api.request('/v1/models');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    await api.server.close();
  });

  it('answers 500 and 503 at the configured rate, the same for the same seed', async () => {
    const statuses = async () => {
      const api = testApi({ faults: { errorRate: 0.5, seed: 42 } });
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push((await api.request('/v1/models')).status);
      await api.server.close();
      return out;
    };
    const first = await statuses();
    expect(first).toEqual(await statuses());
    const failures = first.filter((s) => s !== 200);
    expect(failures.length).toBeGreaterThan(8);
    expect(failures.length).toBeLessThan(32);
    expect(new Set(failures)).toEqual(new Set([500, 503]));
  });
});

describe('options', () => {
  it('refuses bad options with a message naming the option', () => {
    expect(() => testApi({ timeScale: 0 })).toThrow(/`timeScale` must be a number > 0/);
    expect(() => testApi({ concurrency: 1.5 })).toThrow(/`concurrency` must be a whole number/);
    expect(() => testApi({ faults: { errorRate: 2 } })).toThrow(
      /`faults.errorRate` must be a number between 0 and 1/,
    );
    expect(() => testApi({ faults: { latencyMs: [5, 1] } })).toThrow(/faults.latencyMs/);
    expect(() => testApi({ baseUrl: 'ftp://x' })).toThrow(/baseUrl/);
  });
});
