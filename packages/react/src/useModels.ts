'use client';

import type { Model, Page } from '@predictkit/core';
import { type InfiniteData, type UseInfiniteQueryResult, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type ModelsParams, modelListQueryOptions } from './modelQueryOptions';
import { usePredictKitClient } from './PredictKitProvider';

export type UseModelsResult = UseInfiniteQueryResult<InfiniteData<Page<Model>>> & {
  /** Every loaded page's models. */
  models: Model[];
};

/**
 * Public models as cursor pages, or a search's results when `q` is not empty; the last results
 * stay while the next load. The search endpoint cannot filter by category, so with `q` the hook
 * keeps only the results in one of `categories` itself (a page may then hold fewer models).
 */
export function useModels(params: ModelsParams = {}): UseModelsResult {
  const client = usePredictKitClient();
  const { q, categories } = params;
  const slugs = q && categories?.length ? categories.join('\n') : '';
  // One function per filter, so the selected pages keep their identity between renders.
  const select = useMemo(() => {
    if (!slugs) return undefined;
    const wanted = slugs.split('\n');
    return (data: InfiniteData<Page<Model>>) => ({
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        items: page.items.filter((model) => model.categories?.some((c) => wanted.includes(c.slug))),
      })),
    });
  }, [slugs]);
  const query = useInfiniteQuery({
    ...modelListQueryOptions(client, params),
    // The last results stay while the next load, but never another API's: keys start with
    // `['predictkit', baseUrl]`, and a switched client must not show the old catalogue.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === client.baseUrl ? previous : undefined,
    select,
  });
  const { data } = query;
  const models = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  return { ...query, models };
}
