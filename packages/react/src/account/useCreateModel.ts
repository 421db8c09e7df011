'use client';

import type { Model, ModelFields } from '@predictkit/core';
import { createModel } from '@predictkit/core/account';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { usePredictKitClient } from '../PredictKitProvider';
import { refreshModelLists, writeModel } from './writeModel';

/**
 * Creates a model owned by the token's user (`mutate(fields)`; WriftAI). The answer seeds the
 * model's detail query, and the model lists (the user's, and searches) are fetched again.
 */
export function useCreateModel(): UseMutationResult<Model, Error, ModelFields> {
  const client = usePredictKitClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (fields: ModelFields) => createModel(client, fields),
    // Returned, so the mutation is pending until the lists shown have the new model.
    onSuccess: (model) => {
      writeModel(qc, client, model);
      return refreshModelLists(qc, client);
    },
  });
}
