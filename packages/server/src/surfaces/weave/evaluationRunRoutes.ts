import { Hono } from 'hono';
import { readJsonBody } from '../../http/readJsonBody';
import type { WeaveRecord } from '../../store/Store';
import { isoTimestamp } from '../../time';
import type { SurfaceDeps } from '../Surface';
import { jsonLinesResponse } from './jsonLinesResponse';
import { readLimitOffset, readQueryList } from './listQuery';
import { projectOf } from './projectOf';
import { WeaveBody } from './WeaveBody';
import { EVALUATION_RUN, found, PREDICTION, SCORE } from './weaveRecords';

/**
 * A run's status, in the words of the call it is at Weave (an `Evaluation.evaluate` call): running
 * until finished, then a success.
 */
export const RUN_STATUS = { running: 'running', finished: 'success' } as const;

/** An evaluation run as the v2 read and list answer it (`EvaluationRunReadRes`). */
export function showEvaluationRun({ id, data }: WeaveRecord) {
  return {
    evaluation_run_id: id,
    evaluation: data.evaluation,
    model: data.model,
    status: data.status,
    started_at: data.started_at,
    finished_at: data.finished_at,
    summary: data.summary,
  };
}

/**
 * Weave's v2 evaluation runs: an evaluation applied to a model, which predictions and scores join by
 * `evaluation_run_id`. Deleting a run deletes its predictions and scores, as deleting a call deletes
 * the calls under it.
 */
export function evaluationRunRoutes({ store, caller }: SurfaceDeps): Hono {
  const app = new Hono();
  const base = '/v2/:entity/:project/evaluation_runs';

  app.post(base, async (c) => {
    const body = new WeaveBody(await readJsonBody(c), ['evaluation', 'model']);
    const evaluation = body.ref('evaluation', { required: true });
    const model = body.ref('model', { required: true });
    body.done();
    const id = crypto.randomUUID();
    store.putWeave({
      kind: EVALUATION_RUN,
      project: projectOf(c),
      id,
      group: null,
      data: {
        evaluation,
        model,
        status: RUN_STATUS.running,
        started_at: isoTimestamp(),
        finished_at: null,
        summary: null,
        wb_user_id: caller(c).id,
      },
    });
    return c.json({ evaluation_run_id: id });
  });

  app.get(base, (c) => {
    const project = projectOf(c);
    const filters = (['evaluations', 'models', 'evaluation_run_ids'] as const).map((name) => {
      const values = readQueryList(c, name);
      return values && new Set(values);
    });
    const [evaluations, models, ids] = filters;
    return jsonLinesResponse(
      {
        batch: (after, limit) => store.listWeave({ kind: EVALUATION_RUN, project, after, limit }),
        keep: ({ id, data }) =>
          (!evaluations || evaluations.has(data.evaluation as string)) &&
          (!models || models.has(data.model as string)) &&
          (!ids || ids.has(id)),
        show: showEvaluationRun,
      },
      readLimitOffset(c),
    );
  });

  app.delete(base, (c) => {
    const project = projectOf(c);
    const ids = readQueryList(c, 'evaluation_run_ids', true) as string[];
    let deleted = 0;
    for (const id of new Set(ids)) {
      if (store.deleteWeave(EVALUATION_RUN, project, { ids: [id] }) === 0) continue;
      deleted++;
      store.deleteWeave(PREDICTION, project, { group: id });
      store.deleteWeave(SCORE, project, { group: id });
    }
    return c.json({ num_deleted: deleted });
  });

  app.get(`${base}/:id`, (c) =>
    c.json(showEvaluationRun(found(store, EVALUATION_RUN, projectOf(c), c.req.param('id')))),
  );

  app.post(`${base}/:id/finish`, async (c) => {
    const raw = await readJsonBody(c);
    let summary: Record<string, unknown> | null | undefined;
    // the body is optional: no body is no summary
    if (raw !== null) {
      const body = new WeaveBody(raw, ['summary']);
      summary = body.record('summary');
      body.done();
    }
    const record = found(store, EVALUATION_RUN, projectOf(c), c.req.param('id'));
    const { data } = record;
    store.putWeave({
      ...record,
      data: {
        ...data,
        status: RUN_STATUS.finished,
        finished_at: data.finished_at ?? isoTimestamp(),
        summary: summary ?? data.summary ?? {},
      },
    });
    return c.json({ success: true });
  });

  return app;
}
