import { describe, expect, it, vi } from 'vitest';
import { getModel, getModelVersion } from './catalog/catalog';
import { wriftaiCatalog } from './catalog/wriftaiCatalog';
import { createClient } from './createClient';
import { UnexpectedResponseError } from './errors';
import { createPrediction, listPredictions } from './predictions';
import type { CatalogRoutes } from './provider';
import type { SseEvent } from './stream/createSseParser';
import { wriftaiStreamEvents } from './stream/wriftaiStreamEvents';
import type { Prediction } from './types';
import { mapWriftaiPage, wriftai } from './wriftai';

const prediction: Prediction = {
  id: 'p1',
  model: { owner: 'predictkit', name: 'text-generator', version_number: 2 },
  created_at: '2026-11-22T10:00:00.000000Z',
  updated_at: '2026-11-22T10:00:00.000000Z',
  status: 'started',
  setup_time: null,
  execution_time: null,
  output: null,
  logs: ['loading'],
};
const event = (name: string, data: unknown, id = '1'): SseEvent => ({
  event: name,
  data: JSON.stringify(data),
  id,
  retry: undefined,
});

describe('wriftai routes', () => {
  const routes = { ...wriftai.routes, ...(wriftaiCatalog.routes as Required<CatalogRoutes>) };

  it('builds the create routes, encoding each part', () => {
    expect(routes.createPrediction({ owner: 'predictkit', name: 'echo' })).toBe(
      '/models/predictkit/echo/predictions',
    );
    expect(routes.createPrediction({ owner: 'a b', name: 'c:d', version: 3 })).toBe(
      '/models/a%20b/c%3Ad/versions/3/predictions',
    );
  });

  const SEGMENT =
    'must be one path segment: not empty, `.` or `..`, without `/`, `\\` or control characters, got';

  it.each([
    ['prediction', () => routes.prediction('..'), '`id` ' + SEGMENT + ' "..".'],
    ['prediction', () => routes.prediction(''), '`id` ' + SEGMENT + ' "".'],
    ['prediction', () => routes.prediction(undefined as never), '`id` ' + SEGMENT + ' undefined.'],
    ['prediction', () => routes.prediction('%2e%2E'), '`id` ' + SEGMENT + ' "%2e%2E".'],
    ['cancelPrediction', () => routes.cancelPrediction('a/b'), '`id` ' + SEGMENT + ' "a/b".'],
    ['cancelPrediction', () => routes.cancelPrediction('a%2Fb'), '`id` ' + SEGMENT + ' "a%2Fb".'],
    ['modelsByOwner', () => routes.modelsByOwner!('.', {}), '`owner` ' + SEGMENT + ' ".".'],
    ['modelsByOwner', () => routes.modelsByOwner!('a\\b', {}), '`owner` ' + SEGMENT + ' "a\\\\b".'],
    ['model', () => routes.model({} as never), '`owner` ' + SEGMENT + ' undefined.'],
    ['model', () => routes.model({ owner: 'a', name: 'b\u0000' }), '`name` ' + SEGMENT + ' "b\\u0000".'],
    ['versions', () => routes.versions({ owner: 'a', name: '..' }, {}), '`name` ' + SEGMENT + ' "..".'],
    [
      'version',
      () => routes.version({ owner: 'a', name: 'b' }),
      '`version` must be a whole number ≥ 1, got undefined.',
    ],
    [
      'createPrediction',
      () => routes.createPrediction({ owner: 'a', name: 'b', version: 0 }),
      '`version` must be a whole number ≥ 1, got 0.',
    ],
    [
      'createPrediction',
      () => routes.createPrediction({ owner: 'a', name: 'b', version: '1/../x' as never }),
      '`version` must be a whole number ≥ 1, got "1/../x".',
    ],
  ])('%s refuses what is not one path segment: %s', (_route, build, message) => {
    expect(build).toThrow(new TypeError(message));
  });

  it('lists predictions with the cursor and page size in the query, leaving out what is unset', async () => {
    const urls: string[] = [];
    const client = createClient({
      baseUrl: 'https://api.example.com/v1',
      fetch: async (request) => {
        urls.push(request.url);
        return Response.json({ items: [], next_cursor: null });
      },
    });
    await listPredictions(client);
    await listPredictions(client, { cursor: 'a+b', pageSize: 10 });
    expect(urls).toEqual([
      'https://api.example.com/v1/predictions',
      'https://api.example.com/v1/predictions?cursor=a%2Bb&page_size=10',
    ]);
  });

  it('puts page and filter parameters in the query, leaving out what is unset', () => {
    expect(routes.models({ sortBy: 'created_at', categories: ['x', 'y'] })).toBe(
      '/models?sort_by=created_at&category_slugs=x&category_slugs=y',
    );
    expect(routes.searchModels('tone synth', { pageSize: 5 })).toBe(
      '/search/models?q=tone+synth&page_size=5',
    );
  });
});

describe('wriftai.mapError', () => {
  it('reads an issue whose `loc` is not a list as one about the whole request', () => {
    const { issues } = wriftai.mapError(422, { detail: [{ loc: 'body', msg: 'Bad', type: 'x' }, null] });
    expect(issues).toEqual([
      { path: [], message: 'Bad', type: 'x' },
      { path: [], message: 'undefined', type: 'undefined' },
    ]);
  });

  it('reads a 422 into issues, input fields relative to `input`', () => {
    const body = {
      detail: [
        {
          loc: ['body', 'input', 'width'],
          msg: 'Input should be less than or equal to 2048',
          type: 'less_than_equal',
        },
        { loc: ['body', 'input', 'tags', 0], msg: 'Field required', type: 'missing' },
        { loc: ['body', 'webhook', 'url'], msg: 'Invalid URL', type: 'url_parsing' },
        { loc: ['query', 'page_size'], msg: 'Too small', type: 'greater_than_equal' },
      ],
    };
    const { detail, issues } = wriftai.mapError(422, body);
    expect(issues).toEqual([
      { path: ['width'], message: 'Input should be less than or equal to 2048', type: 'less_than_equal' },
      { path: ['tags', 0], message: 'Field required', type: 'missing' },
      { path: ['body', 'webhook', 'url'], message: 'Invalid URL', type: 'url_parsing' },
      { path: ['query', 'page_size'], message: 'Too small', type: 'greater_than_equal' },
    ]);
    expect(detail).toBe(
      'width: Input should be less than or equal to 2048; tags.0: Field required; body.webhook.url: Invalid URL; query.page_size: Too small',
    );
  });

  it('takes a string detail as is, and a text body when there is no JSON', () => {
    expect(wriftai.mapError(404, { detail: 'Prediction not found' })).toEqual({
      detail: 'Prediction not found',
    });
    expect(wriftai.mapError(502, '<html>Bad gateway</html>').detail).toBe('<html>Bad gateway</html>');
    expect(wriftai.mapError(500, null).detail).toBe('');
  });
});

describe('wriftaiStreamEvents', () => {
  it('replaces the snapshot on `prediction` and `done`', () => {
    const next = { ...prediction, status: 'succeeded', output: ['a'] };
    expect(wriftaiStreamEvents(prediction, event('prediction', next), 'watch', wriftai)).toEqual(next);
    expect(wriftaiStreamEvents(prediction, event('done', next), 'watch', wriftai)).toEqual(next);
  });

  it('appends an output chunk and a log line to new objects, leaving the old snapshot alone', () => {
    const before = structuredClone(prediction);
    const one = wriftaiStreamEvents(prediction, event('output', ' Alice'), 'watch', wriftai)!;
    const two = wriftaiStreamEvents(one, event('output', { token: 2 }), 'watch', wriftai)!;
    const logged = wriftaiStreamEvents(two, event('logs', 'step 1'), 'watch', wriftai)!;
    expect(two.output).toEqual([' Alice', { token: 2 }]);
    expect(logged.logs).toEqual(['loading', 'step 1']);
    expect(prediction).toEqual(before);
    expect(one.output).toEqual([' Alice']);
  });

  it('ignores events it does not know', () => {
    expect(wriftaiStreamEvents(prediction, event('ping', {}), 'watch', wriftai)).toBeUndefined();
  });

  it('refuses data that is not JSON, or a prediction of the wrong shape', () => {
    const bad = { ...event('output', 0), data: 'not json' };
    const error = (() => {
      try {
        wriftaiStreamEvents(prediction, bad, 'createPredictionWatcher', wriftai);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).toMatchObject({
      path: 'output',
      message: 'createPredictionWatcher: the `output` event 1 is not JSON; polling instead.',
    });
    expect(() =>
      wriftaiStreamEvents(prediction, event('done', { id: 1 }), 'createPredictionWatcher', wriftai),
    ).toThrow('createPredictionWatcher (`done` event): expected `id` to be a string, got number.');
  });
});

describe('wriftai.mapPrediction', () => {
  const failed = (detail: unknown) => ({
    ...prediction,
    status: 'failed',
    error: { source: 'external', message: 'Canceled.', detail },
  });

  it('reads a failure marked `detail.canceled` as canceled, everywhere a prediction is read', () => {
    expect(wriftai.mapPrediction(failed({ canceled: true }), 'getPrediction').status).toBe('canceled');
    const done = wriftaiStreamEvents(prediction, event('done', failed({ canceled: true })), 'at', wriftai);
    expect(done?.status).toBe('canceled');
    const page = mapWriftaiPage({ items: [failed({ canceled: true })] }, 'at', wriftai.mapPrediction);
    expect(page.items[0]?.status).toBe('canceled');
  });

  it('leaves every other failure failed', () => {
    for (const detail of [null, { canceled: 'true' }, { canceled: false }, 'canceled', [true]]) {
      expect(wriftai.mapPrediction(failed(detail), 'at').status).toBe('failed');
    }
    expect(wriftai.mapPrediction({ ...prediction, error: null }, 'at').status).toBe('started');
  });
});

describe('mapWriftaiPage', () => {
  it('maps each item, naming a bad one by its index, and reads absent cursors as null', () => {
    const page = mapWriftaiPage({ items: [prediction] }, 'listPredictions', wriftai.mapPrediction);
    expect(page).toMatchObject({ items: [prediction], next_cursor: null });
    expect(() =>
      mapWriftaiPage(
        { items: [prediction, { ...prediction, status: null }] },
        'listPredictions',
        wriftai.mapPrediction,
      ),
    ).toThrow('listPredictions: expected `items[1].status` to be a string, got null.');
  });
});

describe('what WriftAI does not have', () => {
  const client = () => {
    const fetch = vi.fn(async () => Response.json({}));
    return { fetch, client: createClient({ baseUrl: 'http://api.test/v1', fetch }) };
  };

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a deployment',
      { deployment: 'acme/sdxl' },
      'createPrediction: `deployment` is not available on WriftAI.',
    ],
    [
      'a deadline',
      { model: 'a/b', cancelAfter: 60 },
      'createPrediction: `cancelAfter` is not available on WriftAI.',
    ],
    [
      'webhook events',
      { model: 'a/b', webhook: { url: 'https://x.test', events: ['start'] } },
      'createPrediction: `webhook.events` is not available on WriftAI.',
    ],
    [
      'a Replicate version id',
      { model: `a/b:${'f'.repeat(64)}` },
      `\`version\` must be a whole number ≥ 1, got "${'f'.repeat(64)}".`,
    ],
  ])('refuses %s with a TypeError before sending', async (_case, options, message) => {
    const { client: c, fetch } = client();
    await expect(createPrediction(c, { input: {}, ...options } as never)).rejects.toThrow(
      new TypeError(message),
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses a version id in reads too', async () => {
    const { client: c, fetch } = client();
    await expect(getModelVersion(c, `a/b:${'f'.repeat(64)}`)).rejects.toThrow(TypeError);
    // getModel asks for the model and the version at once: neither goes out
    await expect(getModel(c, `a/b:${'f'.repeat(64)}`)).rejects.toThrow(TypeError);
    expect(fetch).not.toHaveBeenCalled();
  });
});
