'use client';

import { type Feedback, type FeedbackRecorded, sendFeedback } from '@predictkit/core/feedback';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { usePredictKitClient } from '../PredictKitProvider';
import { feedbackKey } from './feedbackKey';
import type { RecordedFeedback } from './useRecordedFeedback';

/**
 * Records a person's feedback on a finished prediction through the app's proxy
 * (`mutate({ predictionId, scorer: 'thumbs', value: 1 })`), which hands it to its score sinks
 * (Weave). Resolves once recorded; what was recorded is kept for `useRecordedFeedback`. Pairs with
 * `PredictionFeedback`: `onScore={(s) => mutateAsync({ predictionId, scorer: s.kind, value: s.value })}`.
 */
export function useScorePrediction(): UseMutationResult<FeedbackRecorded, Error, Feedback> {
  const client = usePredictKitClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (feedback: Feedback) => sendFeedback(client, feedback),
    onSuccess: ({ scorer, value }, { predictionId }) => {
      qc.setQueryData<RecordedFeedback>(feedbackKey(client, predictionId), (old) => ({
        ...old,
        [scorer]: value,
      }));
    },
  });
}
