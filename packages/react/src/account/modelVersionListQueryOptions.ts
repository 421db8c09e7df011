import type { Client, ModelRef, ModelVersion, Page } from '@predictkit/core';
import { listModelVersions } from '@predictkit/core/catalog';
import type { InfiniteData } from '@tanstack/react-query';
import { type PredictKitInfiniteQueryOptions, tagKey } from '../PredictKitQueryOptions';
import { modelVersionKeys } from './modelVersionKeys';
import type { PageSizeParams } from './userKeys';

/** A model's versions, newest first, as cursor pages (`listModelVersions`). */
export const modelVersionListQueryOptions = (
  client: Client,
  ref: string | ModelRef,
  params: PageSizeParams = {},
): PredictKitInfiniteQueryOptions<Page<ModelVersion>, ReturnType<typeof modelVersionKeys.list>> => ({
  queryKey: tagKey<
    InfiniteData<Page<ModelVersion>, string | undefined>,
    ReturnType<typeof modelVersionKeys.list>
  >(modelVersionKeys.list(client, ref, params)),
  queryFn: ({ pageParam: cursor, signal }) => listModelVersions(client, ref, { ...params, cursor, signal }),
  initialPageParam: undefined,
  getNextPageParam: (last) => last.next_cursor,
  // The client already retries what is worth retrying.
  retry: false,
});
