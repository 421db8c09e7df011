import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  type Client,
  cancelPrediction,
  createClient,
  createPrediction,
  getModel,
  getModelVersion,
  getPrediction,
  getUser,
  listHardware,
  listModelCategories,
  listModels,
  listModelsByOwner,
  listModelVersions,
  listPredictions,
  PredictKitError,
  RateLimitError,
  runPrediction,
  searchModels,
  streamPrediction,
  UnexpectedResponseError,
  ValidationError,
} from '../index';
import { type Local, local, ORIGIN } from './localServer';

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
    expect(error.message).toBe(
      `getPrediction failed with 404: ${error.detail} (request id ${error.requestId}). Check the id, model and \`baseUrl\`.`,
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
      'Invalid model reference "predictkit/echo:0": version "0" is not',
    ],
    [{ model: 'predictkit/echo', input: 'hi' }, 'createPrediction: `input` must be an object, got "hi".'],
    [
      { model: 'predictkit/echo', input: {}, wait: 90 },
      'createPrediction: `wait` must be whole seconds from 1 to 60, got 90.',
    ],
    [
      { model: 'predictkit/echo', input: {}, wait: 0 },
      'createPrediction: `wait` must be whole seconds from 1 to 60, got 0.',
    ],
  ])('createPrediction(client, %j)', async (options, message) => {
    const { client, sent } = start();
    await expect(createPrediction(client, options as never)).rejects.toThrow(TypeError);
    await expect(createPrediction(client, options as never)).rejects.toThrow(message);
    expect(sent).toHaveLength(0);
  });

  it('getPrediction and cancelPrediction need an id', async () => {
    const { client } = start();
    await expect(getPrediction(client, '')).rejects.toThrow(
      'getPrediction: `id` must be a non-empty string, got "".',
    );
    await expect(cancelPrediction(client, undefined as never)).rejects.toThrow(
      'cancelPrediction: `id` must be a non-empty string, got undefined.',
    );
  });

  it('streamPrediction needs a prediction with urls.stream', async () => {
    const { client } = start();
    await expect(streamPrediction(client, { id: 'x' } as never).next()).rejects.toThrow(
      'streamPrediction: no `urls.stream`; wait or watch instead (they poll).',
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
