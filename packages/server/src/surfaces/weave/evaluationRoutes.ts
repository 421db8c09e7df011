import type { SurfaceDeps } from '../Surface';
import { type ObjectKind, objectRoutes } from './objectRoutes';

/** The store's kind of an evaluation's versions; their group is the evaluation's object id. */
export const EVALUATION = 'evaluation';

/**
 * Weave's evaluations (`EvaluationCreateBody`, `EvaluationCreateRes` with `evaluation_ref`,
 * `EvaluationReadRes`): a dataset and the scorers its runs apply. The references are checked for
 * their form only: the service does not look them up either. `scorers` left out or `null` is no
 * scorer (the read shows `[]`), and `trials` defaults to 1, so that those are one version. The
 * service refuses no number of trials; here one below 1, which no run could do, is refused.
 * The service also saves placeholder ops for `evaluate`, `predict_and_score` and `summarize`; none
 * is kept here, so their references are `null`, which the read allows.
 */
export const evaluationKind: ObjectKind = {
  kind: EVALUATION,
  path: 'evaluations',
  noun: 'Evaluation',
  fields: ['name', 'description', 'dataset', 'scorers', 'trials', 'evaluation_name', 'eval_attributes'],
  read: (body) => ({
    name: body.text('name', { required: true }),
    description: body.text('description') ?? null,
    dataset: body.ref('dataset', { required: true }),
    scorers: body.refs('scorers') ?? [],
    trials: body.whole('trials', 1) ?? 1,
    evaluation_name: body.text('evaluation_name') ?? null,
    eval_attributes: body.record('eval_attributes') ?? null,
  }),
  refField: 'evaluation_ref',
  show: ({ name, description, dataset, scorers, trials, evaluation_name }) => ({
    name,
    description,
    dataset,
    scorers,
    trials,
    evaluation_name,
    evaluate_op: null,
    predict_and_score_op: null,
    summarize_op: null,
  }),
};

/** Weave's v2 evaluations, versioned by content (see `objectRoutes`). */
export const evaluationRoutes = (deps: SurfaceDeps) => objectRoutes(deps, evaluationKind);
