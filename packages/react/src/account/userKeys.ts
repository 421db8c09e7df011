import type { PageParams, UserListParams } from '@predictkit/core';
import { modelKeys } from '../modelKeys';
import type { KeyClient } from '../predictionKeys';

export interface UsersParams {
  /** Search text: a non-empty one searches (`GET /search/users`). */
  q?: string;
  sort?: UserListParams['sortBy'];
  /** Oldest first (`asc`) unless `desc`. */
  direction?: UserListParams['sortDirection'];
  pageSize?: number;
}

/** What a list of the token's user's models, or of a model's versions, is keyed by: its page size. */
export type PageSizeParams = Omit<PageParams, 'cursor'>;

type UsersKey = readonly ['predictkit', string, 'users'];
type UserModelsKey = readonly [...ReturnType<typeof modelKeys.all>, 'user'];

const all = (client: KeyClient): UsersKey => ['predictkit', client.baseUrl, 'users'];
const modelLists = (client: KeyClient): UserModelsKey => [...modelKeys.all(client), 'user'];

/**
 * Query keys of users, per client as `predictionKeys` are. The token's user's models are models:
 * their keys sit under `modelKeys.all`, so that invalidating models covers them too.
 */
export const userKeys = {
  all,
  lists: (client: KeyClient): readonly [...UsersKey, 'list'] => [...all(client), 'list'],
  list: (client: KeyClient, params: UsersParams = {}): readonly [...UsersKey, 'list', UsersParams] => [
    ...all(client),
    'list',
    params,
  ],
  details: (client: KeyClient): readonly [...UsersKey, 'detail'] => [...all(client), 'detail'],
  detail: (client: KeyClient, username: string): readonly [...UsersKey, 'detail', string] => [
    ...all(client),
    'detail',
    username,
  ],
  /** The token's user (`getUser`). */
  me: (client: KeyClient): readonly [...UsersKey, 'me'] => [...all(client), 'me'],
  modelLists,
  modelList: (
    client: KeyClient,
    params: PageSizeParams = {},
  ): readonly [...UserModelsKey, PageSizeParams] => [...modelLists(client), params],
};
