import { PredictionFeedback } from '@predictkit/components';
import type { Prediction } from '@predictkit/core';
import { useRecordedFeedback, useScorePrediction } from '@predictkit/react/feedback';
import { useSettings } from './settings';

/**
 * Thumbs and a 1–5 rating on a prediction that succeeded, recorded in Weave as scores through the
 * playground's server; shown only while logging to Weave (Settings).
 */
export function FeedbackControl({ prediction }: { prediction: Prediction }) {
  const { weave } = useSettings();
  const score = useScorePrediction();
  const recorded = useRecordedFeedback(prediction.id);
  if (!weave || prediction.status !== 'succeeded') return null;
  return (
    <PredictionFeedback
      className="card feedback-card"
      predictionId={prediction.id}
      rating
      label="Was this useful?"
      defaultValue={recorded}
      onScore={({ kind, value }) => score.mutateAsync({ predictionId: prediction.id, scorer: kind, value })}
    />
  );
}
