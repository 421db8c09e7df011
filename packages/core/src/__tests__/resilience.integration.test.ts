import { createServer } from '@predictkit/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getUser } from '../catalog/index';
import {
  ApiError,
  ConnectionError,
  cancelPrediction,
  createClient,
  createPrediction,
  getPrediction,
  listPredictions,
  type Prediction,
  RateLimitError,
  TimeoutError,
  waitForPrediction,
} from '../index';
import { streamPrediction, watchPrediction } from '../stream/index';
import { createPredictionWatcher, type WatchState } from '../watcher/index';
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
    const error = (await getUser(client).catch((e: unknown) => e)) as ApiError;
    expect(count(sent, 'GET', USER)).toBe(3);
    expect(error).toBeInstanceOf(ApiError);
    expect([500, 503]).toContain(error.status);
    expect(error.message).toMatch(
      /^getUser failed with 50[03]: Injected fault: .+ \(request id [0-9a-f-]{36}\) after 3 tries\. Retry later\.$/,
    );
  });

  it('follows the `retries` option', async () => {
    const { client, sent } = start({ faults: { errorRate: 1, seed: 2 } }, { retries: 0 });
    await expect(getUser(client)).rejects.toBeInstanceOf(ApiError);
    expect(count(sent, 'GET', USER)).toBe(1);
  });

  it('never sends a create twice after a 5xx', async () => {
    const { client, sent } = start({ faults: { errorRate: 1, seed: 3 } });
    const error = await createPrediction(client, { model: 'predictkit/echo', input: { text: 'once' } }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(count(sent, 'POST', CREATE_ECHO)).toBe(1);
  });

  it('says a create that got a 5xx was not retried, as it may exist, and what to check; reads say retry later', async () => {
    const { client } = start({ faults: { errorRate: 1, seed: 3 } });
    const create = (await createPrediction(client, { model: 'predictkit/echo', input: { text: 'x' } }).catch(
      (e) => e,
    )) as ApiError;
    expect(create.message).toMatch(
      /^createPrediction failed with 50[03]: Injected fault: .+ \(request id [0-9a-f-]{36}\)\. Not retried: it may have been created\. Check listPredictions before creating it again\.$/,
    );
    expect(create.message).not.toContain('Retry later');
    const read = (await getUser(client).catch((e) => e)) as ApiError;
    expect(read.message).toMatch(/ after 3 tries\. Retry later\.$/);
    // A cancel may be repeated: a 5xx on it is retried, and says so.
    const cancel = (await cancelPrediction(client, 'p1').catch((e) => e)) as ApiError;
    expect(cancel.message).toMatch(/ after 3 tries\. Retry later\.$/);
  });

  it('under random faults, sends each create once and retries only reads', async () => {
    const { client, sent } = start({ faults: { errorRate: 0.4, seed: 4 } });
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createPrediction(client, { model: 'predictkit/echo', input: { text: `${i}` } }).then(
          () => 'created',
          () => 'failed',
        ),
      ),
    );
    expect(count(sent, 'POST', CREATE_ECHO)).toBe(12);
    expect(outcomes).toContain('failed');
    const before = sent.length;
    const users = await Promise.allSettled(Array.from({ length: 20 }, () => getUser(client)));
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
    await expect(getUser(client)).resolves.toMatchObject({ username: 'local' });
    expect(sent).toEqual(['GET', 'GET', 'GET']);
    failures = 0;
    const error = await createPrediction(client, { model: 'predictkit/echo', input: { text: 'x' } }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      name: 'ConnectionError',
      message: `createPrediction: cannot reach ${ORIGIN}/v1/models/predictkit/echo/predictions (fetch failed). Not retried: it may have been created. Check listPredictions before creating it again.`,
      cause: new TypeError('fetch failed'),
    });
    expect(sent.slice(3)).toEqual(['POST']);
  });

  it('retries a 429 on any method, creates included, after the Retry-After the service gave', async () => {
    const { client, sent } = start({ faults: { rateLimit: { requests: 2, windowMs: 1000 } } });
    await createPrediction(client, { model: 'predictkit/echo', input: { text: '1' } });
    await createPrediction(client, { model: 'predictkit/echo', input: { text: '2' } });
    const [third, ms] = await elapsed(
      createPrediction(client, { model: 'predictkit/echo', input: { text: '3' } }),
    );
    expect(third).toMatchObject({ input: { text: '3' } });
    expect(count(sent, 'POST', CREATE_ECHO)).toBe(4);
    // Retry-After: 1 (whole seconds) was waited out, not a short jittered backoff.
    expect(ms).toBeGreaterThanOrEqual(990);
    expect((await listPredictions(client)).items).toHaveLength(3);
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
    await getUser(client);
    await getUser(client);
    expect(resetAt).toBeGreaterThan(0);
    expect(Date.now()).toBeGreaterThanOrEqual(resetAt - 5);
  });

  it('gives up at once on a Retry-After over a minute, with a RateLimitError that says how long', async () => {
    const { client, sent } = start({ faults: { rateLimit: { requests: 1, windowMs: 120_000 } } });
    await getUser(client);
    const [error, ms] = await elapsed(getUser(client));
    expect(ms).toBeLessThan(500);
    expect(count(sent, 'GET', USER)).toBe(2);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ name: 'RateLimitError', status: 429, retryAfterMs: 120_000 });
    expect((error as Error).message).toMatch(
      /^getUser failed with 429: Rate limit exceeded: 1 requests per 120 s\. Retry after 120 s \(request id .+\)\. Retry later\.$/,
    );
  });
});

describe('aborts', () => {
  it('aborts a request in flight with the signal’s AbortError', async () => {
    const { client } = start({ faults: { latencyMs: 5000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const [error, ms] = await elapsed(getUser(client, { signal: controller.signal }));
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(ms).toBeLessThan(1000);
  });

  it('surfaces the reason the caller gave', async () => {
    const { client } = start({ faults: { latencyMs: 5000 } });
    const reason = new Error('user left');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 20);
    await expect(listPredictions(client, { signal: controller.signal })).rejects.toBe(reason);
  });

  it('cuts a backoff sleep short', async () => {
    const { client, sent } = start({ faults: { rateLimit: { requests: 1, windowMs: 30_000 } } });
    await getUser(client);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const [error, ms] = await elapsed(getUser(client, { signal: controller.signal }));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(ms).toBeLessThan(1000);
    expect(count(sent, 'GET', USER)).toBe(2);
  });

  it('aborts a wait', async () => {
    const { client } = start();
    const created = await createPrediction(client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 600, steps: 5 },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const [error, ms] = await elapsed(waitForPrediction(client, created, { signal: controller.signal }));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(ms).toBeLessThan(1000);
  });

  it('aborts a stream being watched, closing the connection', async () => {
    const { client, sent } = start({ timeScale: 1 });
    const created = await createPrediction(client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 200 },
    });
    const controller = new AbortController();
    const seen: Prediction[] = [];
    const watching = (async () => {
      for await (const snapshot of watchPrediction(client, created, { signal: controller.signal })) {
        seen.push(snapshot);
        if (seen.length === 3) controller.abort();
      }
    })();
    await expect(watching).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(3);
    expect(count(sent, 'GET', `/v1/predictions/${created.id}/stream`)).toBe(1);
    await cancelPrediction(client, created.id);
  });

  it('stops watching when the loop is left early', async () => {
    const { client, sent } = start({ timeScale: 1 });
    const created = await createPrediction(client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 200 },
    });
    for await (const snapshot of watchPrediction(client, created)) {
      if (snapshot.status === 'started') break;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sent.filter((s) => s.path.startsWith(`/v1/predictions/${created.id}`))).toHaveLength(1);
    await cancelPrediction(client, created.id);
  });
});

describe('timeouts', () => {
  it('times out a slow read, retrying it', async () => {
    const { client, sent } = start({ faults: { latencyMs: 400 } }, { timeoutMs: 50, retries: 1 });
    const error = await getUser(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({
      name: 'TimeoutError',
      message: 'getUser: no answer in 50 ms. Raise `timeoutMs`.',
    });
    expect(count(sent, 'GET', USER)).toBe(2);
  });

  it('times out a slow create without sending it again', async () => {
    const { client, sent } = start({ faults: { latencyMs: 400 } }, { timeoutMs: 50 });
    const error = await createPrediction(client, { model: 'predictkit/echo', input: { text: 't' } }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({
      name: 'TimeoutError',
      message:
        'createPrediction: no answer in 50 ms. Not retried: it may have been created. Check listPredictions before creating it again.',
    });
    expect(count(sent, 'POST', CREATE_ECHO)).toBe(1);
  });

  it('gives a Prefer: wait create its seconds on top of the timeout', async () => {
    const { client } = start({ faults: { latencyMs: 150 } }, { timeoutMs: 100 });
    const input = { text: 'held' };
    const done = await createPrediction(client, { model: 'predictkit/echo', input, wait: 2 });
    expect(done.status).toBe('succeeded');
    await expect(createPrediction(client, { model: 'predictkit/echo', input })).rejects.toBeInstanceOf(
      TimeoutError,
    );
  });

  it('times out a wait with the last snapshot', async () => {
    const { client } = start();
    const created = await createPrediction(client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 600, steps: 5 },
    });
    expect(created.status).toBe('pending');
    // Polled often enough to see it start before the time is up.
    const error = (await waitForPrediction(client, created, { interval: 20, timeoutMs: 200 }).catch(
      (e: unknown) => e,
    )) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.prediction).toMatchObject({ id: created.id, status: 'started' });
    expect(error.message).toBe(
      `Prediction ${created.id} still started after 200 ms. Raise \`timeoutMs\`, or cancel it.`,
    );
    await cancelPrediction(client, created.id);
  });
});

describe('streams', () => {
  it('resumes after cuts with Last-Event-ID, losing and repeating no snapshot', async () => {
    const { client, sent } = start({ faults: { streamCutRate: 0.15, seed: 5 } });
    const created = await createPrediction(client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 80, seed: 7 },
    });
    const snapshots: Prediction<unknown, string[]>[] = [];
    for await (const s of watchPrediction(client, created))
      snapshots.push(s as Prediction<unknown, string[]>);
    const final = await getPrediction<unknown, string[]>(client, created.id);
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

  it('reads the prediction now and then while its stream is cut after every event, so its end is not late', async () => {
    const { server } = start({ faults: { streamCutRate: 1, seed: 3 } });
    let streams = 0;
    // Each reconnect takes a while, longer than the model takes per token: replaying one event per
    // connection, the stream alone would end long after the prediction.
    const slowReconnects = async (request: Request) => {
      if (request.url.endsWith('/stream')) {
        streams++;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return server.fetch(request);
    };
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: slowReconnects });
    const created = await createPrediction(client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 150, seed: 7 },
    });
    const done = await waitForPrediction(client, created, { stream: streamPrediction });
    expect(done).toEqual(await getPrediction(client, created.id));
    expect(done.status).toBe('succeeded');
    // One event per connection would take about as many connections as the output has chunks.
    expect((done.output as string[]).length).toBeGreaterThan(100);
    expect(streams).toBeLessThan(40);
  }, 15_000);

  it('falls back to polling when the stream keeps failing', async () => {
    const { server } = start();
    const sent: string[] = [];
    const noStreams = (request: Request) => {
      sent.push(new URL(request.url).pathname);
      if (request.url.endsWith('/stream')) return Promise.reject(new TypeError('blocked'));
      return server.fetch(request);
    };
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: noStreams, retries: 0 });
    const created = await createPrediction(client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 20 },
    });
    const watcher = createPredictionWatcher(client, created, { stream: streamPrediction, interval: 20 });
    const transports: WatchState['transport'][] = [];
    watcher.subscribe((s) => transports.push(s.transport));
    const done = await watcher.result;
    expect(done.status).toBe('succeeded');
    expect(sent.filter((p) => p.endsWith('/stream'))).toHaveLength(3);
    expect(transports[0]).toBe('stream');
    expect(transports.at(-1)).toBe('poll');
    // two jittered reconnect waits (under 1 s and 2 s) come before the fallback, on the real clock
  }, 15_000);

  it('does not report a stream the service refuses (a 404) as an outage, and polls after it', async () => {
    const { server } = start();
    const refused = (request: Request) =>
      request.url.endsWith('/stream')
        ? Promise.resolve(Response.json({ detail: 'Not found' }, { status: 404 }))
        : server.fetch(request);
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: refused, retries: 0 });
    const created = await createPrediction(client, {
      model: 'predictkit/echo',
      input: { text: 'r', delay_ms: 300 },
    });
    const watcher = createPredictionWatcher(client, created, { stream: streamPrediction, interval: 20 });
    const states: WatchState[] = [];
    watcher.subscribe((state) => states.push(state));
    expect((await watcher.result).status).toBe('succeeded');
    expect(states.every((state) => state.error === undefined)).toBe(true);
    expect(states.at(-1)?.transport).toBe('poll');
  }, 15_000);

  it('polls at once when the stream is not an event stream', async () => {
    const { server } = start();
    const sent: string[] = [];
    const jsonStreams = (request: Request) => {
      sent.push(new URL(request.url).pathname);
      if (request.url.endsWith('/stream')) return Promise.resolve(Response.json({ not: 'a stream' }));
      return server.fetch(request);
    };
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: jsonStreams });
    const created = await createPrediction(client, {
      model: 'predictkit/echo',
      input: { text: 'j', delay_ms: 300 },
    });
    const done = await waitForPrediction(client, created, { stream: streamPrediction, interval: 10 });
    expect(done.status).toBe('succeeded');
    expect(sent.filter((p) => p.endsWith('/stream'))).toHaveLength(1);
    await expect(async () => {
      for await (const _ of streamPrediction(client, created)) break;
    }).rejects.toThrow(
      'streamPrediction: expected `content-type` text/event-stream, got "application/json".',
    );
  });
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The server's streams, through connections the test can cut (`cut()` cuts the latest). */
function cuttableStreams(fetch: (request: Request) => Promise<Response>) {
  const streams = {
    cut: () => {},
    fetch: async (request: Request) => {
      const answer = await fetch(request);
      if (!request.url.endsWith('/stream')) return answer;
      const reader = answer.body!.getReader();
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          streams.cut = () => controller.error(new TypeError('network error'));
        },
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      });
      return new Response(body, answer);
    },
  };
  return streams;
}

/** The server's `fetch` behind a switch: while off, every request fails as on a lost connection. */
function networkSwitch(fetch: (request: Request) => Promise<Response>) {
  const net = {
    on: true,
    sent: 0,
    fetch: (request: Request) => {
      net.sent++;
      return net.on ? fetch(request) : Promise.reject(new TypeError('fetch failed'));
    },
  };
  return net;
}

describe('watching through an outage', () => {
  it('keeps polling through a 2 s outage, showing the error while active, and ends succeeded', async () => {
    const { server } = start({ timeScale: 1 });
    const net = networkSwitch(server.fetch);
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: net.fetch });
    const created = await createPrediction(client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 4, steps: 8 },
    });
    const watcher = createPredictionWatcher(client, created, { interval: 50 });
    const states: WatchState[] = [];
    watcher.subscribe((state) => states.push(state));
    await pause(300);
    net.on = false;
    const before = net.sent;
    await pause(2000);
    const during = watcher.getState();
    expect(during.phase).toBe('active');
    expect(during.error).toBeInstanceOf(ConnectionError);
    // The error came after the client's own two retries.
    expect(net.sent - before).toBeGreaterThanOrEqual(3);
    net.on = true;
    const done = await watcher.result;
    expect(done.status).toBe('succeeded');
    expect(done).toEqual(await getPrediction(client, created.id));
    expect(watcher.getState()).toMatchObject({ phase: 'done', error: undefined });
    expect(states.some((s) => s.phase === 'active' && s.error instanceof ConnectionError)).toBe(true);
    expect(states.every((s) => s.phase !== 'error')).toBe(true);
  });

  it('tells a cut stream that cannot reconnect as a transient error, until it is back', async () => {
    const { server } = start({ timeScale: 1 });
    const streams = cuttableStreams(server.fetch);
    const net = networkSwitch(streams.fetch);
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: net.fetch, retries: 0 });
    const created = await createPrediction(client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 3, steps: 6 },
    });
    const watcher = createPredictionWatcher(client, created, { stream: streamPrediction });
    const states: WatchState[] = [];
    watcher.subscribe((state) => states.push(state));
    await pause(600);
    expect(watcher.getState().transport).toBe('stream');
    // a cut is an outage until the next event
    streams.cut();
    await vi.waitFor(
      () => expect(states.some((state) => /connection was cut/.test(String(state.error)))).toBe(true),
      { timeout: 5000 },
    );
    // back with the next event after the reconnect (a jittered wait of up to a second first)
    await vi.waitFor(() => expect(watcher.getState().error).toBeUndefined(), { timeout: 8000 });
    net.on = false;
    const from = states.length;
    streams.cut();
    // told at the cut, while the stream is still the transport (the reconnects' jittered waits may
    // be short enough to fall back to polling within a few hundred ms)
    await vi.waitFor(() => expect(states.slice(from).some((s) => s.error)).toBe(true));
    const during = states.slice(from).find((s) => s.error)!;
    expect(during).toMatchObject({ phase: 'active', transport: 'stream' });
    expect(during.error).toBeInstanceOf(ConnectionError);
    await pause(300);
    net.on = true;
    const done = await watcher.result;
    expect(done.status).toBe('succeeded');
    expect(watcher.getState()).toMatchObject({ phase: 'done', error: undefined });
    expect(states.every((s) => s.phase !== 'error')).toBe(true);
  }, 20_000);

  it('follows the stream again once the service answers after an outage made it fall back to polling', async () => {
    const { server } = start({ timeScale: 1 });
    let connections = 0;
    const resumedAfter: (string | null)[] = [];
    const streams = cuttableStreams((request) => {
      if (request.url.endsWith('/stream')) {
        connections++;
        resumedAfter.push(request.headers.get('last-event-id'));
      }
      return server.fetch(request);
    });
    const net = networkSwitch(streams.fetch);
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: net.fetch, retries: 0 });
    const created = await createPrediction(client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 8, steps: 32 },
    });
    const watcher = createPredictionWatcher(client, created, { stream: streamPrediction, interval: 50 });
    const transports: WatchState['transport'][] = [];
    const logsSeen: string[][] = [];
    watcher.subscribe((state) => {
      if (state.transport !== transports.at(-1)) transports.push(state.transport);
      logsSeen.push(state.prediction?.logs ?? []);
    });
    await pause(600);
    expect(watcher.getState().transport).toBe('stream');
    net.on = false;
    streams.cut();
    // Three reconnects refused (jittered waits of up to 1 and 2 s between them), then polling.
    await vi.waitFor(() => expect(watcher.getState().transport).toBe('poll'), { timeout: 5000 });
    const before = connections;
    net.on = true;
    await vi.waitFor(() => expect(watcher.getState().transport).toBe('stream'), { timeout: 2000 });
    // Log lines come by the stream again, not only with each poll.
    const logs = watcher.getState().prediction!.logs!.length;
    await vi.waitFor(() => expect(watcher.getState().prediction!.logs!.length).toBeGreaterThan(logs + 1));
    expect(watcher.getState().transport).toBe('stream');
    const done = await watcher.result;
    expect(done).toEqual(await getPrediction(client, created.id));
    // The stream's `done` ended the watch: nothing is told after it.
    expect(transports).toEqual(['stream', 'poll', 'stream']);
    expect(connections - before).toBe(1);
    // Polls overtook the point it was cut at: followed again from the start, its replay applied
    // afresh. Every state showed the log so far, no line twice and none taken back.
    expect(resumedAfter.at(-1)).toBeNull();
    const final = done.logs ?? [];
    expect(final.length).toBeGreaterThan(10);
    for (const logs of logsSeen) expect(final.slice(0, logs.length)).toEqual(logs);
  }, 20_000);

  it('does not follow again a stream whose resumes are refused, rather than an outage', async () => {
    const { server } = start({ timeScale: 1 });
    let connections = 0;
    const streams = cuttableStreams((request) => {
      if (!request.url.endsWith('/stream')) return server.fetch(request);
      connections++;
      // A gateway that cuts event streams and does not take `Last-Event-ID` back.
      return request.headers.has('last-event-id')
        ? Promise.resolve(Response.json({ detail: 'Cannot resume.' }, { status: 422 }))
        : server.fetch(request);
    });
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: streams.fetch, retries: 0 });
    const created = await createPrediction(client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 3, steps: 12 },
    });
    const watcher = createPredictionWatcher(client, created, { stream: streamPrediction, interval: 50 });
    await pause(600);
    streams.cut();
    expect((await watcher.result).status).toBe('succeeded');
    // The first, then three refused resumes; polling after them, to the end.
    expect(connections).toBe(4);
  }, 20_000);

  it('clears the error with the next answer, even when the prediction has not changed', async () => {
    const { server } = start({ timeScale: 1 });
    const net = networkSwitch(server.fetch);
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: net.fetch, retries: 0 });
    const created = await createPrediction(client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 60, steps: 1 },
    });
    const watcher = createPredictionWatcher(client, created.id, { interval: 20 });
    const updates: Prediction[] = [];
    watcher.subscribe((s) => s.prediction && updates.push(s.prediction));
    await pause(800);
    const started = watcher.getState().prediction;
    expect(started?.status).toBe('started');
    net.on = false;
    await pause(300);
    expect(watcher.getState().error).toBeInstanceOf(ConnectionError);
    net.on = true;
    // The next poll comes after a jittered backoff: up to a few seconds.
    await vi.waitFor(() => expect(watcher.getState().error).toBeUndefined(), { timeout: 8000 });
    // The same snapshot object as before: nothing new to report, only the error is gone.
    expect(watcher.getState().phase).toBe('active');
    expect(watcher.getState().prediction).toBe(started);
    expect(new Set(updates).size).toBe(new Set(updates.map((p) => JSON.stringify(p))).size);
    watcher.stop();
    await cancelPrediction(client, created.id);
  }, 15_000);

  it('keeps polling through 5xx answers from a failing server', async () => {
    const { server } = start({ timeScale: 1 });
    const failing = createServer({ faults: { errorRate: 1, seed: 6 }, onWarning: () => {} });
    let broken = false;
    const client = createClient({
      baseUrl: `${ORIGIN}/v1`,
      fetch: (request) => (broken ? failing : server).fetch(request),
      retries: 0,
    });
    const created = await createPrediction(client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 2, steps: 4 },
    });
    const watcher = createPredictionWatcher(client, created, { interval: 50 });
    broken = true;
    await pause(700);
    expect(watcher.getState().phase).toBe('active');
    expect([500, 503]).toContain((watcher.getState().error as ApiError).status);
    broken = false;
    expect((await watcher.result).status).toBe('succeeded');
    await failing.close();
  });

  it('starts from an id through an outage', async () => {
    const { server } = start();
    const net = networkSwitch(server.fetch);
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: net.fetch, retries: 0 });
    const created = await createPrediction(client, { model: 'predictkit/echo', input: { text: 'id' } });
    net.on = false;
    const result = waitForPrediction(client, created.id, { interval: 20 });
    await pause(600);
    net.on = true;
    await expect(result).resolves.toMatchObject({ id: created.id, status: 'succeeded', output: 'id' });
  });

  it('ends at once on a 4xx, which will not answer better later', async () => {
    const { server } = start({ timeScale: 1, tokens: ['good'] });
    let token = 'good';
    const client = createClient({
      baseUrl: `${ORIGIN}/v1`,
      fetch: (request) => {
        request.headers.set('authorization', `Bearer ${token}`);
        return server.fetch(request);
      },
    });
    const created = await createPrediction(client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 10, steps: 2 },
    });
    const watcher = createPredictionWatcher(client, created, { interval: 20 });
    token = 'revoked';
    const error = (await watcher.result.catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(watcher.getState()).toMatchObject({ phase: 'error', error });
    token = 'good';
    await cancelPrediction(client, created.id);
  });

  it('still ends with the watch’s own TimeoutError when the outage outlasts it', async () => {
    const { server } = start({ timeScale: 1 });
    const net = networkSwitch(server.fetch);
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: net.fetch, retries: 0 });
    const created = await createPrediction(client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 10, steps: 2 },
    });
    net.on = false;
    const error = (await waitForPrediction(client, created, { interval: 20, timeoutMs: 800 }).catch(
      (e: unknown) => e,
    )) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(
      `Prediction ${created.id} still pending after 800 ms. Raise \`timeoutMs\`, or cancel it.`,
    );
    net.on = true;
    await cancelPrediction(client, created.id);
  });
});

/**
 * The server's own stream, forwarded until the connection `stalls` (after a number of events, or
 * at once): from then on nothing more arrives, and nothing closes, as on a connection that died
 * without a word. Each forwarded connection is counted.
 */
function stallingStreams(
  fetch: (request: Request) => Promise<Response>,
  stallAfter: (connection: number) => number | undefined,
) {
  const streams: Request[] = [];
  const wrapped = async (request: Request) => {
    const response = await fetch(request);
    if (!request.url.endsWith('/stream') || !response.body) return response;
    const events = stallAfter(streams.push(request));
    if (events === undefined) return response;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= events) return new Promise<void>(() => {});
        const { done, value } = await reader.read();
        if (done) return controller.close();
        sent += decoder.decode(value, { stream: true }).split('\n\n').length - 1;
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return { streams, fetch: wrapped };
}

describe('stalled streams', () => {
  it('drops a stream that goes silent and resumes it with Last-Event-ID', async () => {
    const { server } = start();
    const stalling = stallingStreams(server.fetch, (n) => (n === 1 ? 1 : undefined));
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: stalling.fetch });
    const created = await createPrediction(client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 30, seed: 2 },
    });
    const snapshots: Prediction[] = [];
    for await (const s of watchPrediction(client, created, { idleTimeoutMs: 300 })) snapshots.push(s);
    const final = await getPrediction(client, created.id);
    expect(snapshots.at(-1)).toEqual(final);
    expect(stalling.streams).toHaveLength(2);
    expect(stalling.streams[0]!.headers.get('last-event-id')).toBeNull();
    expect(stalling.streams[1]!.headers.get('last-event-id')).toMatch(/^\d+$/);
  });

  it('falls back to polling when every stream stays silent', async () => {
    const { server } = start();
    const stalling = stallingStreams(server.fetch, () => 0);
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: stalling.fetch });
    const created = await createPrediction(client, {
      model: 'predictkit/echo',
      input: { text: 'quiet', delay_ms: 200 },
    });
    const watcher = createPredictionWatcher(client, created, {
      stream: streamPrediction,
      idleTimeoutMs: 100,
      interval: 20,
    });
    const transports: WatchState['transport'][] = [];
    watcher.subscribe((s) => transports.push(s.transport));
    expect((await watcher.result).status).toBe('succeeded');
    expect(stalling.streams).toHaveLength(3);
    expect(transports.at(-1)).toBe('poll');
    // Three silent connections, with a jittered backoff after each (up to 1 + 2 + 4 s).
  }, 15_000);

  it('counts the server’s keep-alive comments as life: a quiet stream is kept', async () => {
    vi.useFakeTimers();
    try {
      const { client, sent } = start({ timeScale: 1 });
      // Started after 0.5 s, then no event for a minute: only a `: keep-alive` every 15 s.
      const quiet = () =>
        createPrediction(client, { model: 'predictkit/slow-task', input: { duration_s: 120, steps: 2 } });
      const streams = (id: string) => count(sent, 'GET', `/v1/predictions/${id}/stream`);
      const first = await quiet();
      const kept = createPredictionWatcher(client, first, {
        stream: streamPrediction,
        idleTimeoutMs: 20_000,
      });
      await vi.advanceTimersByTimeAsync(58_000);
      expect(streams(first.id)).toBe(1);
      expect(kept.getState()).toMatchObject({ phase: 'active', transport: 'stream' });
      kept.stop();
      // The same silence, with a limit under the keep-alive period, is a dead stream: resumed.
      const second = await quiet();
      const dropped = createPredictionWatcher(client, second, {
        stream: streamPrediction,
        idleTimeoutMs: 10_000,
      });
      await vi.advanceTimersByTimeAsync(11_000);
      expect(streams(second.id)).toBe(2);
      dropped.stop();
      await Promise.all([cancelPrediction(client, first.id), cancelPrediction(client, second.id)]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends one stream read with a TimeoutError after the idle time', async () => {
    const { server } = start();
    const stalling = stallingStreams(server.fetch, () => 1);
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: stalling.fetch });
    const created = await createPrediction(client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 300, steps: 3 },
    });
    const events: string[] = [];
    const [error, ms] = await elapsed(
      (async () => {
        for await (const event of streamPrediction(client, created, { idleTimeoutMs: 200 }))
          events.push(event.event);
      })(),
    );
    expect(events).toEqual(['prediction']);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe('streamPrediction: silent for 200 ms.');
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(3000);
    await cancelPrediction(client, created.id);
  });
});
