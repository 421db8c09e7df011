import type { PageParams } from '@predictkit/core';

const all = ['predictkit', 'predictions'] as const;

/** Query keys of predictions, for `invalidateQueries`, `setQueryData` and prefetching. */
export const predictionKeys = {
  all,
  lists: () => [...all, 'list'] as const,
  list: (params: Omit<PageParams, 'cursor'> = {}) => [...all, 'list', params] as const,
  details: () => [...all, 'detail'] as const,
  detail: (id: string) => [...all, 'detail', id] as const,
};
