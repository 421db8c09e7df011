import type { Model, Page } from '@predictkit/core';
import {
  type InfiniteData,
  keepPreviousData,
  type UseInfiniteQueryResult,
  useInfiniteQuery,
} from '@tanstack/react-query';
import { useMemo } from 'react';
import { type ModelsParams, modelListQueryOptions } from './modelQueryOptions';
import { usePredictKitClient } from './PredictKitProvider';

export type UseModelsResult = UseInfiniteQueryResult<InfiniteData<Page<Model>>> & {
  /** Every loaded page's models. */
  models: Model[];
};

/** Public models as cursor pages, or a search's results when `q` is not empty; the last results stay while the next load. */
export function useModels(params: ModelsParams = {}): UseModelsResult {
  const client = usePredictKitClient();
  const query = useInfiniteQuery({
    ...modelListQueryOptions(client, params),
    placeholderData: keepPreviousData,
  });
  const { data } = query;
  const models = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  return { ...query, models };
}
