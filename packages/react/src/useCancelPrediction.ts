'use client';

import { cancelPrediction, type Prediction } from '@predictkit/core';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { usePredictKitClient } from './PredictKitProvider';
import { setMeta, writePrediction } from './writePrediction';

/**
 * Asks the server to cancel a prediction (`mutate(id)`). Its observers show `'canceling'` until the
 * server confirms a terminal status; a finished prediction gives a `409` `ApiError` and is left as it was.
 */
export function useCancelPrediction<TInput = Record<string, unknown>, TOutput = unknown>(): UseMutationResult<
  Prediction<TInput, TOutput>,
  Error,
  string
> {
  const client = usePredictKitClient();
  const qc = useQueryClient();
  return useMutation({
    // The client retries a cancel itself (it is safe to repeat): the app's defaults would multiply them.
    retry: false,
    mutationFn: (id: string) => cancelPrediction<TInput, TOutput>(client, id),
    onMutate: (id) => {
      setMeta(qc, client, id, { canceling: true });
    },
    onSuccess: (prediction) => writePrediction(qc, client, prediction),
    onError: (_error, id) => {
      setMeta(qc, client, id, { canceling: false });
    },
  });
}
