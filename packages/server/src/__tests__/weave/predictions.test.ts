import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_USER } from '../../localUser';
import { type WeaveTestApi, weaveApi } from './weaveTestApi';

let api: WeaveTestApi | undefined;
afterEach(async () => {
  await api?.running.close();
  api = undefined;
});

describe('Weave predictions', () => {
  it('creates, reads, finishes and deletes one, in its project only', async () => {
    api = await weaveApi();
    const model = await api.model();
    const created = await api.send('POST', '/predictions', {
      model,
      inputs: { text: 'hi' },
      output: ['a', 1],
    });
    expect(created.status).toBe(200);
    const id = created.body.prediction_id as string;
    const read = await api.send('GET', `/predictions/${id}`);
    expect(read).toMatchObject({ status: 200 });
    expect(read.body).toEqual({
      prediction_id: id,
      model,
      inputs: { text: 'hi' },
      output: ['a', 1],
      evaluation_run_id: null,
      wb_user_id: LOCAL_USER.id,
    });
    const elsewhere = await fetch(`${api.url}/weave/v2/acme/other/predictions/${id}`);
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toEqual({ detail: `Prediction ${id} not found` });

    for (let i = 0; i < 2; i++) {
      expect(await api.send('POST', `/predictions/${id}/finish`)).toMatchObject({
        status: 200,
        body: { success: true },
      });
    }
    const deleted = await api.send('DELETE', `/predictions?prediction_ids=${id}&prediction_ids=nope`);
    expect(deleted.body).toEqual({ num_deleted: 1 });
    expect((await api.send('GET', `/predictions/${id}`)).status).toBe(404);
    expect((await api.send('POST', `/predictions/${id}/finish`)).status).toBe(404);
  });

  it('takes any JSON output, null included, but not a missing one or a model that is no object reference', async () => {
    api = await weaveApi();
    const model = await api.model();
    expect((await api.send('POST', '/predictions', { model, inputs: {}, output: null })).status).toBe(200);
    const refused = await api.send('POST', '/predictions', {
      model: 'weave:///acme/evals/op/predict:abc',
      inputs: {},
      extra: true,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toEqual([
      { loc: ['body', 'extra'], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' },
      {
        loc: ['body', 'model'],
        msg: 'Value error, expected a reference weave:///{entity}/{project}/object/{name}:{digest}',
        type: 'value_error',
      },
      { loc: ['body', 'output'], msg: 'Field required', type: 'missing' },
    ]);
    expect((await api.send('POST', '/predictions', [model])).body.detail).toEqual([
      {
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        type: 'model_attributes_type',
      },
    ]);
  });

  it('links one to an evaluation run that exists, and lists a run’s alone', async () => {
    api = await weaveApi();
    const model = await api.model();
    const run = (await api.send('POST', '/evaluation_runs', { evaluation: model, model })).body
      .evaluation_run_id as string;
    const missing = await api.send('POST', '/predictions', {
      model,
      inputs: {},
      output: 1,
      evaluation_run_id: 'no-such-run',
    });
    expect(missing).toMatchObject({ status: 404, body: { detail: 'Evaluation run no-such-run not found' } });
    const ids: string[] = [];
    for (const runId of [run, null, run]) {
      const { body } = await api.send('POST', '/predictions', {
        model,
        inputs: {},
        output: 1,
        evaluation_run_id: runId,
      });
      ids.push(body.prediction_id as string);
    }
    expect((await api.lines(`/predictions?evaluation_run_id=${run}`)).map((p) => p.prediction_id)).toEqual([
      ids[0],
      ids[2],
    ]);
    expect((await api.lines('/predictions')).map((p) => p.prediction_id)).toEqual(ids);
  });

  it('refuses a delete that names no prediction', async () => {
    api = await weaveApi();
    const refused = await api.send('DELETE', '/predictions');
    expect(refused).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ['query', 'prediction_ids'], msg: 'Field required', type: 'missing' }] },
    });
  });
});
