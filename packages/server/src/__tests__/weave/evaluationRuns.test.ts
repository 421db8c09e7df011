import { afterEach, describe, expect, it } from 'vitest';
import { type WeaveTestApi, weaveApi } from './weaveTestApi';

let api: WeaveTestApi | undefined;
afterEach(async () => {
  await api?.running.close();
  api = undefined;
});

describe('Weave evaluation runs', () => {
  it('creates one running, and finishes it with its summary', async () => {
    api = await weaveApi();
    const model = await api.model();
    const evaluation = await api.model('Quiz');
    const created = await api.send('POST', '/evaluation_runs', { evaluation, model });
    expect(created.status).toBe(200);
    const id = created.body.evaluation_run_id as string;
    const running = (await api.send('GET', `/evaluation_runs/${id}`)).body;
    expect(running).toMatchObject({
      evaluation_run_id: id,
      evaluation,
      model,
      status: 'running',
      finished_at: null,
      summary: null,
    });
    expect(Date.parse(running.started_at as string)).not.toBeNaN();

    const summary = { accuracy: { mean: 0.75 } };
    expect(await api.send('POST', `/evaluation_runs/${id}/finish`, { summary })).toMatchObject({
      status: 200,
      body: { success: true },
    });
    const finished = (await api.send('GET', `/evaluation_runs/${id}`)).body;
    expect(finished).toMatchObject({ status: 'success', summary });
    expect(Date.parse(finished.finished_at as string)).toBeGreaterThanOrEqual(
      Date.parse(running.started_at as string),
    );
    // finishing again without a body keeps what it had
    expect((await api.send('POST', `/evaluation_runs/${id}/finish`)).status).toBe(200);
    expect((await api.send('GET', `/evaluation_runs/${id}`)).body).toEqual(finished);
  });

  it('refuses references that are not to objects, and a summary that is no object', async () => {
    api = await weaveApi();
    const refused = await api.send('POST', '/evaluation_runs', { evaluation: 'quiz', model: 42 });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatchObject([
      { loc: ['body', 'evaluation'], type: 'value_error' },
      { loc: ['body', 'model'], type: 'string_type' },
    ]);
    const model = await api.model();
    const id = (await api.send('POST', '/evaluation_runs', { evaluation: model, model })).body
      .evaluation_run_id;
    expect((await api.send('POST', `/evaluation_runs/${id}/finish`, { summary: [1] })).body.detail).toEqual([
      { loc: ['body', 'summary'], msg: 'Input should be a valid dictionary', type: 'dict_type' },
    ]);
    expect((await api.send('POST', '/evaluation_runs/missing/finish', {})).status).toBe(404);
  });

  it('lists by evaluation, model and id, and pages the filtered list', async () => {
    api = await weaveApi();
    const [a, b] = [await api.model('A'), await api.model('B')];
    const quiz = await api.model('Quiz');
    const ids: string[] = [];
    for (const model of [a, b, a, b, a]) {
      ids.push(
        (await api.send('POST', '/evaluation_runs', { evaluation: quiz, model })).body
          .evaluation_run_id as string,
      );
    }
    const idsOf = async (query: string) =>
      (await api?.lines(`/evaluation_runs${query}`))?.map((r) => r.evaluation_run_id);
    expect(await idsOf('')).toEqual(ids);
    expect(await idsOf(`?models=${encodeURIComponent(a)}`)).toEqual([ids[0], ids[2], ids[4]]);
    expect(await idsOf(`?models=${encodeURIComponent(a)}&offset=1&limit=1`)).toEqual([ids[2]]);
    expect(await idsOf(`?evaluations=${encodeURIComponent(a)}`)).toEqual([]);
    expect(await idsOf(`?evaluation_run_ids=${ids[1]}&evaluation_run_ids=${ids[3]}`)).toEqual([
      ids[1],
      ids[3],
    ]);
  });

  it('deletes a run with its predictions and scores', async () => {
    api = await weaveApi();
    const model = await api.model();
    const run = (await api.send('POST', '/evaluation_runs', { evaluation: model, model })).body
      .evaluation_run_id;
    const prediction = (
      await api.send('POST', '/predictions', { model, inputs: {}, output: 1, evaluation_run_id: run })
    ).body.prediction_id;
    const loose = (await api.send('POST', '/predictions', { model, inputs: {}, output: 2 })).body
      .prediction_id;
    await api.send('POST', '/scores', { prediction_id: prediction, scorer: model, value: 1 });
    const deleted = await api.send(
      'DELETE',
      `/evaluation_runs?evaluation_run_ids=${run}&evaluation_run_ids=${run}`,
    );
    expect(deleted.body).toEqual({ num_deleted: 1 });
    expect((await api.send('GET', `/evaluation_runs/${run}`)).status).toBe(404);
    expect((await api.send('GET', `/predictions/${prediction}`)).status).toBe(404);
    expect(await api.lines('/scores')).toEqual([]);
    expect((await api.lines('/predictions')).map((p) => p.prediction_id)).toEqual([loose]);
  });
});
