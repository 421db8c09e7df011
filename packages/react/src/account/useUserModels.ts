'use client';

import type { Model, Page } from '@predictkit/core';
import { type InfiniteData, type UseInfiniteQueryResult, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { usePredictKitClient } from '../PredictKitProvider';
import type { PageSizeParams } from './userKeys';
import { userModelListQueryOptions } from './userQueryOptions';

export type UseUserModelsResult = UseInfiniteQueryResult<InfiniteData<Page<Model>>> & {
  /** Every loaded page's models. */
  models: Model[];
};

/**
 * The token's user's models, private ones included, as cursor pages. The model mutations of this
 * entry keep it current: a model created, changed or deleted shows here without a manual refetch.
 */
export function useUserModels(params: PageSizeParams = {}): UseUserModelsResult {
  const client = usePredictKitClient();
  const query = useInfiniteQuery(userModelListQueryOptions(client, params));
  const { data } = query;
  const models = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  return { ...query, models };
}
