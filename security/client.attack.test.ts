/**
 * Attacks on the client (`@predictkit/core`), against the real local server in-process. Each
 * request the client makes is recorded on its way to the server, so a test sees exactly what left
 * the client: where it went, with which headers, and when.
 */
import {
  ApiError,
  type Client,
  type ClientOptions,
  cancelPrediction,
  createClient,
  createPrediction,
  getPrediction,
  listPredictions,
  type Prediction,
  PredictKitError,
  RateLimitError,
  TimeoutError,
  waitForPrediction,
} from '@predictkit/core';
import {
  getModel,
  getModelVersion,
  getUser,
  listModels,
  listModelsByOwner,
  listModelVersions,
} from '@predictkit/core/catalog';
import { streamPrediction } from '@predictkit/core/stream';
import { createServer, type PredictKitServer, type ServerOptions } from '@predictkit/server';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';

const ORIGIN = 'http://127.0.0.1:8787';
const TOKEN = 'attack-suite-token';
const RUNS = { seed: 42, numRuns: 150 };

interface Sent {
  method: string;
  url: string;
  authorization: string | null;
  headerNames: string[];
  body: string;
  /** `performance.now()` when it was sent, and when its answer came. */
  at: number;
  answeredAt?: number;
  status?: number;
  retryAfter?: string | null;
}

let servers: PredictKitServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** The real local server, in-process at 1/100 of model time, and a client that records what it sends. */
function attack(server: ServerOptions = {}, client: ClientOptions = {}) {
  const instance = createServer({ timeScale: 0.01, tokens: [TOKEN], onWarning: () => {}, ...server });
  servers.push(instance);
  const sent: Sent[] = [];
  const fetch = async (request: Request) => {
    const record: Sent = {
      method: request.method,
      url: request.url,
      authorization: request.headers.get('authorization'),
      headerNames: [...request.headers.keys()],
      body: await request.clone().text(),
      at: performance.now(),
    };
    sent.push(record);
    const response = await instance.fetch(request);
    Object.assign(record, {
      answeredAt: performance.now(),
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
    });
    return response;
  };
  return {
    server: instance,
    sent,
    fetch,
    client: createClient({ baseUrl: `${ORIGIN}/v1`, token: TOKEN, fetch, ...client }),
  };
}

/** The error a call ends with, or `undefined`; generators are asked for their first value. */
async function outcome(work: () => unknown): Promise<unknown> {
  try {
    const result = (await work()) as { next?: () => Promise<unknown> } | undefined;
    if (typeof result?.next === 'function') await result.next();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** The decoded segments of a URL's path. */
const segments = (url: string) => new URL(url).pathname.split('/').slice(1).map(decodeURIComponent);

/**
 * Text an attacker would try as an id, owner or name: mostly a few pieces of path syntax (dots,
 * slashes, their percent-encodings, controls) with a little text, sometimes any string at all.
 */
const hostile = fc.oneof(
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('.', '..') },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            '/',
            '\\',
            '%2e',
            '%2E',
            '%2f',
            '%2F',
            '%5c',
            '%252e',
            '%00',
            '%',
            '%zz',
          ),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom('\u0000', '\u001f', '\u007f', '\u0085', '?', '#', ':', '@', ' '),
        },
        { weight: 2, arbitrary: fc.constantFrom('a', 'user', 'v1', 'echo') },
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 10 }),
);

describe('values that become path segments', () => {
  // Each operation with where its value must land: the path after /v1, with the value as one segment.
  const operations: [string, (c: Client, v: string) => unknown, (v: string) => string[]][] = [
    ['getPrediction', (c, v) => getPrediction(c, v), (v) => ['v1', 'predictions', v]],
    ['cancelPrediction', (c, v) => cancelPrediction(c, v), (v) => ['v1', 'predictions', v, 'cancel']],
    ['listModelsByOwner', (c, v) => listModelsByOwner(c, v), (v) => ['v1', 'models', v]],
    [
      'getModel({owner})',
      (c, v) => getModel(c, { owner: v, name: 'echo' }),
      (v) => ['v1', 'models', v, 'echo'],
    ],
    [
      'listModelVersions({name})',
      (c, v) => listModelVersions(c, { owner: 'predictkit', name: v }),
      (v) => ['v1', 'models', 'predictkit', v, 'versions'],
    ],
    [
      'getModelVersion({owner, version})',
      (c, v) => getModelVersion(c, { owner: v, name: 'echo', version: 1 }),
      (v) => ['v1', 'models', v, 'echo', 'versions', '1'],
    ],
    [
      'createPrediction({owner})',
      (c, v) => createPrediction(c, { model: { owner: v, name: 'echo' }, input: { text: 'x' } }),
      (v) => ['v1', 'models', v, 'echo', 'predictions'],
    ],
  ];

  it.each(operations)(
    '%s: any text lands as one segment under /v1, or is refused with a TypeError before anything is sent',
    async (_name, call, expected) => {
      const { client, sent } = attack();
      await fc.assert(
        fc.asyncProperty(hostile, async (value) => {
          const before = sent.length;
          const error = await outcome(() => call(client, value));
          if (error instanceof TypeError) {
            expect(sent.length).toBe(before);
            return;
          }
          expect(error === undefined || error instanceof PredictKitError).toBe(true);
          const requests = sent.slice(before);
          expect(requests.length).toBeGreaterThan(0);
          for (const request of requests) expect(request.url.startsWith(`${ORIGIN}/v1/`)).toBe(true);
          expect(segments(requests[0]!.url)).toEqual(expected(value));
        }),
        RUNS,
      );
    },
  );

  it('model references as text never reach outside /v1/models/{owner}/{name}', async () => {
    const { client, sent } = attack();
    const ref = fc
      .tuple(hostile, hostile, fc.option(fc.oneof(hostile, fc.nat().map(String))))
      .map(([owner, name, version]) => `${owner}/${name}${version === null ? '' : `:${version}`}`);
    await fc.assert(
      fc.asyncProperty(ref, async (text) => {
        const before = sent.length;
        const error = await outcome(() => createPrediction(client, { model: text, input: { text: 'x' } }));
        if (error instanceof TypeError) return void expect(sent.length).toBe(before);
        const [request, ...more] = sent.slice(before);
        expect(more).toEqual([]);
        const path = segments(request!.url);
        expect(path.slice(0, 2)).toEqual(['v1', 'models']);
        expect(`${path[2]}/${path[3]}${path[5] ? `:${path[5]}` : ''}`).toBe(text);
        expect(path.at(-1)).toBe('predictions');
      }),
      RUNS,
    );
  });

  it.each([
    ['getModel(c, "../user")', (c: Client) => getModel(c, '../user')],
    ['createPrediction to "../.."', (c: Client) => createPrediction(c, { model: '../..', input: {} })],
    ['a {} ModelRef', (c: Client) => createPrediction(c, { model: {} as never, input: {} })],
    ['an id of %2e%2e', (c: Client) => getPrediction(c, '%2e%2e')],
    ['an owner with a backslash', (c: Client) => listModelsByOwner(c, 'a\\..')],
  ])('%s is refused before anything is sent', async (_name, call) => {
    const { client, sent } = attack();
    expect(await outcome(() => call(client))).toBeInstanceOf(TypeError);
    expect(sent).toEqual([]);
  });
});

describe('creates are never sent twice', () => {
  it('under injected 5xx answers: each create once, and the error says it may exist', async () => {
    const { client, sent } = attack({ faults: { errorRate: 0.5, seed: 7 } });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        createPrediction(client, { model: 'predictkit/echo', input: { text: `${i}` } }),
      ),
    );
    const posts = sent.filter((s) => s.method === 'POST');
    expect(posts).toHaveLength(20);
    expect(new Set(posts.map((p) => p.body)).size).toBe(20);
    const failures = results.filter((r) => r.status === 'rejected').map((r) => r.reason as ApiError);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(ApiError);
      expect(failure.status).toBeGreaterThanOrEqual(500);
      expect(failure.message).toContain(
        'Not retried: it may have been created. Check listPredictions before creating it again.',
      );
      expect(failure.message).not.toContain('Retry later');
    }
  });

  it('under timeouts: each create once, and none of them twice on the server', async () => {
    const { client, sent, fetch } = attack({ faults: { latencyMs: [0, 120], seed: 8 } }, { timeoutMs: 60 });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        createPrediction(client, { model: 'predictkit/echo', input: { text: `t${i}` } }),
      ),
    );
    expect(sent.filter((s) => s.method === 'POST')).toHaveLength(12);
    const timeouts = results.filter((r) => r.status === 'rejected').map((r) => r.reason as Error);
    expect(timeouts.length).toBeGreaterThan(0);
    for (const timeout of timeouts) {
      expect(timeout).toBeInstanceOf(TimeoutError);
      expect(timeout.message).toContain('Not retried: it may have been created.');
    }
    // What the server holds: no input twice (a create it got after the client gave up counts once).
    const patient = createClient({ baseUrl: `${ORIGIN}/v1`, token: TOKEN, fetch, timeoutMs: 5000 });
    const page = await listPredictions(patient, { pageSize: 50 });
    const inputs = await Promise.all(
      page.items.map(async (p) => (await getPrediction(patient, p.id)).input?.text),
    );
    expect(new Set(inputs).size).toBe(inputs.length);
    expect(inputs.length).toBeLessThanOrEqual(12);
  });
});

describe('Retry-After', () => {
  /** Every retry of a request that was answered with `Retry-After` came no sooner than it asked. */
  const expectPatience = (sent: Sent[]) => {
    let checked = 0;
    sent.forEach((answer, i) => {
      if (answer.retryAfter == null || (answer.status !== 429 && answer.status! < 500)) return;
      const next = sent.slice(i + 1).find((s) => s.method === answer.method && s.url === answer.url);
      if (!next) return;
      checked++;
      // A timer may fire a millisecond early; nothing else may.
      expect(next.at - answer.answeredAt!).toBeGreaterThanOrEqual(Number(answer.retryAfter) * 1000 - 2);
    });
    return checked;
  };

  it('no request is retried before a 429 said it could be', async () => {
    const { client, sent } = attack({ faults: { rateLimit: { requests: 2, windowMs: 1000 } } });
    await getUser(client);
    await createPrediction(client, { model: 'predictkit/echo', input: { text: 'r' } });
    // The third request in the window is refused with a Retry-After: a create too is retried after it.
    await createPrediction(client, { model: 'predictkit/echo', input: { text: 's' } });
    expect(sent.some((s) => s.status === 429)).toBe(true);
    expect(expectPatience(sent)).toBeGreaterThan(0);
  });

  it('no read is retried before a 503 said it could be', async () => {
    const { client, sent } = attack({ faults: { errorRate: 0.6, seed: 3 } });
    for (let i = 0; i < 3; i++) await outcome(() => getUser(client));
    expect(sent.some((s) => s.status === 503 && s.retryAfter === '1')).toBe(true);
    expect(expectPatience(sent)).toBeGreaterThan(0);
  });

  it('a watch that hits a 429 waits it out before polling again', async () => {
    const { client, sent } = attack(
      { faults: { rateLimit: { requests: 1, windowMs: 800 } } },
      { retries: 0 },
    );
    const created = await createPrediction(client, { model: 'predictkit/echo', input: { text: 'w' } });
    const done = await waitForPrediction(client, created.id, { interval: 0 });
    expect(done.status).toBe('succeeded');
    expect(sent.some((s) => s.status === 429)).toBe(true);
    expect(expectPatience(sent)).toBeGreaterThan(0);
  });

  it('a Retry-After beyond a minute is not waited out: the error says how long', async () => {
    const { client, sent } = attack({ faults: { rateLimit: { requests: 1, windowMs: 120_000 } } });
    await getUser(client);
    const error = (await outcome(() => getUser(client))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBeGreaterThan(60_000);
    expect(sent).toHaveLength(2);
  });
});

describe('the token goes to the origin of baseUrl, and nowhere else', () => {
  it('a urls.stream on any other origin is requested without the token or the client’s headers', async () => {
    const { client, sent } = attack({}, { headers: { 'x-tenant': 'acme' } });
    const done = await createPrediction(client, { model: 'predictkit/echo', input: { text: 's' }, wait: 5 });
    const stream = fc.oneof(
      fc.webUrl(),
      fc.webUrl().map((u) => u.replace(/^https?:/, '')),
      fc.constantFrom(
        'http://127.0.0.1:8788/v1/predictions/x/stream',
        'https://127.0.0.1:8787/v1/predictions/x/stream',
        'http://127.0.0.1.evil.example/stream',
        'http://localhost:8787/v1/predictions/x/stream',
        'https://streaming.api.replicate.com/v1/predictions/x',
        '//evil.example/stream',
        'data:text/event-stream,event: done',
        'javascript:alert(1)',
      ),
    );
    await fc.assert(
      fc.asyncProperty(stream, async (url) => {
        const before = sent.length;
        await outcome(() => streamPrediction(client, { ...done, urls: { stream: url } }));
        for (const request of sent.slice(before)) {
          const home = new URL(request.url).origin === ORIGIN;
          expect(request.authorization).toBe(home ? `Bearer ${TOKEN}` : null);
          // Only what the stream request itself sets: no user agent, no `x-tenant`.
          if (!home) expect(request.headerNames).toEqual(['accept']);
        }
      }),
      RUNS,
    );
  });

  it('a watch given a stream elsewhere still ends, with the token sent only home', async () => {
    const { client, sent } = attack();
    const created = await createPrediction(client, {
      model: 'predictkit/echo',
      input: { text: 'w', delay_ms: 300 },
    });
    const elsewhere = { ...created, urls: { stream: 'https://collector.example/steal' } };
    const done = await waitForPrediction(client, elsewhere, { stream: streamPrediction, interval: 20 });
    expect(done.status).toBe('succeeded');
    expect(sent.length).toBeGreaterThan(1);
    for (const request of sent) {
      const home = new URL(request.url).origin === ORIGIN;
      expect(request.authorization).toBe(home ? `Bearer ${TOKEN}` : null);
    }
    expect(sent.some((request) => request.url === 'https://collector.example/steal')).toBe(true);
  });

  it('the low-level request sends no token to another origin, by an absolute URL or by a path that leads there', async () => {
    const { client, sent } = attack();
    for (const url of [
      'http://evil.example/v1/user',
      'http://127.0.0.1.evil.example:8787/',
      'https://127.0.0.1:8787/v1/user',
    ]) {
      await outcome(() => client.request('GET', url));
    }
    // Not even a URL: nothing is sent.
    expect(await outcome(() => client.request('GET', 'http://127.0.0.1:8787.evil.example/'))).toBeInstanceOf(
      TypeError,
    );
    // A base URL without a path is where a path could change the host.
    const bare = attack({}, { baseUrl: 'http://localhost' });
    for (const path of ['.evil.example/x', '@evil.example/x'])
      await outcome(() => bare.client.request('GET', path));
    for (const request of [...sent, ...bare.sent]) {
      expect(new URL(request.url).origin).not.toBe(ORIGIN);
      expect(request.authorization).toBeNull();
    }
    expect(sent).toHaveLength(3);
    // `@evil.example/x` makes a URL with credentials, which no `Request` takes.
    expect(bare.sent.map((request) => request.url)).toEqual(['http://localhost.evil.example/x']);
  });
});

describe('what the input may hold', () => {
  type Step = string | number;
  const CYCLE = Symbol('cycle');
  const bad = fc.oneof(
    fc.bigInt().map((v) => [v, `${v}n`] as const),
    fc.constant([() => 1, 'a function'] as const),
    fc.constant([Symbol('s'), 'Symbol(s)'] as const),
    fc.constantFrom(
      [Number.NaN, 'NaN'] as const,
      [Number.POSITIVE_INFINITY, 'Infinity'] as const,
      [Number.NEGATIVE_INFINITY, '-Infinity'] as const,
    ),
    fc.constant([CYCLE, 'a circular reference'] as const),
  );
  const key = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom('__proto__', 'constructor', 'toJSON ', 'a.b', ''),
  );
  const json = fc.jsonValue({ maxDepth: 2 });

  /** An input with `value` at `steps` (the first a key), random JSON around it, and its path as named in errors. */
  const plant = fc
    .tuple(
      key,
      fc.array(fc.oneof(key, fc.nat(3)), { maxLength: 3 }),
      bad,
      fc.array(json, { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 4 }), json, { maxKeys: 3 }),
    )
    .map(([first, rest, [value, shown], fill, siblings]) => {
      const steps: Step[] = [first, ...rest];
      const root: Record<string, unknown> = {};
      let holder: Record<string, unknown> | unknown[] = root;
      steps.forEach((step, i) => {
        const last = i === steps.length - 1;
        const next = last ? undefined : typeof steps[i + 1] === 'number' ? [...fill] : { ...siblings };
        const child = last ? (value === CYCLE ? root : value) : next;
        if (typeof step === 'number') {
          const list = holder as unknown[];
          while (list.length < step) list.push(null);
          list[step] = child;
        } else {
          // Keys that come after the planted one are JSON, so the planted value is the first bad one.
          Object.defineProperty(holder, step, {
            value: child,
            enumerable: true,
            configurable: true,
            writable: true,
          });
        }
        if (!last) holder = next as typeof holder;
      });
      const path = `input${steps.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;
      return { input: root, path, shown };
    });

  it('names the first value JSON cannot carry, by its path, and sends nothing', async () => {
    const { client, sent } = attack();
    await fc.assert(
      fc.asyncProperty(plant, async ({ input, path, shown }) => {
        const error = await outcome(() => createPrediction(client, { model: 'predictkit/echo', input }));
        expect(error).toBeInstanceOf(TypeError);
        expect((error as Error).message).toBe(`createPrediction: \`${path}\` must be JSON, got ${shown}.`);
        expect(sent).toEqual([]);
      }),
      RUNS,
    );
  });

  it('sends any JSON object as it is', async () => {
    const { client, sent } = attack();
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 6 }), json), async (input) => {
        const before = sent.length;
        await outcome(() => createPrediction(client, { model: 'predictkit/echo', input }));
        expect(sent.length).toBe(before + 1);
        expect(JSON.stringify(JSON.parse(sent.at(-1)!.body).input)).toBe(JSON.stringify(input));
      }),
      { ...RUNS, numRuns: 60 },
    );
  });

  it.each([[[]], [null], ['text'], [42], [[{ a: 1 }]]])('refuses %j as the input itself', async (input) => {
    const { client, sent } = attack();
    const error = await outcome(() =>
      createPrediction(client, { model: 'predictkit/echo', input: input as never }),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^createPrediction: `input` must be an object, got /);
    expect(sent).toEqual([]);
  });
});

describe('options', () => {
  const terminal = (id: string): Prediction => ({
    id,
    model: { owner: 'predictkit', name: 'echo', version_number: 1 },
    created_at: '2026-01-01T00:00:00.000000Z',
    updated_at: '2026-01-01T00:00:00.000000Z',
    status: 'succeeded',
    setup_time: null,
    execution_time: null,
  });
  const names = [
    'signal',
    'timeoutMs',
    'interval',
    'stream',
    'idleTimeoutMs',
    'onUpdate',
    'lastEventId',
    'webhook',
    'validateInput',
    'wait',
    'cursor',
    'pageSize',
    'sortBy',
    'sortDirection',
    'categories',
  ];
  const options = fc.dictionary(fc.constantFrom(...names), fc.anything({ maxDepth: 1 }), { maxKeys: 3 });
  const calls: [string, (c: Client, o: never) => unknown][] = [
    ['waitForPrediction', (c, o) => waitForPrediction(c, terminal('p1'), o)],
    ['getPrediction', (c, o) => getPrediction(c, 'p1', o)],
    ['listPredictions', (c, o) => listPredictions(c, o)],
    ['listModels', (c, o) => listModels(c, o)],
    [
      'createPrediction',
      (c, o) => createPrediction(c, { ...(o as object), model: 'predictkit/echo', input: { text: 'o' } }),
    ],
  ];

  it.each(calls)(
    '%s: whatever the options, a TypeError that says why and sends nothing, or an ordinary call',
    async (name, call) => {
      const { client, sent } = attack();
      await fc.assert(
        fc.asyncProperty(options, async (o) => {
          const before = sent.length;
          const error = await outcome(() => call(client, o as never));
          if (error instanceof TypeError) {
            // Refused in so many words (`listModels: \`pageSize\` must be …`), not by JavaScript.
            expect(error.message).toMatch(new RegExp(`^${name}: \`\\w+\` must be .+, got .+\\.$`));
            expect(sent.length).toBe(before);
          } else {
            expect(
              error === undefined ||
                error instanceof PredictKitError ||
                (error as Error)?.name === 'AbortError',
            ).toBe(true);
          }
        }),
        { ...RUNS, numRuns: 100 },
      );
    },
  );

  it.each<[string, (c: Client) => unknown, string]>([
    [
      'interval "fast"',
      (c) => waitForPrediction(c, 'p1', { interval: 'fast' as never }),
      'waitForPrediction: `interval` must be milliseconds ≥ 0 or a function, got "fast".',
    ],
    [
      'timeoutMs "x"',
      (c) => waitForPrediction(c, 'p1', { timeoutMs: 'x' as never }),
      'waitForPrediction: `timeoutMs` must be a number > 0, got "x".',
    ],
    [
      'timeoutMs -5',
      (c) => waitForPrediction(c, 'p1', { timeoutMs: -5 }),
      'waitForPrediction: `timeoutMs` must be a number > 0, got -5.',
    ],
    [
      'pageSize 0',
      (c) => listPredictions(c, { pageSize: 0 }),
      'listPredictions: `pageSize` must be a whole number ≥ 1, got 0.',
    ],
    [
      'sortBy',
      (c) => listModels(c, { sortBy: 'random' as never }),
      'listModels: `sortBy` must be "created_at" or "predictions_count", got "random".',
    ],
    [
      'categories',
      (c) => listModels(c, { categories: 'audio' as never }),
      'listModels: `categories` must be an array of category slugs, got "audio".',
    ],
  ])('%s says what is wrong and sends nothing', async (_name, call, message) => {
    const { client, sent } = attack();
    const error = await outcome(() => call(client));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(message);
    expect(sent).toEqual([]);
  });
});
