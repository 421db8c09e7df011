'use client';

import type { JsonSchema, ModelDetails, ModelRef, ModelVersion } from '@predictkit/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { modelQueryOptions } from './modelQueryOptions';
import { usePredictKitClient } from './PredictKitProvider';

export type UseModelResult = UseQueryResult<ModelDetails> & {
  model: ModelDetails | undefined;
  /** The version the reference names: N for `owner/name:N`, else the latest. */
  version: ModelVersion | undefined;
  inputSchema: JsonSchema | undefined;
  outputSchema: JsonSchema | undefined;
};

/** A model and its chosen version's schemas; `null` or `undefined` waits. */
export function useModel(ref: string | ModelRef | null | undefined): UseModelResult {
  const client = usePredictKitClient();
  const query = useQuery({ ...modelQueryOptions(client, ref ?? ''), enabled: !!ref });
  const version = query.data?.version ?? undefined;
  const schemas = version?.schemas?.prediction;
  return { ...query, model: query.data, version, inputSchema: schemas?.input, outputSchema: schemas?.output };
}
