import type { Prediction } from '@predictkit/core';
import type { PredictionRecord } from '../../store/Store';

/**
 * WriftAI's prediction: PredictKit's, plus `url`, which the official clients' types still declare
 * although the service's changelog says it was dropped; the local server sends it (its get URL).
 */
export type WriftaiPrediction = Prediction & { url: string };

/**
 * A prediction as WriftAI shows it: the record without what only other surfaces show. WriftAI's
 * statuses end at `succeeded` or `failed`, and its official clients wait for nothing else, so a
 * canceled (or, past its deadline, aborted) prediction shows as `failed`, its error marked
 * `detail: { canceled: true }`: the marker PredictKit's client reads back as `canceled`.
 */
export function toWriftaiPrediction(record: PredictionRecord): WriftaiPrediction {
  const { started_at, completed_at, deadline, deployment, ...rest } = record;
  const prediction = { ...rest, url: rest.urls?.get ?? `/v1/predictions/${rest.id}` };
  if (prediction.status !== 'canceled' && prediction.status !== 'aborted') return prediction;
  // A plain cancel reads as the service words it; a deadline keeps its own explanation.
  const message = record.deadline == null ? 'Canceled.' : (prediction.error?.message ?? 'Canceled.');
  return {
    ...prediction,
    status: 'failed',
    error: { source: 'external', message, detail: { canceled: true } },
  };
}
