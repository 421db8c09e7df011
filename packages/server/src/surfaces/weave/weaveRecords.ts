import { notFound } from '../../http/HttpError';
import type { Store, WeaveRecord } from '../../store/Store';

/** The store's kinds of the Weave surface's records, besides object versions (named by their kind). */
export const PREDICTION = 'prediction';
export const SCORE = 'score';
export const EVALUATION_RUN = 'evaluation_run';

const NAMES: Record<string, string> = {
  [PREDICTION]: 'Prediction',
  [SCORE]: 'Score',
  [EVALUATION_RUN]: 'Evaluation run',
};

/** A record of the project, or the `404` Weave's server answers (its `NotFoundError`). */
export function found(store: Store, kind: string, project: string, id: string): WeaveRecord {
  const record = store.getWeave(kind, project, id);
  if (!record) throw notFound(`${NAMES[kind] ?? kind} ${id} not found`);
  return record;
}
