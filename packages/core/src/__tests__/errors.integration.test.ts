import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  createClient,
  PredictKitError,
  RateLimitError,
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
    const error = await caught<ApiError>(client.predictions.get('00000000-0000-0000-0000-000000000000'));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(PredictKitError);
    expect(error).toMatchObject({ name: 'ApiError', status: 404, detail: expect.any(String) });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.body).toEqual({ detail: error.detail });
    expect(error.message).toBe(
      `predictions.get failed with 404: ${error.detail} (request id ${error.requestId}). Check the id, model and \`baseUrl\`.`,
    );
  });

  it('401: a wrong token', async () => {
    const { client } = start({ tokens: ['right'] }, { token: 'wrong' });
    const error = await caught<ApiError>(client.user.get());
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/^user\.get failed with 401: .+ \(request id .+\)\. Check the token\.$/);
  });

  it('409: cancelling a finished prediction', async () => {
    const { client } = start();
    const done = await client.run('predictkit/echo', { text: 'x' });
    const error = await caught<ApiError>(client.predictions.cancel(done.id));
    expect(error).toMatchObject({ name: 'ApiError', status: 409 });
    expect(error.message).toMatch(
      /^predictions\.cancel failed with 409: .+ \(request id .+\)\. It has already finished\.$/,
    );
  });

  it('404 for a model that does not exist', async () => {
    const { client } = start();
    const error = await caught<ApiError>(client.models.get('predictkit/nope'));
    expect(error).toMatchObject({ status: 404 });
    expect(error.message).toMatch(/^models\.get failed with 404: /);
  });
});

describe('ValidationError', () => {
  it('names the input fields relative to `input`', async () => {
    const { client } = start();
    const error = await caught<ValidationError>(
      client.predictions.create({
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
      /^predictions\.create failed with 422: (text|delay_ms): .+\. Check the request\.$/,
    );
    expect(error.message).toMatch(REQUEST_ID);
  });

  it('keeps the full location for what is not an input field', async () => {
    const { client } = start();
    const error = await caught<ValidationError>(client.predictions.list({ pageSize: 2 }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0]?.path).toEqual(['query', 'page_size']);
    expect(error.message).toMatch(/^predictions\.list failed with 422: query\.page_size: /);
  });
});

describe('RateLimitError', () => {
  it('carries how long to wait', async () => {
    const { client } = start({ faults: { rateLimit: { requests: 1, windowMs: 90_000 } } }, { retries: 0 });
    await client.user.get();
    const error = await caught<RateLimitError>(client.user.get());
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
      client.predictions.create({ model: 'predictkit/echo', input: { text: 'x' } }),
    );
    expect(created).toBeInstanceOf(UnexpectedResponseError);
    expect(created).toMatchObject({
      name: 'UnexpectedResponseError',
      path: 'status',
      message: 'predictions.create: expected `status` to be a string, got number. Check `baseUrl`.',
    });
  });

  it('names the item of a page', async () => {
    const { client: real, server } = start();
    await real.predictions.create({ model: 'predictkit/echo', input: { text: 'x' } });
    const garbled = async (request: Request) => {
      const page = await (await server.fetch(request)).json();
      page.items[0].model = 'predictkit/echo';
      return Response.json(page);
    };
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: garbled });
    await expect(client.predictions.list()).rejects.toMatchObject({
      path: 'items[0].model',
      message: 'predictions.list: expected `items[0].model` to be an object, got string. Check `baseUrl`.',
    });
  });

  it('refuses an answer that is not JSON, as from a misconfigured proxy', async () => {
    const html = async () => new Response('<!doctype html><title>My app</title>', { status: 200 });
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch: html });
    await expect(client.user.get()).rejects.toMatchObject({
      name: 'UnexpectedResponseError',
      message: 'user.get: expected JSON, got "<!doctype html><title>My app</title>". Check `baseUrl`.',
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
    [{ model: 'predictkit/echo', input: 'hi' }, 'predictions.create: `input` must be an object, got "hi".'],
    [
      { model: 'predictkit/echo', input: {}, wait: 90 },
      'predictions.create: `wait` must be whole seconds from 1 to 60, got 90.',
    ],
    [
      { model: 'predictkit/echo', input: {}, wait: 0 },
      'predictions.create: `wait` must be whole seconds from 1 to 60, got 0.',
    ],
  ])('create(%j)', async (options, message) => {
    const { client, sent } = start();
    await expect(client.predictions.create(options as never)).rejects.toThrow(TypeError);
    await expect(client.predictions.create(options as never)).rejects.toThrow(message);
    expect(sent).toHaveLength(0);
  });

  it('get and cancel need an id', async () => {
    const { client } = start();
    await expect(client.predictions.get('')).rejects.toThrow(
      'predictions.get: `id` must be a non-empty string, got "".',
    );
    await expect(client.predictions.cancel(undefined as never)).rejects.toThrow(
      'predictions.cancel: `id` must be a non-empty string, got undefined.',
    );
  });

  it('stream needs a prediction with urls.stream', async () => {
    const { client } = start();
    await expect(client.predictions.stream({ id: 'x' } as never).next()).rejects.toThrow(
      'predictions.stream: no `urls.stream`; wait or watch instead (they poll).',
    );
  });
});

describe('the token from the environment', () => {
  it('is sent on a server when no token is given', async () => {
    vi.stubEnv('WRIFTAI_ACCESS_TOKEN', 'from-env');
    const { client, sent } = start({ tokens: ['from-env'] });
    await expect(client.user.get()).resolves.toMatchObject({ username: 'local' });
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer from-env');
    expect(sent[0]!.headers.get('user-agent')).toBe('predictkit/0.1.0');
  });
});
