'use client';

import type { Model, ModelFields, ModelRef } from '@predictkit/core';
import { updateModel } from '@predictkit/core/account';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { usePredictKitClient } from '../PredictKitProvider';
import { forgetModel, modelText, refreshModelLists, writeModel } from './writeModel';

export interface UpdateModelVariables {
  /** `owner/name`, without a version. */
  model: string | ModelRef;
  /** The fields to change, and only those (`null` clears one). */
  fields: Partial<ModelFields>;
}

/**
 * Changes a model (`mutate({ model, fields })`; WriftAI). The answer replaces the model in its
 * detail queries; the model lists are fetched again. A renamed model's old name leaves the cache.
 */
export function useUpdateModel(): UseMutationResult<Model, Error, UpdateModelVariables> {
  const client = usePredictKitClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ model, fields }: UpdateModelVariables) => updateModel(client, model, fields),
    onSuccess: (updated, { model }) => {
      const was = modelText(model);
      if (was !== `${updated.owner.username}/${updated.name}`) forgetModel(qc, client, was);
      writeModel(qc, client, updated);
      return refreshModelLists(qc, client);
    },
  });
}
