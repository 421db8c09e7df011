/** The Weave entry's argument checks, wire details and summaries, against a stub `fetch`. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../createClient';
import { ValidationError } from '../errors';
import type { Prediction } from '../types';
import {
  createScore,
  createWeaveClient,
  createWeaveLogger,
  createWeaveModel,
  createWeavePrediction,
  deleteWeavePredictions,
  formatWeaveRef,
  getWeaveModel,
  getWeavePrediction,
  listWeavePredictions,
  PREDICTION_MARK,
  parseWeaveRef,
  runEvaluation,
  scorePrediction,
  summarizeScores,
} from '../weave';

const BASE = 'http://weave.test';
const REF = 'weave:///me/proj/object/predictkit.echo:abc123';

const stub = (answer: (request: Request) => Response | Promise<Response> = () => Response.json({})) => {
  const fetch = vi.fn(async (request: Request) => answer(request));
  const weave = createWeaveClient({
    entity: 'me',
    project: 'proj',
    baseUrl: BASE,
    apiKey: 'k',
    fetch,
    retries: 0,
  });
  return { fetch, weave };
};

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

const prediction = (id: string, extra: Partial<Prediction> = {}): Prediction => ({
  id,
  model: { owner: 'predictkit', name: 'echo', version_number: 1 },
  created_at: '2026-01-01T00:00:00.000000Z',
  updated_at: '2026-01-01T00:00:01.000000Z',
  status: 'succeeded',
  setup_time: null,
  execution_time: 'PT0.5S',
  input: { text: id },
  output: `echo ${id}`,
  ...extra,
});

describe('createWeaveClient', () => {
  it('refuses missing, unknown and malformed options', () => {
    expect(() => createWeaveClient({ project: 'p' } as never)).toThrow(
      'createWeaveClient: `entity` must be a non-empty string, got undefined.',
    );
    expect(() => createWeaveClient({ entity: 'a/b', project: 'p' })).toThrow(
      'createWeaveClient: `entity` must be one path segment (no `/`), got "a/b".',
    );
    expect(() => createWeaveClient({ entity: 'e', project: 'p', token: 'x' } as never)).toThrow(
      'createWeaveClient: unknown option `token`',
    );
    expect(() => createWeaveClient({ entity: 'e', project: 'p', timeoutMs: 0 })).toThrow(
      'createWeaveClient: `timeoutMs` must be a number > 0, got 0.',
    );
  });

  it('sends the key as HTTP Basic with the user `api`, to the default base URL', async () => {
    const fetch = vi.fn(async (_r: Request) => Response.json({ prediction_id: 'p1' }));
    const weave = createWeaveClient({ entity: 'me', project: 'proj', apiKey: 'secret', fetch });
    expect(weave.baseUrl).toBe('https://trace.wandb.ai');
    await createWeavePrediction(weave, { model: REF, inputs: {}, output: null });
    const request = fetch.mock.calls[0]![0];
    expect(request.url).toBe('https://trace.wandb.ai/v2/me/proj/predictions');
    expect(request.headers.get('authorization')).toBe(`Basic ${btoa('api:secret')}`);
  });

  it('reads WANDB_API_KEY and WEAVE_BASE_URL on servers', async () => {
    vi.stubEnv('WANDB_API_KEY', 'from-env');
    vi.stubEnv('WEAVE_BASE_URL', 'http://local.test/weave/');
    const fetch = vi.fn(async (_r: Request) => Response.json({ prediction_id: 'p1' }));
    const weave = createWeaveClient({ entity: 'me', project: 'proj', fetch });
    expect(weave.baseUrl).toBe('http://local.test/weave');
    await createWeavePrediction(weave, { model: REF, inputs: {}, output: 1 });
    expect(fetch.mock.calls[0]![0].headers.get('authorization')).toBe(`Basic ${btoa('api:from-env')}`);
  });

  it('refuses a key in a browser unless allowed', () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    expect(() => createWeaveClient({ entity: 'e', project: 'p', apiKey: 'k' })).toThrow(
      'createWeaveClient: every visitor can read an API key in a browser.',
    );
    expect(() =>
      createWeaveClient({ entity: 'e', project: 'p', apiKey: 'k', dangerouslyAllowBrowser: true }),
    ).not.toThrow();
  });
});

describe('operations', () => {
  it('refuse bad arguments before sending anything', async () => {
    const { weave, fetch } = stub();
    const cases: [() => unknown, string][] = [
      [
        () => createWeavePrediction(weave, { model: 'predictkit/echo', inputs: {}, output: 1 }),
        'createWeavePrediction: `model` must be a weave:///{entity}/{project}/object/{name}:{digest} reference, got "predictkit/echo".',
      ],
      [
        () => createWeavePrediction(weave, { model: REF, inputs: {} } as never),
        'createWeavePrediction: `output` must be any JSON value (null for none), got undefined.',
      ],
      [
        () => createWeavePrediction(weave, { model: REF, inputs: {}, output: 1, status: 'x' } as never),
        'createWeavePrediction: unknown option `status`',
      ],
      [
        () => createScore(weave, { prediction_id: 'p', scorer: REF, value: Number.NaN }),
        'createScore: `value` must be a finite number (a boolean as 1 or 0), got NaN.',
      ],
      [
        () => getWeavePrediction(weave, '../x'),
        'getWeavePrediction: `id` must be a non-empty id of one path segment',
      ],
      [
        () => deleteWeavePredictions(weave, []),
        'deleteWeavePredictions: `ids` must be a non-empty array of ids',
      ],
      [
        () => listWeavePredictions(weave, { limit: -1 }).next(),
        'listWeavePredictions: `limit` must be a whole number ≥ 0',
      ],
      [
        () => getWeavePrediction(createClient() as never, 'p'),
        'getWeavePrediction: `client` must be a Weave client (createWeaveClient)',
      ],
      [
        () => getWeaveModel(weave, 'weave:///other/proj/object/m:d'),
        'getWeaveModel: `model` must be a reference in me/proj',
      ],
      [
        () => scorePrediction(weave, { predictionId: 'p', scorer: 'thumbs', value: 'up' as never }),
        'scorePrediction: `value` must be a finite number or a boolean (thumbs up/down), got "up".',
      ],
      [
        () => createWeaveModel(weave, { name: 'm' } as never),
        'createWeaveModel: `source_code` must be a non-empty string, got undefined.',
      ],
    ];
    for (const [run, message] of cases) {
      await expect(async () => run()).rejects.toThrow(message);
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('reads a 422 detail as ValidationError issues', async () => {
    const { weave } = stub(() =>
      Response.json(
        { detail: [{ loc: ['body', 'model'], msg: 'Field required', type: 'missing' }] },
        { status: 422 },
      ),
    );
    const error = await createWeavePrediction(weave, { model: REF, inputs: {}, output: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([{ path: ['body', 'model'], message: 'Field required', type: 'missing' }]);
  });

  it('sends a delete’s ids in the query, repeated', async () => {
    const { weave, fetch } = stub(() => Response.json({ num_deleted: 2 }));
    expect(await deleteWeavePredictions(weave, ['a', 'b'])).toEqual({ num_deleted: 2 });
    const request = fetch.mock.calls[0]![0];
    expect(request.method).toBe('DELETE');
    expect(new URL(request.url).search).toBe('?prediction_ids=a&prediction_ids=b');
  });
});

describe('JSONL lists', () => {
  const line = (i: number) =>
    `${JSON.stringify({ prediction_id: `p${i}`, model: REF, inputs: { i }, output: i })}\n`;
  /** A body sent in pieces that cut lines anywhere. */
  const chunked = (text: string, size = 7) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(text);
        for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.slice(at, at + size));
        controller.close();
      },
    });

  it('reads lines split across chunks, page by page, until a short page', async () => {
    const total = 5;
    const { weave, fetch } = stub((request) => {
      const url = new URL(request.url);
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      let text = '';
      for (let i = offset; i < Math.min(total, offset + limit); i++) text += line(i);
      return new Response(chunked(text), { headers: { 'content-type': 'application/jsonl' } });
    });
    const ids: string[] = [];
    for await (const p of listWeavePredictions(weave, { pageSize: 2, evaluationRunId: 'run1' })) {
      ids.push(p.prediction_id);
    }
    expect(ids).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(fetch.mock.calls.map(([r]) => new URL(r.url).search)).toEqual([
      '?evaluation_run_id=run1&limit=2&offset=0',
      '?evaluation_run_id=run1&limit=2&offset=2',
      '?evaluation_run_id=run1&limit=2&offset=4',
    ]);
  });

  it('asks again from the first item not read when a body breaks off', async () => {
    let broken = false;
    const { weave, fetch } = stub((request) => {
      const url = new URL(request.url);
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      const parts = Array.from({ length: limit }, (_, i) => line(offset + i));
      // The first answer stops in the middle of its second line.
      const cut = !broken;
      broken = true;
      const steps = cut ? [parts[0]!, parts[1]!.slice(0, 10), 'break'] : [...parts, 'end'];
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const step = steps.shift();
          if (step === 'break') controller.error(new TypeError('terminated'));
          else if (step === 'end') controller.close();
          else controller.enqueue(new TextEncoder().encode(step));
        },
      });
      return new Response(body);
    });
    const ids: string[] = [];
    for await (const p of listWeavePredictions(weave, { limit: 3 })) ids.push(p.prediction_id);
    expect(ids).toEqual(['p0', 'p1', 'p2']);
    expect(fetch.mock.calls.map(([r]) => new URL(r.url).search)).toEqual([
      '?limit=3&offset=0',
      '?limit=2&offset=1',
    ]);
  });
});

describe('summarizeScores', () => {
  it('averages numbers, counts booleans, and leaves out mixed and missing scores', () => {
    expect(
      summarizeScores([
        { length: 2, exact: true, mixed: 1 },
        { length: 4, exact: false, mixed: true },
        { length: 9, exact: true },
        { exact: undefined },
      ]),
    ).toEqual({ length: { mean: 5 }, exact: { true_count: 2, true_fraction: 2 / 3 } });
    expect(summarizeScores([])).toEqual({});
  });

  it('refuses what is not a score', () => {
    expect(() => summarizeScores({} as never)).toThrow('summarizeScores: `rows` must be an array');
    expect(() => summarizeScores([{ a: 'yes' as never }])).toThrow(
      'summarizeScores: `rows[0].a` must be a finite number or a boolean, got "yes".',
    );
  });
});

describe('weave references', () => {
  it('parses and formats object references, refusing others', () => {
    expect(parseWeaveRef(REF)).toEqual({
      entity: 'me',
      project: 'proj',
      kind: 'object',
      name: 'predictkit.echo',
      digest: 'abc123',
    });
    expect(formatWeaveRef(parseWeaveRef(REF))).toBe(REF);
    expect(() => parseWeaveRef('weave://me/proj/object/m:d')).toThrow('parseWeaveRef: `ref` must be');
    expect(() => formatWeaveRef({ entity: 'me', project: 'p', name: 'a/b', digest: 'd' })).toThrow();
  });
});

describe('createWeaveLogger', () => {
  /** A stub of the routes the logger uses, counting creates. */
  const service = (fail?: (request: Request, body: Record<string, unknown>) => Response | undefined) => {
    const predictions: Record<string, unknown>[] = [];
    let models = 0;
    const fetch = async (request: Request) => {
      const { pathname } = new URL(request.url);
      const body =
        request.method === 'POST'
          ? await request
              .clone()
              .json()
              .catch(() => null)
          : null;
      const failed = fail?.(request, body);
      if (failed) return failed;
      if (pathname.endsWith('/models')) {
        models++;
        return Response.json({ object_id: body.name, digest: 'd1', version_index: 0 });
      }
      if (request.method === 'POST' && pathname.endsWith('/predictions')) {
        predictions.push({ ...body, prediction_id: `w${predictions.length}` });
        return Response.json({ prediction_id: `w${predictions.length - 1}` });
      }
      if (request.method === 'GET' && pathname.endsWith('/predictions')) {
        return new Response(predictions.map((p) => `${JSON.stringify(p)}\n`).join(''));
      }
      return Response.json({ detail: 'Not found' }, { status: 404 });
    };
    return { fetch, predictions, models: () => models };
  };

  it('refuses bad options and what is not a prediction', () => {
    expect(() => createWeaveLogger({ entity: 'e', project: 'p', concurrency: 0 })).toThrow(
      'createWeaveLogger: `concurrency` must be a whole number ≥ 1, got 0.',
    );
    expect(() => createWeaveLogger({ entity: 'e', project: 'p', onError: 'x' as never })).toThrow(
      'createWeaveLogger: `onError` must be a function, got "x".',
    );
    const { weave } = stub();
    expect(() => createWeaveLogger({ client: weave, entity: 'e' })).toThrow(
      'createWeaveLogger: give `client` or its options (entity), not both.',
    );
    const logger = createWeaveLogger({ client: weave });
    expect(() => logger.log({ id: 'x' } as never)).toThrow(
      'log: `prediction` must be a prediction with `id`',
    );
  });

  it('returns at once, mints one model per version, records each id once, with its inputs and output', async () => {
    const { fetch, predictions, models } = service();
    const logger = createWeaveLogger({ entity: 'me', project: 'proj', baseUrl: BASE, fetch });
    const results = ['a', 'b', 'c', 'a'].map((id) => logger.log(prediction(id)));
    expect(results).toEqual(['queued', 'queued', 'queued', 'duplicate']);
    expect(logger.log(prediction('d', { status: 'started' }))).toBe('skipped');
    expect(logger.log(prediction('e', { status: 'failed', output: null }))).toBe('skipped');
    expect(await logger.flush()).toEqual([]);
    expect(logger.log(prediction('b'))).toBe('duplicate');
    expect(models()).toBe(1);
    expect(predictions).toHaveLength(3);
    expect(predictions[0]).toMatchObject({
      model: 'weave:///me/proj/object/predictkit.echo:d1',
      inputs: { text: 'a', [PREDICTION_MARK]: 'a' },
      output: 'echo a',
    });
    expect(logger.weaveId('a')).toBe('w0');
  });

  it('reads back before sending again a create whose answer was lost', async () => {
    let lost = 0;
    const { fetch: serve, predictions } = service();
    const fetch = async (request: Request) => {
      const res = await serve(request);
      // The service recorded it; the answer never arrives.
      if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/predictions') && lost++ < 2) {
        throw new TypeError('socket hang up');
      }
      return res;
    };
    const logger = createWeaveLogger({ entity: 'me', project: 'proj', baseUrl: BASE, fetch });
    for (const id of ['a', 'b', 'c']) logger.log(prediction(id));
    expect(await logger.flush()).toEqual([]);
    expect(predictions.map((p) => (p.inputs as Record<string, unknown>)[PREDICTION_MARK]).sort()).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(['a', 'b', 'c'].map(logger.weaveId).sort()).toEqual(['w0', 'w1', 'w2']);
  });

  it('flushes what was waiting when called, whatever is logged meanwhile, and stops waiting at its signal', async () => {
    const { fetch: serve } = service();
    const held: (() => void)[] = [];
    const fetch = async (request: Request) => {
      const body = request.method === 'POST' ? await request.clone().json() : null;
      if (body?.inputs?.[PREDICTION_MARK] === 'late')
        await new Promise<void>((resolve) => held.push(resolve));
      return serve(request);
    };
    const logger = createWeaveLogger({ entity: 'me', project: 'proj', baseUrl: BASE, fetch });
    logger.log(prediction('a'));
    const flushed = logger.flush();
    logger.log(prediction('late'));
    expect(await flushed).toEqual([]);
    expect(logger.weaveId('a')).toBe('w0');
    expect(logger.pending).toBe(1);
    const shutdown = new AbortController();
    const deadline = logger.flush({ signal: shutdown.signal });
    shutdown.abort(new Error('shutting down'));
    await expect(deadline).rejects.toThrow('shutting down');
    for (const resolve of held) resolve();
    expect(await logger.flush()).toEqual([]);
    expect(logger.weaveId('late')).toBe('w1');
  });

  it('reports a full queue and what it gave up, through onError and flush, and takes them again later', async () => {
    let refuse = true;
    const { fetch } = service((request) =>
      refuse && new URL(request.url).pathname.endsWith('/predictions') && request.method === 'POST'
        ? Response.json({ detail: [{ loc: ['body', 'inputs'], msg: 'bad', type: 'x' }] }, { status: 422 })
        : undefined,
    );
    const errors: string[] = [];
    const logger = createWeaveLogger({
      entity: 'me',
      project: 'proj',
      baseUrl: BASE,
      fetch,
      maxQueue: 2,
      concurrency: 1,
      onError: (error, p) => errors.push(`${p.id} ${error.name}`),
    });
    expect(['a', 'b', 'c'].map((id) => logger.log(prediction(id)))).toEqual(['queued', 'queued', 'full']);
    expect(logger.pending).toBe(2);
    const failed = await logger.flush();
    expect(failed.map((f) => [f.prediction.id, f.error.name])).toEqual([
      ['c', 'QueueFullError'],
      ['a', 'ValidationError'],
      ['b', 'ValidationError'],
    ]);
    expect(errors).toEqual(['c QueueFullError', 'a ValidationError', 'b ValidationError']);
    refuse = false;
    expect(logger.log(prediction('a'))).toBe('queued');
    expect(await logger.flush()).toEqual([]);
    expect(logger.weaveId('a')).toBeDefined();
  });
});

describe('runEvaluation and scorePrediction arguments', () => {
  it('refuse what they cannot use before sending anything', async () => {
    const { weave, fetch } = stub();
    const client = createClient({ baseUrl: 'http://api.test/v1', fetch });
    const base = {
      client,
      weave,
      model: 'predictkit/echo',
      dataset: [{ text: 'a' }],
      scorers: { ok: () => true },
    };
    const cases: [unknown, string][] = [
      [{ ...base, client: weave }, 'runEvaluation: `client` must be a PredictKit client (createClient)'],
      [{ ...base, weave: client }, 'runEvaluation: `client` must be a Weave client'],
      [
        { ...base, dataset: [1] },
        'runEvaluation: `dataset` must be an array of rows (objects), or { name?, rows }',
      ],
      [
        { ...base, scorers: {} },
        'runEvaluation: `scorers` must be an object of one or more scorer functions',
      ],
      [{ ...base, concurrency: 0 }, 'runEvaluation: `concurrency` must be a whole number ≥ 1, got 0.'],
      [{ ...base, model: 'echo' }, 'Invalid model reference "echo"'],
    ];
    for (const [options, message] of cases) {
      await expect(runEvaluation(options as never)).rejects.toThrow(message);
    }
    await expect(scorePrediction(weave, { predictionId: '', scorer: 's', value: 1 })).rejects.toThrow(
      'scorePrediction: `predictionId` must be a Weave prediction id, got "".',
    );
    expect(fetch).not.toHaveBeenCalled();
  });
});
