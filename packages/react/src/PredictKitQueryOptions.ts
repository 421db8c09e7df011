import type { DataTag, InfiniteData, QueryFunction, QueryKey } from '@tanstack/react-query';

// These are written out rather than inferred from TanStack's `queryOptions`, whose result type has
// changed between minor versions: the published declarations name only types that every version
// the peer range allows has, and say what the data is.

/**
 * What a query-options factory returns: a plain object for `useQuery`, `useSuspenseQuery`,
 * `prefetchQuery` and `fetchQuery`, whose key is tagged with its data (`getQueryData(o.queryKey)`
 * is typed).
 */
export interface PredictKitQueryOptions<TData, TKey extends QueryKey> {
  queryKey: DataTag<TKey, TData, Error>;
  queryFn: QueryFunction<TData, TKey>;
  retry: false;
}

/** What an infinite-query-options factory returns, for `useInfiniteQuery` and `prefetchInfiniteQuery`. */
export interface PredictKitInfiniteQueryOptions<
  TPage,
  TKey extends QueryKey,
  TPageParam = string | undefined,
> {
  queryKey: DataTag<TKey, InfiniteData<TPage, TPageParam>, Error>;
  queryFn: QueryFunction<TPage, TKey, TPageParam>;
  initialPageParam: TPageParam;
  getNextPageParam: (lastPage: TPage) => TPageParam | null;
  retry: false;
}

/** A key as the options carry it, tagged with the data it holds (a type only: the array is unchanged). */
export const tagKey = <TData, TKey extends QueryKey>(key: TKey) => key as DataTag<TKey, TData, Error>;
