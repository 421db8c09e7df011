import { type Client, getPrediction, listPredictions, type PageParams } from '@predictkit/core';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { predictionKeys } from './predictionKeys';
import { freshRow } from './writePrediction';

// The client already retries what is worth retrying; Query's own retries would multiply them.
const retry = false;

/** One prediction (`GET /predictions/{id}`), for `useQuery`, `prefetchQuery` and `getQueryData`. */
export const predictionQueryOptions = <TInput = Record<string, unknown>, TOutput = unknown>(
  client: Client,
  id: string,
) =>
  queryOptions({
    queryKey: predictionKeys.detail(client, id),
    queryFn: ({ signal }) => getPrediction<TInput, TOutput>(client, id, { signal }),
    retry,
  });

/** The caller's predictions, newest first, as cursor pages for `useInfiniteQuery`. */
export const predictionListQueryOptions = (client: Client, params: Omit<PageParams, 'cursor'> = {}) =>
  infiniteQueryOptions({
    queryKey: predictionKeys.list(client, params),
    queryFn: async ({ pageParam, signal, client: qc }) => {
      const page = await listPredictions(client, { ...params, cursor: pageParam, signal });
      return { ...page, items: page.items.map((row) => freshRow(qc, client, row)) };
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor,
    retry,
  });
