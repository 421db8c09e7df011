'use client';

import type { ModelRef, ModelVersion, Page } from '@predictkit/core';
import { type InfiniteData, type UseInfiniteQueryResult, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { usePredictKitClient } from '../PredictKitProvider';
import { modelVersionListQueryOptions } from './modelVersionListQueryOptions';
import type { PageSizeParams } from './userKeys';

export type UseModelVersionsResult = UseInfiniteQueryResult<InfiniteData<Page<ModelVersion>>> & {
  /** Every loaded page's versions, newest first (without their schemas, as the API lists them). */
  versions: ModelVersion[];
};

/** A model's versions as cursor pages; `null` or `undefined` waits. */
export function useModelVersions(
  ref: string | ModelRef | null | undefined,
  params: PageSizeParams = {},
): UseModelVersionsResult {
  const client = usePredictKitClient();
  const query = useInfiniteQuery({
    ...modelVersionListQueryOptions(client, ref ?? '', params),
    enabled: !!ref,
  });
  const { data } = query;
  const versions = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  return { ...query, versions };
}
