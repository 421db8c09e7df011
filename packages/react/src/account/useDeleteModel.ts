'use client';

import type { ModelRef } from '@predictkit/core';
import { deleteModel } from '@predictkit/core/account';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { usePredictKitClient } from '../PredictKitProvider';
import { forgetModel, modelText, refreshModelLists } from './writeModel';

/**
 * Deletes a model with its versions (`mutate('owner/name')`; WriftAI). Its details and version
 * lists leave the cache; the model lists are fetched again.
 */
export function useDeleteModel(): UseMutationResult<void, Error, string | ModelRef> {
  const client = usePredictKitClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (model: string | ModelRef) => deleteModel(client, model),
    onSuccess: (_nothing, model) => {
      forgetModel(qc, client, modelText(model));
      return refreshModelLists(qc, client);
    },
  });
}
