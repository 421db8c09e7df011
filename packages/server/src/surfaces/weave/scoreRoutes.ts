import { Hono } from 'hono';
import { HttpError } from '../../http/HttpError';
import { readJsonBody } from '../../http/readJsonBody';
import type { WeaveRecord } from '../../store/Store';
import { isoTimestamp } from '../../time';
import type { SurfaceDeps } from '../Surface';
import { listOfRun } from './listOfRun';
import { readQueryList } from './listQuery';
import { projectOf } from './projectOf';
import { WeaveBody } from './WeaveBody';
import { EVALUATION_RUN, found, PREDICTION, SCORE } from './weaveRecords';

/** A score as the v2 read and list answer it (`ScoreReadRes`: no `prediction_id`, as the service's). */
export function showScore({ id, data }: WeaveRecord) {
  return {
    score_id: id,
    scorer: data.scorer,
    value: data.value,
    evaluation_run_id: data.evaluation_run_id,
    wb_user_id: data.wb_user_id,
  };
}

/**
 * Weave's v2 scores: a scorer's number for one prediction. A score joins its prediction's evaluation
 * run unless it names one; naming another run than the prediction's is refused, since the service
 * files the score under the prediction's run.
 */
export function scoreRoutes({ store, caller }: SurfaceDeps): Hono {
  const app = new Hono();
  const base = '/v2/:entity/:project/scores';

  app.post(base, async (c) => {
    const project = projectOf(c);
    const body = new WeaveBody(await readJsonBody(c), [
      'prediction_id',
      'scorer',
      'value',
      'evaluation_run_id',
    ]);
    const predictionId = body.text('prediction_id', { required: true }) as string;
    const scorer = body.ref('scorer', { required: true });
    const value = body.number('value');
    const named = body.text('evaluation_run_id') ?? null;
    body.done();
    const prediction = found(store, PREDICTION, project, predictionId);
    const own = prediction.data.evaluation_run_id as string | null;
    if (named !== null && own !== null && named !== own) {
      throw new HttpError(422, [
        {
          loc: ['body', 'evaluation_run_id'],
          msg: `Value error, prediction ${predictionId} belongs to evaluation run ${own}`,
          type: 'value_error',
        },
      ]);
    }
    const runId = named ?? own;
    if (runId !== null) found(store, EVALUATION_RUN, project, runId);
    const id = crypto.randomUUID();
    store.putWeave({
      kind: SCORE,
      project,
      id,
      group: runId,
      data: {
        prediction_id: predictionId,
        scorer,
        value,
        evaluation_run_id: runId,
        wb_user_id: caller(c).id,
        created_at: isoTimestamp(),
      },
    });
    return c.json({ score_id: id });
  });

  app.get(base, (c) => listOfRun(c, store, SCORE, showScore));

  app.delete(base, (c) => {
    const ids = readQueryList(c, 'score_ids', true) as string[];
    return c.json({ num_deleted: store.deleteWeave(SCORE, projectOf(c), { ids }) });
  });

  app.get(`${base}/:id`, (c) => c.json(showScore(found(store, SCORE, projectOf(c), c.req.param('id')))));

  return app;
}
