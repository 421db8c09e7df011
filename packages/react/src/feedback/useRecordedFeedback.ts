'use client';

import { useQuery } from '@tanstack/react-query';
import { usePredictKitClient } from '../PredictKitProvider';
import { feedbackKey } from './feedbackKey';

/** The feedback recorded on a prediction, by scorer: `{ thumbs: 1, rating: 4 }`. */
export type RecordedFeedback = Record<string, number>;

const nothing = (): RecordedFeedback => ({});

/**
 * What this app recorded on a prediction with `useScorePrediction` (nothing is read from the
 * server: the proxy keeps no scores), e.g. as `PredictionFeedback`'s `defaultValue` when a person
 * comes back to a prediction. `{}` until something is recorded.
 */
export function useRecordedFeedback(predictionId: string | undefined): RecordedFeedback {
  const client = usePredictKitClient();
  const { data } = useQuery({
    queryKey: feedbackKey(client, predictionId ?? ''),
    queryFn: nothing,
    enabled: !!predictionId,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return data ?? {};
}
