import type { Client, PageParams } from '@predictkit/core';

/** Which API a key belongs to: clients on other base URLs (another server, the playground's target) never share cache. */
export type KeyClient = Pick<Client, 'baseUrl'>;

/** What a list of predictions is keyed by: its page size (the cursor is the page param). */
export type PredictionListParams = Omit<PageParams, 'cursor'>;

// The key types are written out, so the published declarations say `string` where a key holds the
// client's `baseUrl`, whatever the declaration emitter would have inferred.
type PredictionsKey = readonly ['predictkit', string, 'predictions'];

const all = (client: KeyClient): PredictionsKey => ['predictkit', client.baseUrl, 'predictions'];

/**
 * Query keys of predictions, for `invalidateQueries`, `setQueryData` and prefetching. Each starts
 * with `['predictkit', client.baseUrl]`; `['predictkit']` matches every client's.
 */
export const predictionKeys = {
  all,
  lists: (client: KeyClient): readonly [...PredictionsKey, 'list'] => [...all(client), 'list'],
  list: (
    client: KeyClient,
    params: PredictionListParams = {},
  ): readonly [...PredictionsKey, 'list', PredictionListParams] => [...all(client), 'list', params],
  details: (client: KeyClient): readonly [...PredictionsKey, 'detail'] => [...all(client), 'detail'],
  detail: (client: KeyClient, id: string): readonly [...PredictionsKey, 'detail', string] => [
    ...all(client),
    'detail',
    id,
  ],
};
