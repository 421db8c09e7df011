import { formatModelRef, type ModelRef } from '@predictkit/core';
import type { ModelsParams } from './modelQueryOptions';
import type { KeyClient } from './predictionKeys';

const all = (client: KeyClient) => ['predictkit', client.baseUrl, 'models'] as const;

/** Query keys of models, per client as `predictionKeys` are: a reference's key is its `owner/name[:N]` text. */
export const modelKeys = {
  all,
  lists: (client: KeyClient) => [...all(client), 'list'] as const,
  list: (client: KeyClient, params: ModelsParams = {}) => [...all(client), 'list', params] as const,
  details: (client: KeyClient) => [...all(client), 'detail'] as const,
  detail: (client: KeyClient, ref: string | ModelRef) =>
    [...all(client), 'detail', typeof ref === 'string' ? ref : formatModelRef(ref)] as const,
};
