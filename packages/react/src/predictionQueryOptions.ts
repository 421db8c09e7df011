import {
  type Client,
  getPrediction,
  listPredictions,
  type Page,
  type Prediction,
  type PredictionListItem,
} from '@predictkit/core';
import type { InfiniteData } from '@tanstack/react-query';
import {
  type PredictKitInfiniteQueryOptions,
  type PredictKitQueryOptions,
  tagKey,
} from './PredictKitQueryOptions';
import { type PredictionListParams, predictionKeys } from './predictionKeys';
import { freshRow } from './writePrediction';

// The client already retries what is worth retrying; Query's own retries would multiply them.
const retry = false;

/** One prediction (`GET /predictions/{id}`), for `useQuery`, `prefetchQuery` and `getQueryData`. */
export const predictionQueryOptions = <TInput = Record<string, unknown>, TOutput = unknown>(
  client: Client,
  id: string,
): PredictKitQueryOptions<Prediction<TInput, TOutput>, ReturnType<typeof predictionKeys.detail>> => ({
  queryKey: tagKey<Prediction<TInput, TOutput>, ReturnType<typeof predictionKeys.detail>>(
    predictionKeys.detail(client, id),
  ),
  queryFn: ({ signal }) => getPrediction<TInput, TOutput>(client, id, { signal }),
  retry,
});

/** The caller's predictions, newest first, as cursor pages for `useInfiniteQuery`. */
export const predictionListQueryOptions = (
  client: Client,
  params: PredictionListParams = {},
): PredictKitInfiniteQueryOptions<Page<PredictionListItem>, ReturnType<typeof predictionKeys.list>> => ({
  queryKey: tagKey<
    InfiniteData<Page<PredictionListItem>, string | undefined>,
    ReturnType<typeof predictionKeys.list>
  >(predictionKeys.list(client, params)),
  queryFn: async ({ pageParam, signal, client: qc }) => {
    const page = await listPredictions(client, { ...params, cursor: pageParam, signal });
    return { ...page, items: page.items.map((row) => freshRow(qc, client, row)) };
  },
  initialPageParam: undefined,
  getNextPageParam: (page) => page.next_cursor,
  retry,
});
