import type { Client, Model, ModelDetails, ModelListParams, ModelRef, Page } from '@predictkit/core';
import { getModel, listModels, searchModels } from '@predictkit/core/catalog';
import type { InfiniteData } from '@tanstack/react-query';
import { modelKeys } from './modelKeys';
import {
  type PredictKitInfiniteQueryOptions,
  type PredictKitQueryOptions,
  tagKey,
} from './PredictKitQueryOptions';

export interface ModelsParams {
  /** Search text: a non-empty one searches (`GET /search/models`), where `sort` does not apply. */
  q?: string | undefined;
  sort?: ModelListParams['sortBy'] | undefined;
  direction?: ModelListParams['sortDirection'] | undefined;
  /** Category slugs; a model matches any of them. */
  categories?: string[] | undefined;
  pageSize?: number | undefined;
}

const retry = false;

/** A model with details; `version` is the one the reference names (`owner/name:N`), else the latest. */
export const modelQueryOptions = (
  client: Client,
  ref: string | ModelRef,
): PredictKitQueryOptions<ModelDetails, ReturnType<typeof modelKeys.detail>> => ({
  queryKey: tagKey<ModelDetails, ReturnType<typeof modelKeys.detail>>(modelKeys.detail(client, ref)),
  queryFn: ({ signal }) => getModel(client, ref, { signal }),
  retry,
});

/** Public models as cursor pages, or the results of a search when `q` is not empty. */
export const modelListQueryOptions = (
  client: Client,
  params: ModelsParams = {},
): PredictKitInfiniteQueryOptions<Page<Model>, ReturnType<typeof modelKeys.list>> => {
  const { q, sort, direction, ...page } = params;
  return {
    queryKey: tagKey<InfiniteData<Page<Model>, string | undefined>, ReturnType<typeof modelKeys.list>>(
      modelKeys.list(client, params),
    ),
    queryFn: ({ pageParam: cursor, signal }) =>
      q
        ? searchModels(client, q, { ...page, cursor, signal })
        : listModels(client, { ...page, sortBy: sort, sortDirection: direction, cursor, signal }),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.next_cursor,
    retry,
  };
};
