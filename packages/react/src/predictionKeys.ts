import type { Client, PageParams } from '@predictkit/core';

/** Which API a key belongs to: clients on other base URLs (another server, the playground's target) never share cache. */
export type KeyClient = Pick<Client, 'baseUrl'>;

const all = (client: KeyClient) => ['predictkit', client.baseUrl, 'predictions'] as const;

/**
 * Query keys of predictions, for `invalidateQueries`, `setQueryData` and prefetching. Each starts
 * with `['predictkit', client.baseUrl]`; `['predictkit']` matches every client's.
 */
export const predictionKeys = {
  all,
  lists: (client: KeyClient) => [...all(client), 'list'] as const,
  list: (client: KeyClient, params: Omit<PageParams, 'cursor'> = {}) =>
    [...all(client), 'list', params] as const,
  details: (client: KeyClient) => [...all(client), 'detail'] as const,
  detail: (client: KeyClient, id: string) => [...all(client), 'detail', id] as const,
};
