'use client';

import { type ModelRef, parseModelRef } from '@predictkit/core';
import { deleteModelVersion } from '@predictkit/core/account';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { modelKeys } from '../modelKeys';
import { usePredictKitClient } from '../PredictKitProvider';
import { modelText, refreshModel } from './writeModel';

/**
 * Deletes one version (`mutate('owner/name:N')`; WriftAI). Its detail query leaves the cache; the
 * model's other details, its version lists and the model lists are fetched again.
 */
export function useDeleteModelVersion(): UseMutationResult<void, Error, string | ModelRef> {
  const client = usePredictKitClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: string | ModelRef) => deleteModelVersion(client, version),
    onSuccess: (_nothing, version) => {
      qc.removeQueries({ queryKey: modelKeys.detail(client, parseModelRef(version)), exact: true });
      return refreshModel(qc, client, modelText(version));
    },
  });
}
