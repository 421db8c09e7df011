import { getEventListeners } from 'node:events';
/**
 * The Weave entry against the local server's Weave surface (`/weave`), in-process: the client's
 * operations, the logger under injected faults and lost answers, feedback scores and an evaluation.
 */
import { createServer, type PredictKitServer } from '@predictkit/server';
import { afterEach, describe, expect, it } from 'vitest';
import { type FetchLike, runPrediction, ValidationError } from '../index';
import {
  createEvaluationRun,
  createScore,
  createWeaveClient,
  createWeaveLogger,
  createWeaveModel,
  createWeavePrediction,
  deleteWeavePredictions,
  finishEvaluationRun,
  finishWeavePrediction,
  formatWeaveRef,
  getEvaluationRun,
  getScore,
  getWeaveModel,
  getWeavePrediction,
  listEvaluationRuns,
  listScores,
  listWeavePredictions,
  PREDICTION_MARK,
  runEvaluation,
  scorePrediction,
} from '../weave';
import { collect } from './collect';
import { count, type Local, local, ORIGIN } from './localServer';

const WEAVE = `${ORIGIN}/weave`;

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A local server of its own for Weave (with `faults`), and a client of it through `fetch`. */
function weaveServer(
  options: Parameters<typeof createServer>[0] = {},
  wrap = (f: FetchLike): FetchLike => f,
) {
  const server: PredictKitServer = createServer({ onWarning: () => {}, ...options });
  servers.push(server);
  const fetch = wrap((request: Request) => server.fetch(request));
  const weave = createWeaveClient({ entity: 'me', project: 'proj', baseUrl: WEAVE, apiKey: 'k', fetch });
  return { server, weave, fetch };
}

/** Finished predictions of the echo model, run on a local WriftAI surface. */
async function echoes(count: number) {
  const api: Local = local();
  servers.push(api);
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      runPrediction(api.client, 'predictkit/echo', { text: `row ${i}` }),
    ),
  );
}

describe('the client', () => {
  it('mints a model, records, reads, lists page by page, finishes and deletes predictions', async () => {
    const { weave } = weaveServer();
    const model = await createWeaveModel(weave, {
      name: 'predictkit.echo',
      source_code: '# echo\n',
      attributes: { version: 1 },
    });
    expect(model.ref).toBe(
      formatWeaveRef({ entity: 'me', project: 'proj', name: model.object_id, digest: model.digest }),
    );
    // The same content is the same version.
    expect(
      (
        await createWeaveModel(weave, {
          name: 'predictkit.echo',
          source_code: '# echo\n',
          attributes: { version: 1 },
        })
      ).ref,
    ).toBe(model.ref);
    expect(await getWeaveModel(weave, model.ref)).toMatchObject({
      name: 'predictkit.echo',
      digest: model.digest,
    });

    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (await createWeavePrediction(weave, { model: model.ref, inputs: { i }, output: `out ${i}` }))
          .prediction_id,
      );
    }
    expect(await getWeavePrediction(weave, ids[2]!)).toMatchObject({
      prediction_id: ids[2],
      model: model.ref,
      inputs: { i: 2 },
      output: 'out 2',
    });
    expect((await collect(listWeavePredictions(weave, { pageSize: 2 }))).map((p) => p.prediction_id)).toEqual(
      ids,
    );
    expect(
      (await collect(listWeavePredictions(weave, { offset: 1, limit: 3 }))).map((p) => p.prediction_id),
    ).toEqual(ids.slice(1, 4));
    expect(await finishWeavePrediction(weave, ids[0]!)).toEqual({ success: true });
    expect(await finishWeavePrediction(weave, ids[0]!)).toEqual({ success: true });
    expect(await deleteWeavePredictions(weave, ids.slice(0, 2))).toEqual({ num_deleted: 2 });
    expect(await collect(listWeavePredictions(weave))).toHaveLength(3);
  });

  it('runs an evaluation by hand: a run, its predictions and scores, finished with a summary', async () => {
    const { weave } = weaveServer();
    const model = (await createWeaveModel(weave, { name: 'm', source_code: '#\n' })).ref;
    const evaluation = formatWeaveRef({ entity: 'me', project: 'proj', name: 'eval', digest: 'd1' });
    const scorer = formatWeaveRef({ entity: 'me', project: 'proj', name: 'exact', digest: 'd2' });
    const { evaluation_run_id: run } = await createEvaluationRun(weave, { evaluation, model });
    const { prediction_id } = await createWeavePrediction(weave, {
      model,
      inputs: { q: 1 },
      output: 'a',
      evaluation_run_id: run,
    });
    const { score_id } = await createScore(weave, {
      prediction_id,
      scorer,
      value: 1,
      evaluation_run_id: run,
    });
    expect(await getScore(weave, score_id)).toMatchObject({
      score_id,
      scorer,
      value: 1,
      evaluation_run_id: run,
    });
    expect(await collect(listScores(weave, { evaluationRunId: run }))).toHaveLength(1);
    expect(await collect(listWeavePredictions(weave, { evaluationRunId: run }))).toHaveLength(1);
    await finishEvaluationRun(weave, run, { summary: { exact: { mean: 1 } } });
    expect(await getEvaluationRun(weave, run)).toMatchObject({
      evaluation,
      model,
      summary: { exact: { mean: 1 } },
    });
    expect((await collect(listEvaluationRuns(weave))).map((r) => r.evaluation_run_id)).toEqual([run]);
  });

  it('answers a refused body as a ValidationError with the service’s issues', async () => {
    const { weave } = weaveServer();
    const op = 'weave:///me/proj/op/m:d';
    const error = await createEvaluationRun(weave, { evaluation: op, model: op }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(422);
    expect(error.issues.map((i: { path: unknown[] }) => i.path)).toEqual([
      ['body', 'evaluation'],
      ['body', 'model'],
    ]);
  });
});

describe('createWeaveLogger', () => {
  it('records N predictions exactly once each under faults, lost answers and repeated logs', async () => {
    const n = 30;
    const predictions = await echoes(n);
    let creates = 0;
    const faults = { errorRate: 0.2, latencyMs: [0, 3] as [number, number], streamCutRate: 0.2, seed: 11 };
    const { weave, server } = weaveServer({ faults }, (serve) => async (request) => {
      const isCreate = request.method === 'POST' && new URL(request.url).pathname.endsWith('/predictions');
      const res = await serve(request);
      // Every third create that the service carried out loses its answer on the way back.
      if (isCreate && res.ok && ++creates % 3 === 0) throw new TypeError('socket hang up');
      return res;
    });
    const errors: Error[] = [];
    const logger = createWeaveLogger({ client: weave, maxAttempts: 12, onError: (e) => errors.push(e) });
    for (const p of predictions) expect(logger.log(p)).toBe('queued');
    // A repeated webhook, while the first is under way and after.
    for (const p of predictions) expect(logger.log(p)).toBe('duplicate');
    expect(await logger.flush()).toEqual([]);
    for (const p of predictions.slice(0, 5)) expect(logger.log(p)).toBe('duplicate');
    expect(await logger.flush()).toEqual([]);
    expect(errors).toEqual([]);
    expect(creates).toBeGreaterThan(n / 3);

    // Read through the same faults, with retries enough to get past them.
    const reader = createWeaveClient({
      entity: 'me',
      project: 'proj',
      baseUrl: WEAVE,
      fetch: server.fetch,
      retries: 8,
    });
    const recorded = await collect(listWeavePredictions(reader));
    const marks = recorded.map((p) => p.inputs[PREDICTION_MARK]);
    expect(recorded).toHaveLength(n);
    expect(new Set(marks)).toEqual(new Set(predictions.map((p) => p.id)));
    const first = recorded.find((p) => p.inputs[PREDICTION_MARK] === predictions[0]!.id)!;
    expect(first).toMatchObject({
      model: expect.stringMatching(/^weave:\/\/\/me\/proj\/object\/predictkit\.echo:\w+$/),
      inputs: { text: 'row 0' },
      output: predictions[0]!.output,
    });
    expect(logger.weaveId(predictions[0]!.id)).toBe(first.prediction_id);
    // Backoffs and `Retry-After` waits add up.
  }, 120_000);

  it('records a prediction that did not succeed with its status and error, and finishes none it logs', async () => {
    const [p] = await echoes(1);
    const failed = {
      ...p!,
      id: 'failed-one',
      status: 'failed' as const,
      output: null,
      error: { source: 'internal' as const, message: 'CUDA out of memory' },
    };
    const sent: string[] = [];
    const { weave } = weaveServer({}, (serve) => (request) => {
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return serve(request);
    });
    const logger = createWeaveLogger({ client: weave, statuses: ['succeeded', 'failed'] });
    logger.log(p!);
    logger.log(failed);
    expect(await logger.flush()).toEqual([]);
    const recorded = await collect(listWeavePredictions(weave));
    const byMark = (id: string) => recorded.find((r) => r.inputs[PREDICTION_MARK] === id)!;
    expect(byMark(p!.id).output).toEqual(p!.output);
    expect(byMark('failed-one').output).toEqual({
      status: 'failed',
      error: { source: 'internal', message: 'CUDA out of memory' },
      output: null,
    });
    // Weave's create ends the call; a finish would end it again without its output.
    expect(sent.filter((line) => line.endsWith('/finish'))).toEqual([]);
  });

  it('feedback on a recorded prediction, as a score of 1 or 0', async () => {
    const [p] = await echoes(1);
    const { weave } = weaveServer();
    const logger = createWeaveLogger({ client: weave });
    logger.log(p!);
    await logger.flush();
    const scorer = formatWeaveRef({ entity: 'me', project: 'proj', name: 'thumbs', digest: 'd' });
    const { score_id } = await scorePrediction(weave, {
      predictionId: logger.weaveId(p!.id)!,
      scorer,
      value: false,
    });
    expect(await getScore(weave, score_id)).toMatchObject({ scorer, value: 0 });
  });
});

describe('runEvaluation', () => {
  it('runs each row, scores it, records the run and finishes it with the summary it answers', async () => {
    const api = local();
    servers.push(api);
    const { weave } = weaveServer();
    const evaluation = formatWeaveRef({ entity: 'me', project: 'proj', name: 'echo-eval', digest: 'd' });
    const scorerRefs = {
      exact: formatWeaveRef({ entity: 'me', project: 'proj', name: 'exact', digest: 'd1' }),
      length: formatWeaveRef({ entity: 'me', project: 'proj', name: 'length', digest: 'd2' }),
    };
    const dataset = [
      { text: 'a', expected: 'a' },
      { text: 'bb', expected: 'x' },
      { text: 'cccc', expected: 'cccc' },
    ];
    const progress: number[] = [];
    const result = await runEvaluation({
      client: api.client,
      weave,
      model: 'predictkit/echo',
      dataset,
      input: ({ text }) => ({ text }),
      scorers: {
        exact: ({ row, output }) => output === row.expected,
        length: ({ output }) => String(output).length,
      },
      evaluation,
      scorerRefs,
      concurrency: 2,
      onProgress: ({ done }) => progress.push(done),
    });
    expect(progress).toEqual([1, 2, 3]);
    expect(result.rows.map((r) => r.errors)).toEqual([[], [], []]);
    expect(result.summary).toMatchObject({
      exact: { true_count: 2, true_fraction: 2 / 3 },
      length: { mean: 7 / 3 },
    });
    const run = await getEvaluationRun(weave, result.evaluationRunId);
    expect(run).toMatchObject({ evaluation, model: result.model, summary: result.summary });
    expect(result.model).toMatch(/^weave:\/\/\/me\/proj\/object\/predictkit\.echo:/);
    const recorded = await collect(listWeavePredictions(weave, { evaluationRunId: result.evaluationRunId }));
    expect(recorded.map((p) => p.output).sort()).toEqual(['a', 'bb', 'cccc']);
    const scores = await collect(listScores(weave, { evaluationRunId: result.evaluationRunId }));
    expect(scores).toHaveLength(6);
    expect(
      scores
        .filter((s) => s.scorer === scorerRefs.exact)
        .map((s) => s.value)
        .sort(),
    ).toEqual([0, 1, 1]);
  });
  it('finishes a run stopped midway with the rows recorded so far, then rejects with the abort', async () => {
    const api = local();
    servers.push(api);
    const { weave } = weaveServer();
    const controller = new AbortController();
    const run = runEvaluation({
      client: api.client,
      weave,
      model: 'predictkit/echo',
      dataset: Array.from({ length: 8 }, (_, i) => ({ text: `row ${i}` })),
      scorers: { length: ({ output }) => String(output).length },
      evaluation: formatWeaveRef({ entity: 'me', project: 'proj', name: 'echo-eval', digest: 'd' }),
      scorerRefs: { length: formatWeaveRef({ entity: 'me', project: 'proj', name: 'length', digest: 'd' }) },
      concurrency: 1,
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const [listed] = await collect(listEvaluationRuns(weave));
    expect(listed!.status).not.toBe('running');
    expect(listed!.finished_at).toEqual(expect.any(String));
    expect(listed!.summary).toMatchObject({ length: { mean: 5 } });
  });
  it('lets go of a signal that outlives the run, so an app can pass one to many runs', async () => {
    const api = local();
    servers.push(api);
    const { weave } = weaveServer();
    const app = new AbortController();
    for (let i = 0; i < 2; i++) {
      await runEvaluation({
        client: api.client,
        weave,
        model: 'predictkit/echo',
        dataset: [{ text: 'a' }, { text: 'bb' }],
        scorers: { length: ({ output }) => String(output).length },
        evaluation: formatWeaveRef({ entity: 'me', project: 'proj', name: 'echo-eval', digest: 'd' }),
        scorerRefs: {
          length: formatWeaveRef({ entity: 'me', project: 'proj', name: 'length', digest: 'd' }),
        },
        signal: app.signal,
      });
    }
    expect(getEventListeners(app.signal, 'abort')).toHaveLength(0);
  });
  it('stops every row’s worker at the first that fails, then finishes the run and rejects with why', async () => {
    const api = local();
    servers.push(api);
    const { weave } = weaveServer();
    const run = runEvaluation({
      client: api.client,
      weave,
      model: 'predictkit/echo',
      dataset: Array.from({ length: 12 }, (_, i) => ({ text: `row ${i}`, delay_ms: 50 })),
      scorers: { length: ({ output }) => String(output).length },
      evaluation: formatWeaveRef({ entity: 'me', project: 'proj', name: 'echo-eval', digest: 'd' }),
      scorerRefs: { length: formatWeaveRef({ entity: 'me', project: 'proj', name: 'length', digest: 'd' }) },
      concurrency: 3,
      onProgress: ({ done }) => {
        if (done === 2) throw new Error('progress bar broke');
      },
    });
    await expect(run).rejects.toThrow('progress bar broke');
    // Time for the other workers to go on, had they not been stopped (12 rows take under a second).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [listed] = await collect(listEvaluationRuns(weave));
    expect(listed!.status).not.toBe('running');
    const recorded = await collect(
      listWeavePredictions(weave, { evaluationRunId: listed!.evaluation_run_id }),
    );
    // The rows under way when the first worker stopped, and no more: nothing runs after the finish.
    expect(recorded.length).toBeLessThanOrEqual(4);
    expect(count(api.sent, 'POST', '/v1/models/predictkit/echo/predictions')).toBeLessThanOrEqual(4);
  });
});
