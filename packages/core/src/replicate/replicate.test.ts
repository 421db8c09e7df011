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
} from '../catalog';
import { createClient as createWriftaiClient } from '../createClient';
import { ApiError, RateLimitError, ValidationError } from '../errors';
import { getPrediction } from '../getPrediction';
import { paginate } from '../paginate';
import { parseDuration } from '../parseDuration';
import { predictionModelRef } from '../parseModelRef';
import {
  cancelPrediction,
  createPrediction,
  listPredictions,
  runPrediction,
  waitForPrediction,
} from '../predictions';
import { followStream } from '../stream/followStream';
import { streamPrediction } from '../stream/streamPrediction';
import type { JsonSchema } from '../types';
import { createClient } from './createClient';
import {
  API,
  fakeFetch,
  openapiSchema,
  STREAM,
  VERSION,
  wireModel,
  wirePrediction,
  wireVersion,
} from './fixtures';
import { replicate } from './replicate';
import { replicateStreamEvents } from './replicateStreamEvents';

const TOKEN = 'r8_test';
const ID = 'gm3qorzdhgbfurvjtvhg6dckhu';

const client = (
  routes: Parameters<typeof fakeFetch>[0],
  options: Parameters<typeof createClient>[0] = {},
) => {
  const fake = fakeFetch(routes);
  return { ...fake, client: createClient({ token: TOKEN, fetch: fake.fetch, ...options }) };
};

/** What a call ends with: its error, or `undefined`. */
const outcome = async (work: () => unknown) => {
  try {
    await work();
  } catch (error) {
    return error;
  }
};

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe('the client', () => {
  it('is Replicate’s: its base URL and token variable, Bearer auth', async () => {
    vi.stubEnv('REPLICATE_API_TOKEN', 'r8_from_env');
    const fake = fakeFetch({ [`GET /v1/predictions/${ID}`]: wirePrediction() });
    const c = createClient({ fetch: fake.fetch });
    expect(c.baseUrl).toBe(API);
    expect(c.provider).toBe(replicate);
    await getPrediction(c, ID);
    expect(fake.sent[0]!.url).toBe(`${API}/predictions/${ID}`);
    expect(fake.sent[0]!.headers.get('authorization')).toBe('Bearer r8_from_env');
  });

  it('reads REPLICATE_API_BASE_URL, and is the same client as the default entry’s with provider: replicate', () => {
    vi.stubEnv('REPLICATE_API_BASE_URL', 'http://127.0.0.1:8787/replicate/v1/');
    expect(createClient().baseUrl).toBe('http://127.0.0.1:8787/replicate/v1');
    const other = createWriftaiClient({ provider: replicate });
    expect(other.baseUrl).toBe('http://127.0.0.1:8787/replicate/v1');
    expect(other.provider).toBe(replicate);
  });
});

describe('creates', () => {
  const created = wirePrediction({
    status: 'starting',
    output: null,
    logs: '',
    completed_at: null,
    started_at: null,
    metrics: {},
  });

  it('runs an official model on its own route, with the input alone', async () => {
    const { client: c, sent } = client({
      'POST /v1/models/black-forest-labs/flux-schnell/predictions': created,
    });
    await createPrediction(c, { model: 'black-forest-labs/flux-schnell', input: { prompt: 'a fox' } });
    expect(sent[0]!.method).toBe('POST');
    expect(JSON.parse(sent[0]!.body)).toEqual({ input: { prompt: 'a fox' } });
    expect(sent[0]!.headers.get('content-type')).toBe('application/json');
  });

  it('runs a version, owner/name:<id> or the bare id, on POST /predictions with the version in the body', async () => {
    // With its model's name where the caller gave one, so that a proxy can tell which model runs.
    for (const [model, version] of [
      [`replicate/hello-world:${VERSION}`, `replicate/hello-world:${VERSION}`],
      [VERSION, VERSION],
      [{ owner: 'replicate', name: 'hello-world', version: VERSION }, `replicate/hello-world:${VERSION}`],
    ] as const) {
      const { client: c, sent } = client({ 'POST /v1/predictions': created });
      await createPrediction(c, { model, input: { text: 'Alice' } });
      expect(sent[0]!.url).toBe(`${API}/predictions`);
      expect(JSON.parse(sent[0]!.body)).toEqual({ input: { text: 'Alice' }, version });
    }
  });

  it('runs a deployment on its route, through createPrediction and runPrediction', async () => {
    const { client: c, sent } = client({
      'POST /v1/deployments/acme/sdxl-prod/predictions': wirePrediction(),
    });
    const p = await createPrediction(c, { deployment: 'acme/sdxl-prod', input: { prompt: 'x' } });
    expect(p.status).toBe('succeeded');
    await runPrediction(c, { deployment: 'acme/sdxl-prod' }, { prompt: 'y' });
    expect(sent.map((s) => `${s.method} ${new URL(s.url).pathname}`)).toEqual([
      'POST /v1/deployments/acme/sdxl-prod/predictions',
      'POST /v1/deployments/acme/sdxl-prod/predictions',
    ]);
    expect(JSON.parse(sent[1]!.body)).toEqual({ input: { prompt: 'y' } });
    expect(sent[1]!.headers.get('prefer')).toBe('wait=60');
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a WriftAI version number',
      { model: 'replicate/hello-world:2' },
      'createPrediction: `version` must be a 64-hex version id on Replicate, got 2.',
    ],
    [
      'a deployment with a version',
      { deployment: `acme/sdxl:${VERSION}` },
      'createPrediction: `deployment` takes `owner/name` alone: no version (a deployment runs its own) and no `model`.',
    ],
    [
      'a deployment and a model',
      { deployment: 'acme/sdxl', model: 'acme/sdxl' },
      'createPrediction: `deployment` takes `owner/name` alone: no version (a deployment runs its own) and no `model`.',
    ],
    [
      'a webhook secret',
      { model: 'a/b', webhook: { url: 'https://x.test', secret: 's' } },
      'createPrediction: `webhook.secret` is not available on Replicate.',
    ],
    [
      'unknown webhook events',
      { model: 'a/b', webhook: { url: 'https://x.test', events: ['done'] } },
      'createPrediction: `webhook.events` must be a list of "start", "output", "logs" or "completed", got "done".',
    ],
    [
      'webhook events that are no list',
      { model: 'a/b', webhook: { url: 'https://x.test', events: 'start' } },
      'createPrediction: `webhook.events` must be',
    ],
    [
      'a deadline of 0',
      { model: 'a/b', cancelAfter: 0 },
      'createPrediction: `cancelAfter` must be whole seconds ≥ 1 or a duration like "90s" or "1h30m", got 0.',
    ],
    ['a fractional deadline', { model: 'a/b', cancelAfter: 1.5 }, '`cancelAfter` must be'],
    ['a deadline in days', { model: 'a/b', cancelAfter: '1d' }, '`cancelAfter` must be'],
    ['a deadline of 0 ms', { model: 'a/b', cancelAfter: '0ms' }, '`cancelAfter` must be'],
    ['a deadline of 0s', { model: 'a/b', cancelAfter: '0m0s' }, '`cancelAfter` must be'],
    ['a deadline without a unit', { model: 'a/b', cancelAfter: '45' }, '`cancelAfter` must be'],
    ['a deadline of 0.0s', { model: 'a/b', cancelAfter: '0.0s' }, '`cancelAfter` must be'],
  ])('refuses %s before sending anything', async (_case, options, message) => {
    const { client: c, sent } = client({});
    const error = await outcome(() => createPrediction(c, { input: {}, ...options } as never));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(message);
    expect(sent).toEqual([]);
  });

  it('sends Prefer: wait and Cancel-After, whole seconds or a duration as given', async () => {
    for (const [cancelAfter, header] of [
      [90, '90s'],
      ['1m', '1m'],
      ['1h30m', '1h30m'],
      ['45s', '45s'],
      ['500ms', '500ms'],
      ['1m30s500ms', '1m30s500ms'],
      // Go's durations: decimals, and units in any order.
      ['1.5s', '1.5s'],
      ['30s1m', '30s1m'],
    ] as const) {
      const { client: c, sent } = client({ 'POST /v1/models/a/b/predictions': created });
      await createPrediction(c, { model: 'a/b', input: {}, wait: 10, cancelAfter });
      expect(sent[0]!.headers.get('prefer')).toBe('wait=10');
      expect(sent[0]!.headers.get('cancel-after')).toBe(header);
    }
  });

  it('sends a webhook as a URL and its events as webhook_events_filter; validateInput sends nothing (Replicate validates every input)', async () => {
    const { client: c, sent } = client({ 'POST /v1/models/a/b/predictions': created });
    await createPrediction(c, {
      model: 'a/b',
      input: {},
      validateInput: true,
      webhook: { url: 'https://app.test/hooks', events: ['start', 'completed'] },
    });
    expect(JSON.parse(sent[0]!.body)).toEqual({
      input: {},
      webhook: 'https://app.test/hooks',
      webhook_events_filter: ['start', 'completed'],
    });
    expect(sent[0]!.headers.get('validate-input')).toBeNull();
  });
});

describe('predictions as PredictKit shows them', () => {
  it('maps a finished prediction: model and version, status, log lines, timings, urls', async () => {
    const { client: c } = client({ [`GET /v1/predictions/${ID}`]: wirePrediction() });
    const p = await getPrediction(c, ID);
    expect(p).toMatchObject({
      id: ID,
      model: { owner: 'replicate', name: 'hello-world', version_id: VERSION },
      status: 'succeeded',
      output: 'hello Alice',
      error: null,
      logs: ['loading', 'hello Alice'],
      data_removed: false,
      created_at: '2023-09-08T16:19:34.765994Z',
      updated_at: '2023-09-08T16:19:34.791859Z',
      setup_time: null,
      execution_time: '0.012683',
      urls: { web: 'https://replicate.com/p/gm3qorzdhgbfurvjtvhg6dckhu', stream: STREAM },
    });
    expect(parseDuration(p.execution_time)).toBe(12.683);
    expect(predictionModelRef(p)).toBe(`replicate/hello-world:${VERSION}`);
    expect(p.model.version_number).toBeUndefined();
  });

  it.each([
    ['starting', 'pending'],
    ['processing', 'started'],
    ['succeeded', 'succeeded'],
    ['failed', 'failed'],
    ['canceled', 'canceled'],
    ['aborted', 'aborted'],
    ['rebooting', 'rebooting'],
  ])('reads status %s as %s', (wire, status) => {
    expect(replicate.mapPrediction(wirePrediction({ status: wire }), 't').status).toBe(status);
  });

  it('takes the time of the last change from completed_at, else started_at, else created_at', () => {
    const at = (more: Record<string, unknown>) =>
      replicate.mapPrediction(wirePrediction(more), 't').updated_at;
    expect(at({ completed_at: null })).toBe('2023-09-08T16:19:34.779176Z');
    expect(at({ completed_at: null, started_at: null })).toBe('2023-09-08T16:19:34.765994Z');
    expect(replicate.mapPrediction(wirePrediction({ metrics: {} }), 't').execution_time).toBeNull();
  });

  it('wraps an error text as an internal error', () => {
    expect(
      replicate.mapPrediction(wirePrediction({ status: 'failed', error: 'CUDA out of memory' }), 't').error,
    ).toEqual({
      source: 'internal',
      message: 'CUDA out of memory',
    });
  });

  it('gives an official model, whose version is hidden, no version', () => {
    const p = replicate.mapPrediction(
      wirePrediction({ model: 'black-forest-labs/flux-schnell', version: 'hidden' }),
      't',
    );
    expect(p.model).toEqual({ owner: 'black-forest-labs', name: 'flux-schnell' });
    expect(predictionModelRef(p)).toBe('black-forest-labs/flux-schnell');
  });

  it('splits the log text into lines', () => {
    const logs = (text: unknown) => replicate.mapPrediction(wirePrediction({ logs: text }), 't').logs;
    expect(logs('a\nb\n')).toEqual(['a', 'b']);
    expect(logs('a\r\nb')).toEqual(['a', 'b']);
    expect(logs('a\n\nb\n')).toEqual(['a', '', 'b']);
    expect(logs('')).toEqual([]);
    expect(logs(null)).toEqual([]);
    expect(logs(undefined)).toEqual([]);
  });

  it('refuses an answer without Replicate’s shape, naming the field', () => {
    expect(() =>
      replicate.mapPrediction({ ...wirePrediction(), model: { owner: 'a' } }, 'getPrediction'),
    ).toThrow('getPrediction: expected `model` to be a string, got object.');
  });

  it('cancels on POST /predictions/{id}/cancel', async () => {
    const { client: c, sent } = client({
      [`POST /v1/predictions/${ID}/cancel`]: wirePrediction({ status: 'canceled' }),
    });
    expect((await cancelPrediction(c, ID)).status).toBe('canceled');
    expect(sent[0]!.body).toBe('');
  });
});

describe('pages', () => {
  const next = `${API}/predictions?cursor=cD0yMDIzLTA5LTA4`;
  const pages = {
    'GET /v1/predictions': { previous: null, next, results: [wirePrediction(), wirePrediction({ id: 'b' })] },
    'GET /v1/predictions?cursor=cD0yMDIzLTA5LTA4': {
      previous: `${API}/predictions?cursor=back`,
      next: null,
      results: [wirePrediction({ id: 'c' })],
    },
  };

  it('map results onto items, and take the cursor of next, which the list sends back on its own path', async () => {
    const { client: c, sent } = client(pages);
    const first = await listPredictions(c);
    expect(first).toMatchObject({
      next_cursor: 'cD0yMDIzLTA5LTA4',
      previous_cursor: null,
      next_url: next,
      previous_url: null,
    });
    expect(first.items.map((p) => p.id)).toEqual([ID, 'b']);
    const second = await listPredictions(c, { cursor: first.next_cursor! });
    expect(second).toMatchObject({ next_cursor: null, previous_cursor: 'back' });
    expect(sent[1]!.url).toBe(`${API}/predictions?cursor=cD0yMDIzLTA5LTA4`);
  });

  it('follow a next URL on another origin by its cursor only: nothing goes to that origin', async () => {
    const { client: c, sent } = client({
      'GET /v1/predictions': {
        next: 'https://elsewhere.example/steal?cursor=abc',
        previous: null,
        results: [],
      },
      'GET /v1/predictions?cursor=abc': { next: null, previous: null, results: [] },
    });
    const ids = [];
    for await (const p of paginate(c, listPredictions)) ids.push(p.id);
    expect(sent.map((s) => new URL(s.url).origin)).toEqual([API.slice(0, -3), API.slice(0, -3)]);
  });

  it('are walked by paginate', async () => {
    const { client: c } = client(pages);
    const ids = [];
    for await (const p of paginate(c, listPredictions)) ids.push(p.id);
    expect(ids).toEqual([ID, 'b', 'c']);
  });

  it('name a bad row by its place in results', async () => {
    const { client: c } = client({
      'GET /v1/predictions': { next: null, previous: null, results: [wirePrediction(), { id: 2 }] },
    });
    await expect(listPredictions(c)).rejects.toThrow(
      'listPredictions: expected `results[1].id` to be a string, got number.',
    );
  });

  it.each([
    [
      'listPredictions',
      (c: ReturnType<typeof createClient>) => listPredictions(c, { pageSize: 50 }),
      '`pageSize`',
    ],
    [
      'listModels',
      (c: ReturnType<typeof createClient>) => listModels(c, { sortBy: 'created_at' }),
      '`sortBy`',
    ],
    [
      'listModels',
      (c: ReturnType<typeof createClient>) => listModels(c, { categories: ['audio'] }),
      '`categories`',
    ],
    [
      'paginate',
      (c: ReturnType<typeof createClient>) => paginate(c, listPredictions, { pageSize: 10 }).next(),
      '`pageSize`',
    ],
  ])('refuse %s options Replicate does not have, before sending', async (at, call, option) => {
    const { client: c, sent } = client(pages);
    await expect(call(c)).rejects.toThrow(
      new TypeError(
        `${at === 'paginate' ? 'listPredictions' : at}: ${option} is not available on Replicate.`,
      ),
    );
    expect(sent).toEqual([]);
  });
});

describe('errors', () => {
  it('read problem details: the detail, the request id, the status', async () => {
    const { client: c } = client({
      [`GET /v1/predictions/${ID}`]: () =>
        Response.json(
          { detail: 'Prediction not found', status: 404, title: 'Not found' },
          { status: 404, headers: { 'x-request-id': 'req-1' } },
        ),
    });
    const error = (await outcome(() => getPrediction(c, ID))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(
      'getPrediction failed with 404: Prediction not found (request id req-1). Check the id, model and `baseUrl`.',
    );
  });

  it('read a 422’s invalid fields as issues, input fields relative to input', async () => {
    const { client: c } = client({
      'POST /v1/models/a/b/predictions': () =>
        Response.json(
          {
            detail: '- input.num_outputs: Must be less than or equal to 4\n',
            status: 422,
            title: 'Input validation failed',
            invalid_fields: [
              {
                type: 'less_than_equal',
                field: 'input.num_outputs',
                description: 'Must be less than or equal to 4',
              },
              { type: 'required', field: 'version', description: 'version is required' },
            ],
          },
          { status: 422 },
        ),
    });
    const error = (await outcome(() =>
      createPrediction(c, { model: 'a/b', input: { num_outputs: 9 } }),
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([
      { path: ['num_outputs'], message: 'Must be less than or equal to 4', type: 'less_than_equal' },
      { path: ['version'], message: 'version is required', type: 'required' },
    ]);
    expect(error.detail).toBe('num_outputs: Must be less than or equal to 4; version: version is required');
  });

  it('read an invalid field that leaves out its words or kind without printing undefined', () => {
    expect(replicate.mapError(422, { invalid_fields: [{ field: 'input.seed' }, null] })).toMatchObject({
      issues: [
        { path: ['seed'], message: 'Invalid value', type: 'invalid' },
        { path: [], message: 'Invalid value', type: 'invalid' },
      ],
      detail: 'seed: Invalid value; Invalid value',
    });
  });

  it('take a 422 without invalid fields as its detail', () => {
    expect(replicate.mapError(422, { detail: ' Invalid version or not permitted ', status: 422 })).toEqual({
      detail: 'Invalid version or not permitted',
      issues: undefined,
      retryAfterMs: undefined,
    });
    expect(replicate.mapError(502, '<html>Bad gateway</html>').detail).toBe('<html>Bad gateway</html>');
    expect(replicate.mapError(500, null).detail).toBe('');
  });

  it('wait out a 429’s retry_after from the body, creates included, and report it when it persists', async () => {
    let calls = 0;
    const throttled = () =>
      Response.json(
        { detail: 'Request was throttled. Expected available in 1 second.', status: 429, retry_after: 0.05 },
        { status: 429 },
      );
    const { client: c, sent } = client({
      'POST /v1/models/a/b/predictions': () => (calls++ < 1 ? throttled() : Response.json(wirePrediction())),
    });
    const start = performance.now();
    await createPrediction(c, { model: 'a/b', input: {} });
    expect(sent).toHaveLength(2);
    expect(performance.now() - start).toBeGreaterThanOrEqual(45);

    const { client: always } = client({ 'GET /v1/account': throttled }, { retries: 0 });
    const error = (await outcome(() => getUser(always))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(50);
  });

  it('prefer the Retry-After header to the body’s retry_after', async () => {
    let calls = 0;
    const { client: c, sent } = client({
      'GET /v1/account': () =>
        calls++ < 1
          ? Response.json(
              { detail: 'throttled', status: 429, retry_after: 30 },
              { status: 429, headers: { 'retry-after': '0' } },
            )
          : Response.json({ username: 'acme' }),
    });
    const start = performance.now();
    await getUser(c);
    expect(sent).toHaveLength(2);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(replicate.mapError(429, { retry_after: -1 }).retryAfterMs).toBeUndefined();
  });
});

describe('models', () => {
  const routes = {
    'GET /v1/models/stability-ai/sdxl': wireModel(),
    [`GET /v1/models/stability-ai/sdxl/versions/${VERSION}`]: wireVersion(),
    'GET /v1/models/stability-ai/sdxl/versions': {
      next: null,
      previous: null,
      results: [wireVersion(), wireVersion('a'.repeat(64))],
    },
    'GET /v1/models': { next: `${API}/models?cursor=m2`, previous: null, results: [wireModel()] },
    'QUERY /v1/models': { next: null, previous: null, results: [wireModel({ latest_version: null })] },
    'GET /v1/hardware': [
      { name: 'CPU', sku: 'cpu' },
      { name: 'Nvidia A100 (80GB) GPU', sku: 'gpu-a100-large' },
    ],
    'GET /v1/account': {
      type: 'organization',
      username: 'acme',
      name: 'Acme',
      github_url: 'https://github.com/acme',
    },
  };

  /** Follows a `$ref` inside the schema, as the components' schema reader does. */
  const resolve = (root: JsonSchema, ref: string) =>
    ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root) as JsonSchema;

  it('get a model with its latest version, whose schemas are self-contained JSON Schemas', async () => {
    const { client: c } = client(routes);
    const model = await getModel(c, 'stability-ai/sdxl');
    expect(model).toMatchObject({
      id: 'stability-ai/sdxl',
      name: 'sdxl',
      owner: { id: 'stability-ai', username: 'stability-ai', avatar_url: null },
      description: 'A text-to-image generative AI model',
      visibility: 'public',
      predictions_count: 71_000_000,
      categories: [],
      version: { id: VERSION },
    });
    const { input, output } = model.version!.schemas!.prediction;
    expect(input).toMatchObject({
      type: 'object',
      required: ['prompt'],
      properties: { prompt: { type: 'string' } },
    });
    const scheduler = (input.properties as Record<string, JsonSchema>).scheduler!;
    expect(scheduler).toEqual({ allOf: [{ $ref: '#/$defs/scheduler' }], default: 'K_EULER', 'x-order': 3 });
    expect(resolve(input, '#/$defs/scheduler').enum).toEqual(['DDIM', 'K_EULER']);
    expect(output).toMatchObject({ type: 'array', items: { type: 'string', format: 'uri' } });
    expect(JSON.stringify({ input, output })).not.toContain('#/components/');
    // The answer is not changed in place.
    expect(JSON.stringify(openapiSchema)).toContain('#/components/schemas/scheduler');
  });

  it('get a version by id, alone or with its model; a number is no Replicate version', async () => {
    const { client: c, sent } = client(routes);
    expect((await getModelVersion(c, `stability-ai/sdxl:${VERSION}`)).id).toBe(VERSION);
    expect((await getModel(c, `stability-ai/sdxl:${VERSION}`)).version?.id).toBe(VERSION);
    expect(sent).toHaveLength(3);
    await expect(getModelVersion(c, 'stability-ai/sdxl:3')).rejects.toThrow(
      new TypeError('getModelVersion: `version` must be a 64-hex version id on Replicate, got 3.'),
    );
    expect(sent).toHaveLength(3);
  });

  it('list models and versions, search with QUERY /models and the query as text, list hardware and get the account', async () => {
    const { client: c, sent } = client(routes);
    const models = await listModels(c);
    expect(models).toMatchObject({ next_cursor: 'm2', items: [{ id: 'stability-ai/sdxl' }] });
    expect((await listModelVersions(c, 'stability-ai/sdxl')).items.map((v) => v.id)).toEqual([
      VERSION,
      'a'.repeat(64),
    ]);
    const found = await searchModels(c, 'text to image');
    expect(found.items[0]).toMatchObject({ id: 'stability-ai/sdxl', latest_version: null });
    const search = sent.find((s) => s.method === 'QUERY')!;
    expect(search.body).toBe('text to image');
    expect(search.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await listHardware(c)).items).toEqual([
      { name: 'CPU', sku: 'cpu', identifier: 'cpu' },
      { name: 'Nvidia A100 (80GB) GPU', sku: 'gpu-a100-large', identifier: 'gpu-a100-large' },
    ]);
    expect(await getUser(c)).toEqual({
      type: 'organization',
      username: 'acme',
      id: 'acme',
      name: 'Acme',
      avatar_url: null,
      github_url: 'https://github.com/acme',
    });
    expect(sent.find((s) => s.url.endsWith('/account'))).toBeDefined();
  });

  it('searches the next page with the cursor, on the same QUERY', async () => {
    const { client: c, sent } = client({
      'QUERY /v1/models?cursor=s2': { next: null, previous: null, results: [] },
    });
    await searchModels(c, 'fox', { cursor: 's2' });
    expect(sent[0]).toMatchObject({ method: 'QUERY', body: 'fox' });
  });

  it.each([
    ['listModelsByOwner', (c: ReturnType<typeof createClient>) => listModelsByOwner(c, 'acme')],
    ['listModelCategories', (c: ReturnType<typeof createClient>) => listModelCategories(c)],
  ])('%s is not available on Replicate, and sends nothing', async (at, call) => {
    const { client: c, sent } = client(routes);
    await expect(call(c)).rejects.toThrow(new TypeError(`${at}: \`${at}\` is not available on Replicate.`));
    expect(sent).toEqual([]);
  });
});

describe('stream events', () => {
  const running = replicate.mapPrediction(
    wirePrediction({ status: 'starting', output: null, logs: '', completed_at: null, started_at: null }),
    't',
  );
  const event = (name: string, data: string, id = '1') => ({ event: name, data, id, retry: undefined });

  it('append output chunks as raw text, never parsed, and mark the prediction running', () => {
    const one = replicateStreamEvents(running, event('output', 'Hello'), 'w', replicate)!;
    const two = replicateStreamEvents(one, event('output', '{"not":"json"}'), 'w', replicate)!;
    const three = replicateStreamEvents(two, event('output', ' line one\nline two'), 'w', replicate)!;
    expect(one.status).toBe('started');
    expect(three.output).toEqual(['Hello', '{"not":"json"}', ' line one\nline two']);
    expect(running.output).toBeNull();
  });

  it('append log lines as raw text', () => {
    const logged = replicateStreamEvents(
      { ...running, logs: ['boot'] },
      event('logs', 'step 1\nstep 2'),
      'w',
      replicate,
    )!;
    expect(logged.logs).toEqual(['boot', 'step 1', 'step 2']);
    expect(logged.status).toBe('pending');
    // a blank line is a line, as a poll's logs (`"boot\n\nstep 1"`) count it
    expect(replicateStreamEvents(logged, event('logs', ''), 'w', replicate)!.logs).toEqual([
      'boot',
      'step 1',
      'step 2',
      '',
    ]);
  });

  it('read an error event’s JSON into the error, and leave done to the watcher', () => {
    expect(
      replicateStreamEvents(running, event('error', '{"detail":"CUDA out of memory"}'), 'w', replicate)!
        .error,
    ).toEqual({
      source: 'internal',
      message: 'CUDA out of memory',
    });
    expect(replicateStreamEvents(running, event('done', '{}'), 'w', replicate)).toBeUndefined();
    expect(
      replicateStreamEvents(running, event('done', '{"reason":"canceled"}'), 'w', replicate),
    ).toBeUndefined();
    expect(replicateStreamEvents(running, event('ping', ''), 'w', replicate)).toBeUndefined();
  });

  it('refuse an error event that is not JSON, so that the watcher polls', () => {
    expect(() =>
      replicateStreamEvents(running, event('error', 'oops'), 'createPredictionWatcher', replicate),
    ).toThrow('createPredictionWatcher: the `error` event 1 is not JSON; polling instead.');
  });

  it('come from a stream host of their own, which gets no token and none of the client’s headers', async () => {
    const sse = 'event: output\nid: 1\ndata: hi\n\nevent: done\nid: 2\ndata: {}\n\n';
    const { client: c, sent } = client(
      {
        [`GET ${new URL(STREAM).pathname}`]: () =>
          new Response(sse, { headers: { 'content-type': 'text/event-stream' } }),
      },
      { headers: { 'x-tenant': 'acme' } },
    );
    const events = [];
    for await (const e of streamPrediction(c, running, { lastEventId: '7' })) events.push(e.event);
    expect(events).toEqual(['output', 'done']);
    expect(sent[0]!.url).toBe(STREAM);
    expect([...sent[0]!.headers]).toEqual([
      ['accept', 'text/event-stream'],
      ['last-event-id', '7'],
    ]);
  });
});

describe('watching', () => {
  const starting = wirePrediction({
    status: 'starting',
    output: null,
    logs: '',
    completed_at: null,
    started_at: null,
    metrics: {},
  });
  const event = (name: string, data: string, id: string) => ({ event: name, data, id, retry: 1 });

  it('streams output, then fetches the prediction once at the stream’s done, at once', async () => {
    let gets = 0;
    const { client: c, sent } = client({
      [`GET /v1/predictions/${ID}`]: () => {
        gets++;
        return Response.json(wirePrediction({ output: ['Hel', 'lo'] }));
      },
    });
    async function* reader() {
      yield event('output', 'Hel', '1');
      yield event('logs', 'tokenizing', '2');
      yield event('output', 'lo', '3');
      yield event('done', '{}', '4');
    }
    const seen: unknown[] = [];
    const start = performance.now();
    const done = await waitForPrediction(c, replicate.mapPrediction(starting, 't'), {
      stream: Object.assign(reader, { follow: followStream }),
      interval: 60_000,
      onUpdate: (p) => seen.push([p.status, p.output]),
    });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(seen).toEqual([
      ['started', ['Hel']],
      ['started', ['Hel']],
      ['started', ['Hel', 'lo']],
      ['succeeded', ['Hel', 'lo']],
    ]);
    expect(done).toMatchObject({ status: 'succeeded', logs: ['loading', 'hello Alice'] });
    expect(gets).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it('resumes after a cut with Last-Event-ID, and applies a fresh connection’s replay afresh', async () => {
    const lastIds: (string | undefined)[] = [];
    let connection = 0;
    const reader = async function* (_c: unknown, _url: string, o: { lastEventId?: string }) {
      lastIds.push(o.lastEventId);
      connection++;
      if (connection === 1) {
        yield event('output', 'a', '1');
        yield event('output', 'b', '2');
        throw new Error('connection reset');
      }
      yield event('output', 'c', '3');
      yield event('done', '{}', '4');
    };
    const { client: c } = client({
      [`GET /v1/predictions/${ID}`]: wirePrediction({ output: ['a', 'b', 'c'] }),
    });
    const outputs: unknown[] = [];
    // The create answered after its wait with two chunks already: the stream replays them from its start.
    const held = replicate.mapPrediction({ ...starting, status: 'processing', output: ['a', 'b'] }, 't');
    await waitForPrediction(c, held, {
      stream: Object.assign(reader, { follow: followStream }),
      onUpdate: (p) => outputs.push(p.output),
    });
    expect(lastIds).toEqual([undefined, '2']);
    // The replay of what the held answer showed changes nothing shown (the output never shrinks to
    // ['a']); then the new chunk, and the final snapshot, fetched at done.
    expect(outputs).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
    ]);
  });
});
