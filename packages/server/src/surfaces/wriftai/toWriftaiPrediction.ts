import type { Prediction } from '@predictkit/core';
import type { PredictionRecord } from '../../store/Store';

/**
 * A prediction as WriftAI shows it: the record without what only other surfaces show. WriftAI has
 * no `aborted`: a prediction whose deadline passed before it started shows as `canceled`, its
 * error saying why.
 */
export function toWriftaiPrediction(record: PredictionRecord): Prediction {
  const { started_at, completed_at, deadline, deployment, ...prediction } = record;
  return prediction.status === 'aborted' ? { ...prediction, status: 'canceled' } : prediction;
}
