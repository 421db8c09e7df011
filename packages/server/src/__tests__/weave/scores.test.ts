import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../localUser';
import { type WeaveTestApi, weaveApi } from './weaveTestApi';

let api: WeaveTestApi | undefined;
afterEach(async () => {
  await api?.running.close();
  api = undefined;
});

describe('Weave scores', () => {
  it('creates, reads, lists and deletes one', async () => {
    api = await weaveApi();
    const model = await api.model();
    const scorer = await api.model('exact_match', 'def score(output, target): ...');
    const prediction = (await api.send('POST', '/predictions', { model, inputs: {}, output: 'x' })).body
      .prediction_id;
    const created = await api.send('POST', '/scores', { prediction_id: prediction, scorer, value: 0.5 });
    expect(created.status).toBe(200);
    const id = created.body.score_id as string;
    const score = { score_id: id, scorer, value: 0.5, evaluation_run_id: null, wb_user_id: LOCAL_USER.id };
    expect((await api.send('GET', `/scores/${id}`)).body).toEqual(score);
    expect(await api.lines('/scores')).toEqual([score]);
    expect((await api.send('DELETE', `/scores?score_ids=${id}`)).body).toEqual({ num_deleted: 1 });
    expect(await api.send('GET', `/scores/${id}`)).toMatchObject({
      status: 404,
      body: { detail: `Score ${id} not found` },
    });
  });

  it('joins its prediction’s run, refuses another run, and lists a run’s scores', async () => {
    api = await weaveApi();
    const model = await api.model();
    const [run, other] = [
      (await api.send('POST', '/evaluation_runs', { evaluation: model, model })).body.evaluation_run_id,
      (await api.send('POST', '/evaluation_runs', { evaluation: model, model })).body.evaluation_run_id,
    ];
    const inRun = (
      await api.send('POST', '/predictions', { model, inputs: {}, output: 1, evaluation_run_id: run })
    ).body.prediction_id;
    const loose = (await api.send('POST', '/predictions', { model, inputs: {}, output: 1 })).body
      .prediction_id;
    const joined = (await api.send('POST', '/scores', { prediction_id: inRun, scorer: model, value: 1 })).body
      .score_id;
    expect((await api.send('GET', `/scores/${joined}`)).body.evaluation_run_id).toBe(run);
    const refused = await api.send('POST', '/scores', {
      prediction_id: inRun,
      scorer: model,
      value: 1,
      evaluation_run_id: other,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatchObject([{ loc: ['body', 'evaluation_run_id'], type: 'value_error' }]);
    const named = (
      await api.send('POST', '/scores', {
        prediction_id: loose,
        scorer: model,
        value: 2,
        evaluation_run_id: other,
      })
    ).body.score_id;
    expect((await api.lines(`/scores?evaluation_run_id=${run}`)).map((s) => s.score_id)).toEqual([joined]);
    expect((await api.lines(`/scores?evaluation_run_id=${other}`)).map((s) => s.score_id)).toEqual([named]);
  });

  it('takes a number for a value, and answers 404 for a prediction that is not there', async () => {
    api = await weaveApi();
    const model = await api.model();
    const refused = await api.send('POST', '/scores', { prediction_id: 'p', scorer: model, value: true });
    expect(refused.body.detail).toEqual([
      { loc: ['body', 'value'], msg: 'Input should be a valid number', type: 'float_type' },
    ]);
    expect(await api.send('POST', '/scores', { prediction_id: 'p', scorer: model, value: 1 })).toMatchObject({
      status: 404,
      body: { detail: 'Prediction p not found' },
    });
  });
});
