'use client';

import type { ModelRef, ModelVersion, ModelVersionFields } from '@predictkit/core';
import { createModelVersion } from '@predictkit/core/account';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { usePredictKitClient } from '../PredictKitProvider';
import { modelText, refreshModel } from './writeModel';

export interface CreateModelVersionVariables {
  /** `owner/name`, without a version. */
  model: string | ModelRef;
  fields: ModelVersionFields;
}

/**
 * Adds a version to a model (`mutate({ model, fields })`; WriftAI). The model's details (their
 * `latest_version`), its version lists and the model lists are fetched again.
 */
export function useCreateModelVersion(): UseMutationResult<ModelVersion, Error, CreateModelVersionVariables> {
  const client = usePredictKitClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ model, fields }: CreateModelVersionVariables) => createModelVersion(client, model, fields),
    onSuccess: (_version, { model }) => refreshModel(qc, client, modelText(model)),
  });
}
