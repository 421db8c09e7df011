import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  createClient,
  createPredictionWatcher,
  type Prediction,
  RateLimitError,
  TimeoutError,
  type WatchState,
} from '../index';
import { count, type Local, local, ORIGIN } from './localServer';

const USER = '/v1/user';
const CREATE_ECHO = '/v1/models/predictkit/echo/predictions';

let api: Local | undefined;
const start = (...args: Parameters<typeof local>) => {
  api = local(...args);
  return api;
};
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const elapsed = async <T>(work: Promise<T>): Promise<[T | unknown, number]> => {
  const t0 = performance.now();
  const result = await work.catch((error: unknown) => error);
  return [result, performance.now() - t0];
};

describe('retries', () => {
  it('retries a GET after 5xx answers, twice by default, then reports every attempt', async () => {
    const { client, sent } = start({ faults: { errorRate: 1, seed: 1 } });
    const error = (await client.user.get().catch((e: unknown) => e)) as ApiError;
    expect(count(sent, 'GET', USER)).toBe(3);
    expect(error).toBeInstanceOf(ApiError);
    expect([500, 503]).toContain(error.status);
    expect(error.message).toMatch(
      /^user\.get failed with 50[03]: Injected fault: .+ \(request id [0-9a-f-]{36}\) after 3 tries\. Retry later\.$/,
    );
  });

  it('follows the `retries` option', async () => {
    const { client, sent } = start({ faults: { errorRate: 1, seed: 2 } }, { retries: 0 });
    await expect(client.user.get()).rejects.toBeInstanceOf(ApiError);
    expect(count(sent, 'GET', USER)).toBe(1);
  });

  it('never sends a create twice after a 5xx', async () => {
    const { client, sent } = start({ faults: { errorRate: 1, seed: 3 } });
    const error = await client.predictions
      .create({ model: 'predictkit/echo', input: { text: 'once' } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(count(sent, 'POST', CREATE_ECHO)).toBe(1);
  });

  it('under random faults, sends each create once and retries only reads', async () => {
    const { client, sent } = start({ faults: { errorRate: 0.4, seed: 4 } });
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client.predictions.create({ model: 'predictkit/echo', input: { text: `${i}` } }).then(
          () => 'created',
          () => 'failed',
        ),
      ),
    );
    expect(count(sent, 'POST', CREATE_ECHO)).toBe(12);
    expect(outcomes).toContain('failed');
    const before = sent.length;
    const users = await Promise.allSettled(Array.from({ length: 20 }, () => client.user.get()));
    const gets = sent.length - before;
    expect(gets).toBeGreaterThan(20);
    expect(gets).toBeLessThanOrEqual(60);
    expect(users.filter((u) => u.status === 'fulfilled').length).toBeGreaterThan(0);
  });

  it('retries a GET after a network failure, but never a create', async () => {
    const { server } = start();
    let failures = 0;
    const sent: string[] = [];
    const flaky = (request: Request) => {
      sent.push(request.method);
      if (failures++ < 2) return Promise.reject(new TypeError('fetch failed'));
      return server.fetch(request);
    };
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: flaky });
    await expect(client.user.get()).resolves.toMatchObject({ username: 'local' });
    expect(sent).toEqual(['GET', 'GET', 'GET']);
    failures = 0;
    const error = await client.predictions
      .create({ model: 'predictkit/echo', input: { text: 'x' } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      name: 'ConnectionError',
      message: `predictions.create: cannot reach ${ORIGIN}/v1/models/predictkit/echo/predictions (fetch failed). Not retried: it may have arrived, check first.`,
      cause: new TypeError('fetch failed'),
    });
    expect(sent.slice(3)).toEqual(['POST']);
  });

  it('retries a 429 on any method, creates included, after the Retry-After the service gave', async () => {
    const { client, sent } = start({ faults: { rateLimit: { requests: 2, windowMs: 1000 } } });
    await client.predictions.create({ model: 'predictkit/echo', input: { text: '1' } });
    await client.predictions.create({ model: 'predictkit/echo', input: { text: '2' } });
    const [third, ms] = await elapsed(
      client.predictions.create({ model: 'predictkit/echo', input: { text: '3' } }),
    );
    expect(third).toMatchObject({ input: { text: '3' } });
    expect(count(sent, 'POST', CREATE_ECHO)).toBe(4);
    // Retry-After: 1 (whole seconds) was waited out, not a short jittered backoff.
    expect(ms).toBeGreaterThanOrEqual(990);
    expect((await client.predictions.list()).items).toHaveLength(3);
  });

  it('waits until x-ratelimit-reset when a 429 has no Retry-After', async () => {
    const { server } = start({ faults: { rateLimit: { requests: 1, windowMs: 1000 } } });
    let resetAt = 0;
    const withoutRetryAfter = async (request: Request) => {
      const response = await server.fetch(request);
      if (response.status !== 429) return response;
      const headers = new Headers(response.headers);
      headers.delete('retry-after');
      resetAt = Number(headers.get('x-ratelimit-reset')) * 1000;
      return new Response(response.body, { status: 429, headers });
    };
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: withoutRetryAfter });
    await client.user.get();
    await client.user.get();
    expect(resetAt).toBeGreaterThan(0);
    expect(Date.now()).toBeGreaterThanOrEqual(resetAt - 5);
  });

  it('gives up at once on a Retry-After over a minute, with a RateLimitError that says how long', async () => {
    const { client, sent } = start({ faults: { rateLimit: { requests: 1, windowMs: 120_000 } } });
    await client.user.get();
    const [error, ms] = await elapsed(client.user.get());
    expect(ms).toBeLessThan(500);
    expect(count(sent, 'GET', USER)).toBe(2);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ name: 'RateLimitError', status: 429, retryAfterMs: 120_000 });
    expect((error as Error).message).toMatch(
      /^user\.get failed with 429: Rate limit exceeded: 1 requests per 120 s\. Retry after 120 s\. \(request id .+\)\. Slow down\.$/,
    );
  });
});

describe('aborts', () => {
  it('aborts a request in flight with the signal’s AbortError', async () => {
    const { client } = start({ faults: { latencyMs: 5000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const [error, ms] = await elapsed(client.user.get({ signal: controller.signal }));
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(ms).toBeLessThan(1000);
  });

  it('surfaces the reason the caller gave', async () => {
    const { client } = start({ faults: { latencyMs: 5000 } });
    const reason = new Error('user left');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 20);
    await expect(client.predictions.list({ signal: controller.signal })).rejects.toBe(reason);
  });

  it('cuts a backoff sleep short', async () => {
    const { client, sent } = start({ faults: { rateLimit: { requests: 1, windowMs: 30_000 } } });
    await client.user.get();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const [error, ms] = await elapsed(client.user.get({ signal: controller.signal }));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(ms).toBeLessThan(1000);
    expect(count(sent, 'GET', USER)).toBe(2);
  });

  it('aborts a wait', async () => {
    const { client } = start();
    const created = await client.predictions.create({
      model: 'predictkit/slow-task',
      input: { duration_s: 600, steps: 5 },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const [error, ms] = await elapsed(client.predictions.wait(created, { signal: controller.signal }));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(ms).toBeLessThan(1000);
  });

  it('aborts a stream being watched, closing the connection', async () => {
    const { client, sent } = start({ timeScale: 1 });
    const created = await client.predictions.create({
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 200 },
    });
    const controller = new AbortController();
    const seen: Prediction[] = [];
    const watching = (async () => {
      for await (const snapshot of client.predictions.watch(created, { signal: controller.signal })) {
        seen.push(snapshot);
        if (seen.length === 3) controller.abort();
      }
    })();
    await expect(watching).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(3);
    expect(count(sent, 'GET', `/v1/predictions/${created.id}/stream`)).toBe(1);
    await client.predictions.cancel(created.id);
  });

  it('stops watching when the loop is left early', async () => {
    const { client, sent } = start({ timeScale: 1 });
    const created = await client.predictions.create({
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 200 },
    });
    for await (const snapshot of client.predictions.watch(created)) {
      if (snapshot.status === 'started') break;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sent.filter((s) => s.path.startsWith(`/v1/predictions/${created.id}`))).toHaveLength(1);
    await client.predictions.cancel(created.id);
  });
});

describe('timeouts', () => {
  it('times out a slow read, retrying it', async () => {
    const { client, sent } = start({ faults: { latencyMs: 400 } }, { timeoutMs: 50, retries: 1 });
    const error = await client.user.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({
      name: 'TimeoutError',
      message: 'user.get: no answer in 50 ms. Raise `timeoutMs`.',
    });
    expect(count(sent, 'GET', USER)).toBe(2);
  });

  it('times out a slow create without sending it again', async () => {
    const { client, sent } = start({ faults: { latencyMs: 400 } }, { timeoutMs: 50 });
    const error = await client.predictions
      .create({ model: 'predictkit/echo', input: { text: 't' } })
      .catch((e) => e);
    expect(error).toMatchObject({
      name: 'TimeoutError',
      message: 'predictions.create: no answer in 50 ms. Not retried: it may have arrived, check first.',
    });
    expect(count(sent, 'POST', CREATE_ECHO)).toBe(1);
  });

  it('gives a Prefer: wait create its seconds on top of the timeout', async () => {
    const { client } = start({ faults: { latencyMs: 150 } }, { timeoutMs: 100 });
    const input = { text: 'held' };
    const done = await client.predictions.create({ model: 'predictkit/echo', input, wait: 2 });
    expect(done.status).toBe('succeeded');
    await expect(client.predictions.create({ model: 'predictkit/echo', input })).rejects.toBeInstanceOf(
      TimeoutError,
    );
  });

  it('times out a wait with the last snapshot', async () => {
    const { client } = start();
    const created = await client.predictions.create({
      model: 'predictkit/slow-task',
      input: { duration_s: 600, steps: 5 },
    });
    const error = (await client.predictions
      .wait(created, { timeoutMs: 200 })
      .catch((e: unknown) => e)) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.prediction).toMatchObject({ id: created.id, status: 'started' });
    expect(error.message).toBe(
      `Prediction ${created.id} still started after 200 ms. Raise \`timeoutMs\`, or cancel it.`,
    );
    await client.predictions.cancel(created.id);
  });
});

describe('streams', () => {
  it('resumes after cuts with Last-Event-ID, losing and repeating no snapshot', async () => {
    const { client, sent } = start({ faults: { streamCutRate: 0.15, seed: 5 } });
    const created = await client.predictions.create({
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 80, seed: 7 },
    });
    const snapshots: Prediction<unknown, string[]>[] = [];
    for await (const s of client.predictions.watch(created))
      snapshots.push(s as Prediction<unknown, string[]>);
    const final = await client.predictions.get<unknown, string[]>(created.id);
    const streams = sent.filter((s) => s.path === `/v1/predictions/${created.id}/stream`);
    expect(streams.length).toBeGreaterThan(3);
    expect(streams[0]!.headers.get('last-event-id')).toBeNull();
    expect(streams.slice(1).every((s) => /^\d+$/.test(s.headers.get('last-event-id') ?? ''))).toBe(true);

    expect(snapshots.at(-1)).toEqual(final);
    const outputs = snapshots.map((s) => s.output ?? []);
    for (let i = 1; i < outputs.length; i++) {
      const [before, after] = [outputs[i - 1]!, outputs[i]!];
      // Each snapshot grows the output by at most one chunk, keeping all earlier ones.
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.length - before.length).toBeLessThanOrEqual(1);
      expect(JSON.stringify(snapshots[i])).not.toBe(JSON.stringify(snapshots[i - 1]));
    }
    expect(new Set(outputs.map((o) => o.length)).size).toBe(final.output!.length + 1);
  });

  it('falls back to polling when the stream keeps failing', async () => {
    const { server } = start();
    const sent: string[] = [];
    const noStreams = (request: Request) => {
      sent.push(new URL(request.url).pathname);
      if (request.url.endsWith('/stream')) return Promise.reject(new TypeError('blocked'));
      return server.fetch(request);
    };
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: noStreams, retries: 0 });
    const created = await client.predictions.create({
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 20 },
    });
    const watcher = createPredictionWatcher(client, created, { interval: 20 });
    const transports: WatchState['transport'][] = [];
    watcher.subscribe((s) => transports.push(s.transport));
    const done = await watcher.result;
    expect(done.status).toBe('succeeded');
    expect(sent.filter((p) => p.endsWith('/stream'))).toHaveLength(3);
    expect(transports[0]).toBe('stream');
    expect(transports.at(-1)).toBe('poll');
  });

  it('polls at once when the stream is not an event stream', async () => {
    const { server } = start();
    const sent: string[] = [];
    const jsonStreams = (request: Request) => {
      sent.push(new URL(request.url).pathname);
      if (request.url.endsWith('/stream')) return Promise.resolve(Response.json({ not: 'a stream' }));
      return server.fetch(request);
    };
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: jsonStreams });
    const created = await client.predictions.create({
      model: 'predictkit/echo',
      input: { text: 'j', delay_ms: 300 },
    });
    const done = await client.predictions.wait(created, { interval: 10 });
    expect(done.status).toBe('succeeded');
    expect(sent.filter((p) => p.endsWith('/stream'))).toHaveLength(1);
    await expect(async () => {
      for await (const _ of client.predictions.stream(created)) break;
    }).rejects.toThrow(
      'predictions.stream: expected `content-type` text/event-stream, got "application/json".',
    );
  });
});
