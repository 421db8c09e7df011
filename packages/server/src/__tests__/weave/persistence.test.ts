import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type WeaveTestApi, weaveApi } from './weaveTestApi';

const dirs: string[] = [];
let api: WeaveTestApi | undefined;
afterEach(async () => {
  await api?.running.close();
  api = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('--data-dir on the Weave surface', () => {
  it('keeps models, runs, predictions and scores across a restart, and the same model keeps its ref', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'predictkit-weave-'));
    dirs.push(dataDir);
    api = await weaveApi({ dataDir });
    const fields = { name: 'Classifier', source_code: 'v1', description: 'first' };
    const model = (await api.send('POST', '/models', fields)).body;
    const ref = model.model_ref as string;
    const run = (await api.send('POST', '/evaluation_runs', { evaluation: ref, model: ref })).body
      .evaluation_run_id;
    const prediction = (
      await api.send('POST', '/predictions', {
        model: ref,
        inputs: { q: 1 },
        output: 'a',
        evaluation_run_id: run,
      })
    ).body.prediction_id;
    const score = (await api.send('POST', '/scores', { prediction_id: prediction, scorer: ref, value: 1 }))
      .body.score_id;
    await api.send('POST', `/evaluation_runs/${run}/finish`, { summary: { mean: 1 } });
    const before = {
      run: (await api.send('GET', `/evaluation_runs/${run}`)).body,
      prediction: (await api.send('GET', `/predictions/${prediction}`)).body,
      score: (await api.send('GET', `/scores/${score}`)).body,
      model: (await api.send('GET', `/models/${model.object_id}/versions/${model.digest}`)).body,
      predictions: await api.lines(`/predictions?evaluation_run_id=${run}`),
    };
    await api.running.close();

    api = await weaveApi({ dataDir });
    expect({
      run: (await api.send('GET', `/evaluation_runs/${run}`)).body,
      prediction: (await api.send('GET', `/predictions/${prediction}`)).body,
      score: (await api.send('GET', `/scores/${score}`)).body,
      model: (await api.send('GET', `/models/${model.object_id}/versions/${model.digest}`)).body,
      predictions: await api.lines(`/predictions?evaluation_run_id=${run}`),
    }).toEqual(before);
    expect((await api.send('POST', '/models', fields)).body).toEqual(model);
    expect((await api.send('POST', '/models', { ...fields, source_code: 'v2' })).body.version_index).toBe(1);
    // a new record comes after the old ones in a list
    const next = (await api.send('POST', '/predictions', { model: ref, inputs: {}, output: 'b' })).body
      .prediction_id;
    expect((await api.lines('/predictions')).map((p) => p.prediction_id)).toEqual([prediction, next]);
  });
});
