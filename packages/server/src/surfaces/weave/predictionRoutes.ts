import { Hono } from 'hono';
import { readJsonBody } from '../../http/readJsonBody';
import type { WeaveRecord } from '../../store/Store';
import { isoTimestamp } from '../../time';
import type { SurfaceDeps } from '../Surface';
import { listOfRun } from './listOfRun';
import { readQueryList } from './listQuery';
import { projectOf } from './projectOf';
import { WeaveBody } from './WeaveBody';
import { EVALUATION_RUN, found, PREDICTION } from './weaveRecords';

/** A prediction as the v2 read and list answer it (`PredictionReadRes`); the times stay inside. */
export function showPrediction({ id, data }: WeaveRecord) {
  return {
    prediction_id: id,
    model: data.model,
    inputs: data.inputs,
    output: data.output,
    evaluation_run_id: data.evaluation_run_id,
    wb_user_id: data.wb_user_id,
  };
}

/**
 * Weave's v2 predictions: a logged model call (model reference, inputs, output), optionally one of an
 * evaluation run's. Created and ended at once as the service's are; `finish` closes the run's
 * bookkeeping of it and can be repeated.
 */
export function predictionRoutes({ store, caller }: SurfaceDeps): Hono {
  const app = new Hono();
  const base = '/v2/:entity/:project/predictions';

  app.post(base, async (c) => {
    const project = projectOf(c);
    const body = new WeaveBody(await readJsonBody(c), ['model', 'inputs', 'output', 'evaluation_run_id']);
    const model = body.ref('model', { required: true });
    const inputs = body.record('inputs', { required: true });
    const output = body.any('output');
    const runId = body.text('evaluation_run_id') ?? null;
    body.done();
    if (runId !== null) found(store, EVALUATION_RUN, project, runId);
    const id = crypto.randomUUID();
    store.putWeave({
      kind: PREDICTION,
      project,
      id,
      group: runId,
      data: {
        model,
        inputs,
        output,
        evaluation_run_id: runId,
        wb_user_id: caller(c).id,
        created_at: isoTimestamp(),
        finished_at: null,
      },
    });
    return c.json({ prediction_id: id });
  });

  app.get(base, (c) => listOfRun(c, store, PREDICTION, showPrediction));

  app.delete(base, (c) => {
    const ids = readQueryList(c, 'prediction_ids', true) as string[];
    return c.json({ num_deleted: store.deleteWeave(PREDICTION, projectOf(c), { ids }) });
  });

  app.get(`${base}/:id`, (c) =>
    c.json(showPrediction(found(store, PREDICTION, projectOf(c), c.req.param('id')))),
  );

  app.post(`${base}/:id/finish`, (c) => {
    const record = found(store, PREDICTION, projectOf(c), c.req.param('id'));
    if (record.data.finished_at === null) {
      store.putWeave({ ...record, data: { ...record.data, finished_at: isoTimestamp() } });
    }
    return c.json({ success: true });
  });

  return app;
}
