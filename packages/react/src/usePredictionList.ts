'use client';

import { isTerminal, type Page, type PageParams, type PredictionListItem } from '@predictkit/core';
import {
  type InfiniteData,
  type UseInfiniteQueryResult,
  useInfiniteQuery,
  useQueries,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { acquireWatcher } from './acquireWatcher';
import { usePredictKitClient } from './PredictKitProvider';
import { predictionListQueryOptions, predictionQueryOptions } from './predictionQueryOptions';
import { useLatest } from './useLatest';
import { freshRow, unsureEnd } from './writePrediction';

export interface UsePredictionListOptions extends Omit<PageParams, 'cursor'> {
  /**
   * Keep rows that are not terminal up to date (each polled through the shared watchers): `true`
   * for every row, or a predicate choosing the rows worth a poller (the rows a view shows, say).
   * Default `false`.
   */
  live?: (boolean | ((row: PredictionListItem) => boolean)) | undefined;
  enabled?: boolean | undefined;
}

export type UsePredictionListResult = UseInfiniteQueryResult<InfiniteData<Page<PredictionListItem>>> & {
  /** Every loaded page's rows, newest first. */
  predictions: PredictionListItem[];
};

/**
 * The caller's predictions as cursor pages (`fetchNextPage`, `hasNextPage`). Predictions created
 * with `useCreatePrediction` go to the top without a refetch.
 */
export function usePredictionList({
  pageSize,
  live = false,
  enabled = true,
}: UsePredictionListOptions = {}): UsePredictionListResult {
  const client = usePredictKitClient();
  const qc = useQueryClient();
  const query = useInfiniteQuery({ ...predictionListQueryOptions(client, { pageSize }), enabled });
  const { data } = query;
  // A row that cannot tell how it ended (a cancel reads `failed` in WriftAI's lists) has its
  // prediction read once, as it never changes again; the row then shows that end.
  const unsure = useMemo(
    () => data?.pages.flatMap((page) => page.items.filter(unsureEnd).map((row) => row.id)) ?? [],
    [data],
  );
  const ends = useQueries({
    queries: unsure.map((id) => ({
      ...predictionQueryOptions(client, id),
      enabled,
      staleTime: Number.POSITIVE_INFINITY,
    })),
    combine: (results) => results.map((result) => result.data?.status).join(),
  });
  // A next page lands on the pages it started from: a row that finished meanwhile takes its end
  // from the detail cache again (`freshRow`).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `ends` says the detail cache that `freshRow` reads has the unsure rows' ends.
  const predictions = useMemo(
    () => data?.pages.flatMap((page) => page.items.map((row) => freshRow(qc, client, row))) ?? [],
    [data, qc, client, ends],
  );
  const watchedRows = predictions.filter(
    (row) => !isTerminal(row.status) && (typeof live === 'function' ? live(row) : live),
  );
  const watched = useLatest(watchedRows);
  // Keyed by the ids, not the rows or the predicate: an inline predicate, or a row's new snapshot,
  // changes nothing unless the set of watched rows does.
  const ids = watchedRows.map((row) => row.id).join();
  useEffect(() => {
    if (!ids) return;
    // Polled, not streamed: a page of running rows must not hold a connection each.
    const releases = watched.current.map((row) => acquireWatcher(qc, client, row, { stream: false }));
    return () => {
      for (const release of releases) release();
    };
  }, [ids, qc, client]);
  return { ...query, predictions };
}
