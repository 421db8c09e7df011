import { afterEach, describe, expect, it, vi } from 'vitest';
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
import {
  ApiError,
  type Client,
  cancelPrediction,
  createClient,
  createPrediction,
  formatModelRef,
  getPrediction,
  listPredictions,
  PredictKitError,
  paginate,
  parseModelRef,
  RateLimitError,
  runPrediction,
  UnexpectedResponseError,
  ValidationError,
  waitForPrediction,
} from '../index';
import { streamPrediction, watchPrediction } from '../stream/index';
import { createPredictionWatcher } from '../watcher/index';
import { defineModel } from '../zod/index';
import { type Local, local, ORIGIN } from './localServer';

const SEGMENT =
  'must be one path segment: not empty, `.` or `..`, without `/`, `\\` or control characters, got';

const REQUEST_ID = /\(request id [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)/;

let api: Local | undefined;
const start = (...args: Parameters<typeof local>) => {
  api = local(...args);
  return api;
};
afterEach(async () => {
  vi.unstubAllEnvs();
  await api?.close();
  api = undefined;
});

const caught = <T>(work: Promise<unknown>): Promise<T> =>
  work.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as T,
  );

describe('ApiError', () => {
  it('404: says what, quotes the request id, and says what to check', async () => {
    const { client } = start();
    const error = await caught<ApiError>(getPrediction(client, '00000000-0000-0000-0000-000000000000'));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(PredictKitError);
    expect(error).toMatchObject({ name: 'ApiError', status: 404, detail: expect.any(String) });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.body).toEqual({ detail: error.detail });
    // The detail's own full stop goes: no "found. (request id".
    expect(error.message).not.toContain('. (request id');
    expect(error.message).toBe(
      `getPrediction failed with 404: ${error.detail.replace(/\.$/, '')} (request id ${error.requestId}). Check the id, model and \`baseUrl\`.`,
    );
  });

  it('401: a wrong token', async () => {
    const { client } = start({ tokens: ['right'] }, { token: 'wrong' });
    const error = await caught<ApiError>(getUser(client));
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/^getUser failed with 401: .+ \(request id .+\)\. Check the token\.$/);
  });

  it('409: cancelling a finished prediction', async () => {
    const { client } = start();
    const done = await runPrediction(client, 'predictkit/echo', { text: 'x' });
    const error = await caught<ApiError>(cancelPrediction(client, done.id));
    expect(error).toMatchObject({ name: 'ApiError', status: 409 });
    expect(error.message).toMatch(
      /^cancelPrediction failed with 409: .+ \(request id .+\)\. It has already finished\.$/,
    );
  });

  it('404 for a model that does not exist', async () => {
    const { client } = start();
    const error = await caught<ApiError>(getModel(client, 'predictkit/nope'));
    expect(error).toMatchObject({ status: 404 });
    expect(error.message).toMatch(/^getModel failed with 404: /);
  });
});

describe('every operation names itself in its errors', () => {
  const id = '00000000-0000-0000-0000-000000000000';
  it.each<[string, (client: Client) => Promise<unknown>]>([
    ['createPrediction', (c) => createPrediction(c, { model: 'predictkit/echo', input: { text: 'x' } })],
    ['getPrediction', (c) => getPrediction(c, id)],
    ['listPredictions', (c) => listPredictions(c)],
    ['cancelPrediction', (c) => cancelPrediction(c, id)],
    ['streamPrediction', (c) => streamPrediction(c, `${ORIGIN}/v1/predictions/${id}/stream`).next()],
    ['runPrediction', (c) => runPrediction(c, 'predictkit/echo', { text: 'x' })],
    ['getModel', (c) => getModel(c, 'predictkit/echo')],
    ['getModelVersion', (c) => getModelVersion(c, 'predictkit/echo:1')],
    ['listModels', (c) => listModels(c)],
    ['listModelsByOwner', (c) => listModelsByOwner(c, 'predictkit')],
    ['searchModels', (c) => searchModels(c, 'echo')],
    ['listModelVersions', (c) => listModelVersions(c, 'predictkit/echo')],
    ['listHardware', (c) => listHardware(c)],
    ['listModelCategories', (c) => listModelCategories(c)],
    ['getUser', (c) => getUser(c)],
  ])('%s', async (name, operation) => {
    const { client, sent } = start({ faults: { errorRate: 1, seed: 8 } }, { retries: 0 });
    const error = await caught<ApiError>(operation(client));
    expect(error).toBeInstanceOf(ApiError);
    // `runPrediction` fails on its create, which it names.
    const label = name === 'runPrediction' ? 'createPrediction' : name;
    expect(error.message).toMatch(new RegExp(`^${label} failed with 50[03]: `));
    expect(sent).toHaveLength(1);
  });
});

describe('ValidationError', () => {
  it('names the input fields relative to `input`', async () => {
    const { client } = start();
    const error = await caught<ValidationError>(
      createPrediction(client, {
        model: 'predictkit/echo',
        input: { text: 5, delay_ms: -1 },
        validateInput: true,
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.name).toBe('ValidationError');
    expect(error.status).toBe(422);
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining([['text'], ['delay_ms']]));
    for (const issue of error.issues)
      expect(issue).toEqual({
        path: expect.any(Array),
        message: expect.any(String),
        type: expect.any(String),
      });
    expect(error.detail).toBe(error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    expect(error.message).toMatch(
      /^createPrediction failed with 422: (text|delay_ms): .+\. Check the request\.$/,
    );
    expect(error.message).toMatch(REQUEST_ID);
  });

  it('keeps the full location for what is not an input field', async () => {
    const { client } = start();
    const error = await caught<ValidationError>(listPredictions(client, { pageSize: 2 }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0]?.path).toEqual(['query', 'page_size']);
    expect(error.message).toMatch(/^listPredictions failed with 422: query\.page_size: /);
  });
});

describe('RateLimitError', () => {
  it('carries how long to wait', async () => {
    const { client } = start({ faults: { rateLimit: { requests: 1, windowMs: 90_000 } } }, { retries: 0 });
    await getUser(client);
    const error = await caught<RateLimitError>(getUser(client));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: 'RateLimitError', status: 429, retryAfterMs: 90_000 });
  });
});

describe('UnexpectedResponseError', () => {
  it('names the field that did not match', async () => {
    const { server } = start();
    const garbled = async (request: Request) => {
      const response = await server.fetch(request);
      return Response.json({ ...(await response.json()), status: 3 }, { status: response.status });
    };
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: garbled });
    const created = await caught<UnexpectedResponseError>(
      createPrediction(client, { model: 'predictkit/echo', input: { text: 'x' } }),
    );
    expect(created).toBeInstanceOf(UnexpectedResponseError);
    expect(created).toMatchObject({
      name: 'UnexpectedResponseError',
      path: 'status',
      message: 'createPrediction: expected `status` to be a string, got number. Check `baseUrl`.',
    });
  });

  it('names the item of a page', async () => {
    const { client: real, server } = start();
    await createPrediction(real, { model: 'predictkit/echo', input: { text: 'x' } });
    const garbled = async (request: Request) => {
      const page = await (await server.fetch(request)).json();
      page.items[0].model = 'predictkit/echo';
      return Response.json(page);
    };
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: garbled });
    await expect(listPredictions(client)).rejects.toMatchObject({
      path: 'items[0].model',
      message: 'listPredictions: expected `items[0].model` to be an object, got string. Check `baseUrl`.',
    });
  });

  it('refuses an answer that is not JSON, as from a misconfigured proxy', async () => {
    const html = async () => new Response('<!doctype html><title>My app</title>', { status: 200 });
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: html });
    await expect(getUser(client)).rejects.toMatchObject({
      name: 'UnexpectedResponseError',
      message: 'getUser: expected JSON, got "<!doctype html><title>My app</title>". Check `baseUrl`.',
    });
  });
});

describe('argument mistakes are TypeErrors, before any request', () => {
  it.each([
    [{ model: 'echo', input: {} }, 'Invalid model reference "echo": no `/` between owner and name.'],
    [
      { model: 'predictkit/echo:0', input: {} },
      'Invalid model reference "predictkit/echo:0": `version` must be a whole number ≥ 1 or a 64-hex version id, got "0".',
    ],
    [{ model: 'predictkit/echo', input: 'hi' }, 'createPrediction: `input` must be an object, got "hi".'],
    [
      { model: 'predictkit/echo', input: {}, wait: 90 },
      'createPrediction: `wait` must be whole seconds from 1 to 60, or false, got 90.',
    ],
    [
      { model: 'predictkit/echo', input: {}, wait: 0 },
      'createPrediction: `wait` must be whole seconds from 1 to 60, or false, got 0.',
    ],
  ])('createPrediction(client, %j)', async (options, message) => {
    const { client, sent } = start();
    await expect(createPrediction(client, options as never)).rejects.toThrow(TypeError);
    await expect(createPrediction(client, options as never)).rejects.toThrow(message);
    expect(sent).toHaveLength(0);
  });

  it('getPrediction and cancelPrediction need an id', async () => {
    const { client } = start();
    await expect(getPrediction(client, '')).rejects.toThrow(new TypeError(`\`id\` ${SEGMENT} "".`));
    await expect(cancelPrediction(client, undefined as never)).rejects.toThrow(
      new TypeError(`\`id\` ${SEGMENT} undefined.`),
    );
  });

  const circular: Record<string, unknown> = { a: 1 };
  circular.self = circular;
  const shared = { x: 1 };
  const holey: number[] = [];
  holey[0] = 1;
  holey[2] = 3;
  const started = { id: 'p1', status: 'started', urls: { stream: `${ORIGIN}/v1/predictions/p1/stream` } };
  // Each call names what is wrong and what it must be, and sends nothing.
  it.each<[string, (client: Client) => unknown, string]>([
    // values that become path segments
    [
      'getModel(../user)',
      (c) => getModel(c, '../user'),
      `getModel: Invalid model reference "../user": \`owner\` ${SEGMENT} "..". Use \`owner/name\`, \`owner/name:N\` or \`owner/name:<version id>\`.`,
    ],
    [
      'getModel(a/%2e%2e)',
      (c) => getModel(c, 'a/%2e%2e'),
      `getModel: Invalid model reference "a/%2e%2e": \`name\` ${SEGMENT} "%2e%2e". Use \`owner/name\`, \`owner/name:N\` or \`owner/name:<version id>\`.`,
    ],
    [
      'getModel(a\\b/c)',
      (c) => getModel(c, 'a\\b/c'),
      `getModel: Invalid model reference "a\\\\b/c": \`owner\` ${SEGMENT} "a\\\\b". Use \`owner/name\`, \`owner/name:N\` or \`owner/name:<version id>\`.`,
    ],
    [
      'createPrediction(../..)',
      (c) => createPrediction(c, { model: '../..', input: {} }),
      `Invalid model reference "../..": \`owner\` ${SEGMENT} "..". Use \`owner/name\`, \`owner/name:N\` or \`owner/name:<version id>\`.`,
    ],
    [
      'createPrediction({})',
      (c) => createPrediction(c, { model: {} as never, input: {} }),
      `\`owner\` ${SEGMENT} undefined.`,
    ],
    [
      'createPrediction({owner: ..})',
      (c) => createPrediction(c, { model: { owner: '..', name: 'x' }, input: {} }),
      `\`owner\` ${SEGMENT} "..".`,
    ],
    [
      'createPrediction({name: 7})',
      (c) => createPrediction(c, { model: { owner: 'a', name: 7 as never }, input: {} }),
      `\`name\` ${SEGMENT} 7.`,
    ],
    [
      'createPrediction({version: 0})',
      (c) => createPrediction(c, { model: { owner: 'a', name: 'b', version: 0 }, input: {} }),
      '`version` must be a whole number ≥ 1 or a 64-hex version id, got 0.',
    ],
    [
      'createPrediction({version: "2"})',
      (c) => createPrediction(c, { model: { owner: 'a', name: 'b', version: '2' as never }, input: {} }),
      '`version` must be a whole number ≥ 1 or a 64-hex version id, got "2".',
    ],
    ['getPrediction(..)', (c) => getPrediction(c, '..'), `\`id\` ${SEGMENT} "..".`],
    ['getPrediction(%2E%2e)', (c) => getPrediction(c, '%2E%2e'), `\`id\` ${SEGMENT} "%2E%2e".`],
    ['getPrediction(../user)', (c) => getPrediction(c, '../user'), `\`id\` ${SEGMENT} "../user".`],
    ['cancelPrediction(a\\u0007)', (c) => cancelPrediction(c, 'a\u0007'), `\`id\` ${SEGMENT} "a\\u0007".`],
    [
      'listModelsByOwner(.)',
      (c) => listModelsByOwner(c, '.'),
      `listModelsByOwner: \`owner\` ${SEGMENT} ".".`,
    ],
    [
      'listModelVersions({name: a%2fb})',
      (c) => listModelVersions(c, { owner: 'a', name: 'a%2fb' }),
      `listModelVersions: \`name\` ${SEGMENT} "a%2fb".`,
    ],
    [
      'getModelVersion({owner: ""})',
      (c) => getModelVersion(c, { owner: '', name: 'b', version: 1 }),
      `getModelVersion: \`owner\` ${SEGMENT} "".`,
    ],
    [
      'createPredictionWatcher(..)',
      (c) => createPredictionWatcher(c, '..').result,
      `\`id\` ${SEGMENT} "..".`,
    ],
    // input
    [
      'input []',
      (c) => createPrediction(c, { model: 'predictkit/echo', input: [] as never }),
      'createPrediction: `input` must be an object, got an array.',
    ],
    [
      'input BigInt',
      (c) => createPrediction(c, { model: 'predictkit/echo', input: { a: { b: [1, 2, 3n] } } }),
      'createPrediction: `input.a.b[2]` must be JSON, got 3n.',
    ],
    [
      'input function',
      (c) => createPrediction(c, { model: 'predictkit/echo', input: { f: () => 1 } }),
      'createPrediction: `input.f` must be JSON, got a function.',
    ],
    [
      'input symbol',
      (c) => createPrediction(c, { model: 'predictkit/echo', input: { s: Symbol('x') } }),
      'createPrediction: `input.s` must be JSON, got Symbol(x).',
    ],
    [
      'input undefined in an array',
      (c) => createPrediction(c, { model: 'predictkit/echo', input: { list: [1, undefined] } }),
      'createPrediction: `input.list[1]` must be JSON, got undefined.',
    ],
    [
      'input hole in an array',
      (c) => createPrediction(c, { model: 'predictkit/echo', input: { list: holey } }),
      'createPrediction: `input.list[1]` must be JSON, got undefined.',
    ],
    [
      'input circular',
      (c) => createPrediction(c, { model: 'predictkit/echo', input: { c: circular } }),
      'createPrediction: `input.c.self` must be JSON, got a circular reference.',
    ],
    [
      'input NaN',
      (c) => createPrediction(c, { model: 'predictkit/echo', input: { shared, n: Number.NaN } }),
      'createPrediction: `input.n` must be JSON, got NaN.',
    ],
    [
      'input Infinity',
      (c) => createPrediction(c, { model: 'predictkit/echo', input: { x: [{ y: -Infinity }] } }),
      'createPrediction: `input.x[0].y` must be JSON, got -Infinity.',
    ],
    // create options
    [
      'options null',
      (c) => createPrediction(c, null as never),
      'createPrediction: `options` must be an object, got null.',
    ],
    [
      'webhook',
      (c) => createPrediction(c, { model: 'predictkit/echo', input: {}, webhook: 'https://x' as never }),
      'createPrediction: `webhook` must be an object with a non-empty `url`, got "https://x".',
    ],
    [
      'webhook secret',
      (c) =>
        createPrediction(c, {
          model: 'predictkit/echo',
          input: {},
          webhook: { url: 'https://x', secret: '' },
        }),
      'createPrediction: `webhook.secret` must be a non-empty string, got "".',
    ],
    [
      'webhook field misspelt',
      (c) =>
        createPrediction(c, {
          model: 'predictkit/echo',
          input: {},
          webhook: { url: 'https://x', secrets: 's' } as never,
        }),
      'createPrediction: unknown option `webhook.secrets`; known: url,secret,events.',
    ],
    [
      'validateInput',
      (c) => createPrediction(c, { model: 'predictkit/echo', input: {}, validateInput: 'yes' as never }),
      'createPrediction: `validateInput` must be a boolean, got "yes".',
    ],
    [
      'signal',
      (c) => createPrediction(c, { model: 'predictkit/echo', input: {}, signal: 'x' as never }),
      'createPrediction: `signal` must be an AbortSignal, got "x".',
    ],
    // other calls' options
    [
      'getPrediction signal',
      (c) => getPrediction(c, 'p1', { signal: {} as never }),
      'getPrediction: `signal` must be an AbortSignal, got an object.',
    ],
    [
      'cancelPrediction options',
      (c) => cancelPrediction(c, 'p1', 5 as never),
      'cancelPrediction: `options` must be an object, got 5.',
    ],
    [
      'listPredictions pageSize',
      (c) => listPredictions(c, { pageSize: 0 }),
      'listPredictions: `pageSize` must be a whole number ≥ 1, got 0.',
    ],
    [
      'listPredictions cursor',
      (c) => listPredictions(c, { cursor: '' }),
      'listPredictions: `cursor` must be a non-empty string (a `next_cursor`), got "".',
    ],
    [
      'listPredictions null',
      (c) => listPredictions(c, null as never),
      'listPredictions: `options` must be an object, got null.',
    ],
    [
      'listModels sortBy',
      (c) => listModels(c, { sortBy: 'name' as never }),
      'listModels: `sortBy` must be "created_at" or "predictions_count", got "name".',
    ],
    [
      'listModels sortDirection',
      (c) => listModels(c, { sortDirection: 'up' as never }),
      'listModels: `sortDirection` must be "asc" or "desc", got "up".',
    ],
    [
      'listModels categories',
      (c) => listModels(c, { categories: 'audio' as never }),
      'listModels: `categories` must be an array of category slugs, got "audio".',
    ],
    [
      'listModels categories of',
      (c) => listModels(c, { categories: ['audio', ''] }),
      'listModels: `categories` must be an array of category slugs, got an array.',
    ],
    [
      'listModels null',
      (c) => listModels(c, null as never),
      'listModels: `options` must be an object, got null.',
    ],
    [
      'listModelsByOwner pageSize',
      (c) => listModelsByOwner(c, 'predictkit', { pageSize: 2.5 }),
      'listModelsByOwner: `pageSize` must be a whole number ≥ 1, got 2.5.',
    ],
    [
      'searchModels query',
      (c) => searchModels(c, ''),
      'searchModels: `query` must be a non-empty string, got "".',
    ],
    [
      'searchModels query type',
      (c) => searchModels(c, { q: 'x' } as never),
      'searchModels: `query` must be a non-empty string, got an object.',
    ],
    [
      'listModelVersions cursor',
      (c) => listModelVersions(c, 'predictkit/echo', { cursor: 5 as never }),
      'listModelVersions: `cursor` must be a non-empty string (a `next_cursor`), got 5.',
    ],
    [
      'listHardware pageSize',
      (c) => listHardware(c, { pageSize: -1 }),
      'listHardware: `pageSize` must be a whole number ≥ 1, got -1.',
    ],
    [
      'listModelCategories signal',
      (c) => listModelCategories(c, { signal: true as never }),
      'listModelCategories: `signal` must be an AbortSignal, got true.',
    ],
    [
      'getModel signal',
      (c) => getModel(c, 'predictkit/echo', { signal: 'x' as never }),
      'getModel: `signal` must be an AbortSignal, got "x".',
    ],
    ['getUser options', (c) => getUser(c, 'x' as never), 'getUser: `options` must be an object, got "x".'],
    // waiting, watching, streaming
    [
      'wait interval',
      (c) => waitForPrediction(c, 'p1', { interval: 'fast' as never }),
      'waitForPrediction: `interval` must be milliseconds ≥ 0 or a function, got "fast".',
    ],
    [
      'wait interval < 0',
      (c) => waitForPrediction(c, 'p1', { interval: -1 }),
      'waitForPrediction: `interval` must be milliseconds ≥ 0 or a function, got -1.',
    ],
    [
      'wait timeoutMs x',
      (c) => waitForPrediction(c, 'p1', { timeoutMs: 'x' as never }),
      'waitForPrediction: `timeoutMs` must be a number > 0, got "x".',
    ],
    [
      'wait timeoutMs -5',
      (c) => waitForPrediction(c, 'p1', { timeoutMs: -5 }),
      'waitForPrediction: `timeoutMs` must be a number > 0, got -5.',
    ],
    [
      'wait onUpdate',
      (c) => waitForPrediction(c, 'p1', { onUpdate: 'log' as never }),
      'waitForPrediction: `onUpdate` must be a function, got "log".',
    ],
    [
      'wait idleTimeoutMs',
      (c) => waitForPrediction(c, 'p1', { idleTimeoutMs: 0 }),
      'waitForPrediction: `idleTimeoutMs` must be a number > 0, got 0.',
    ],
    [
      'wait stream',
      (c) => waitForPrediction(c, 'p1', { stream: true as never }),
      'waitForPrediction: `stream` must be streamPrediction or false, got true.',
    ],
    [
      'wait signal',
      (c) => waitForPrediction(c, 'p1', { signal: 1 as never }),
      'waitForPrediction: `signal` must be an AbortSignal, got 1.',
    ],
    [
      'run timeoutMs',
      (c) => runPrediction(c, 'predictkit/echo', { text: 'x' }, { timeoutMs: Number.NaN }),
      'runPrediction: `timeoutMs` must be a number > 0, got NaN.',
    ],
    [
      'run wait',
      (c) => runPrediction(c, 'predictkit/echo', { text: 'x' }, { wait: 0 }),
      'runPrediction: `wait` must be whole seconds from 1 to 60, or false, got 0.',
    ],
    [
      'run input',
      (c) => runPrediction(c, 'predictkit/echo', { n: 1n } as never),
      'createPrediction: `input.n` must be JSON, got 1n.',
    ],
    [
      'watch interval',
      (c) => watchPrediction(c, 'p1', { interval: 'fast' as never }),
      'watchPrediction: `interval` must be milliseconds ≥ 0 or a function, got "fast".',
    ],
    [
      'watcher timeoutMs',
      (c) => createPredictionWatcher(c, 'p1', { timeoutMs: 'x' as never }),
      'createPredictionWatcher: `timeoutMs` must be a number > 0, got "x".',
    ],
    [
      'stream lastEventId',
      (c) => streamPrediction(c, started as never, { lastEventId: 5 as never }),
      'streamPrediction: `lastEventId` must be a string, got 5.',
    ],
    [
      'stream idleTimeoutMs',
      (c) => streamPrediction(c, started as never, { idleTimeoutMs: -1 }),
      'streamPrediction: `idleTimeoutMs` must be a number > 0, got -1.',
    ],
    [
      'paginate list',
      (c) => paginate(c, 'listModels' as never),
      'paginate: `list` must be a list operation such as listPredictions, got "listModels".',
    ],
    [
      'paginate params',
      (c) => paginate(c, listModels, { pageSize: 'all' as never }),
      'paginate: `pageSize` must be a whole number ≥ 1, got "all".',
    ],
    // helpers
    ['parseModelRef({})', () => parseModelRef({} as never), `\`owner\` ${SEGMENT} undefined.`],
    ['formatModelRef(a/..)', () => formatModelRef({ owner: 'a', name: '..' }), `\`name\` ${SEGMENT} "..".`],
    [
      'defineModel(../x)',
      () => defineModel('../x', {} as never),
      `Invalid model reference "../x": \`owner\` ${SEGMENT} "..". Use \`owner/name\`, \`owner/name:N\` or \`owner/name:<version id>\`.`,
    ],
  ])('%s', async (_name, call, message) => {
    const { client, sent } = start();
    const run = async () => {
      const result = (await call(client)) as { next?: () => Promise<unknown> } | undefined;
      // Generators check when first asked for a value.
      if (typeof result?.next === 'function') await result.next();
    };
    await expect(run()).rejects.toMatchObject({ name: 'TypeError', message });
    expect(sent).toHaveLength(0);
  });

  it('streamPrediction needs a prediction with urls.stream', async () => {
    const { client } = start();
    await expect(streamPrediction(client, { id: 'x' } as never).next()).rejects.toThrow(
      'streamPrediction: no `urls.stream`; wait or watch instead (they poll).',
    );
    // A prediction's id, where its stream URL goes, is named as such before anything is sent.
    await expect(streamPrediction(client, 'afjpfzpc3zerthkbueilyguppq').next()).rejects.toThrow(
      'streamPrediction: "afjpfzpc3zerthkbueilyguppq" is not a stream URL: pass the prediction or its `urls.stream` (`watchPrediction` takes an id).',
    );
  });
});

describe('the token from the environment', () => {
  it('is sent on a server when no token is given', async () => {
    vi.stubEnv('WRIFTAI_ACCESS_TOKEN', 'from-env');
    const { client, sent } = start({ tokens: ['from-env'] });
    await expect(getUser(client)).resolves.toMatchObject({ username: 'local' });
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer from-env');
    expect(sent[0]!.headers.get('user-agent')).toBe('predictkit/0.1.0');
  });
});
