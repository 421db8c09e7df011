import { formatModelRef, type ModelRef } from '@predictkit/core';
import type { ModelsParams } from './modelQueryOptions';
import type { KeyClient } from './predictionKeys';

type ModelsKey = readonly ['predictkit', string, 'models'];

const all = (client: KeyClient): ModelsKey => ['predictkit', client.baseUrl, 'models'];

/** Query keys of models, per client as `predictionKeys` are: a reference's key is its `owner/name[:N]` text. */
export const modelKeys = {
  all,
  lists: (client: KeyClient): readonly [...ModelsKey, 'list'] => [...all(client), 'list'],
  list: (client: KeyClient, params: ModelsParams = {}): readonly [...ModelsKey, 'list', ModelsParams] => [
    ...all(client),
    'list',
    params,
  ],
  details: (client: KeyClient): readonly [...ModelsKey, 'detail'] => [...all(client), 'detail'],
  detail: (client: KeyClient, ref: string | ModelRef): readonly [...ModelsKey, 'detail', string] => [
    ...all(client),
    'detail',
    typeof ref === 'string' ? ref : formatModelRef(ref),
  ],
};
