import type { Client, Model, Page, User } from '@predictkit/core';
import { getUserByName, listUserModels, listUsers, searchUsers } from '@predictkit/core/account';
import { getUser } from '@predictkit/core/catalog';
import type { InfiniteData } from '@tanstack/react-query';
import {
  type PredictKitInfiniteQueryOptions,
  type PredictKitQueryOptions,
  tagKey,
} from '../PredictKitQueryOptions';
import { type PageSizeParams, type UsersParams, userKeys } from './userKeys';

// The client already retries what is worth retrying; Query's own retries would multiply them.
const retry = false;

type UserKey = ReturnType<typeof userKeys.detail> | ReturnType<typeof userKeys.me>;

/** A user by username (`getUserByName`); without one, the token's user (`getUser`). */
export const userQueryOptions = (
  client: Client,
  username?: string,
): PredictKitQueryOptions<User, UserKey> => ({
  queryKey: tagKey<User, UserKey>(
    username === undefined ? userKeys.me(client) : userKeys.detail(client, username),
  ),
  queryFn: ({ signal }) =>
    username === undefined ? getUser(client, { signal }) : getUserByName(client, username, { signal }),
  retry,
});

/** Users as cursor pages, or the results of a search when `q` is not empty. */
export const userListQueryOptions = (
  client: Client,
  params: UsersParams = {},
): PredictKitInfiniteQueryOptions<Page<User>, ReturnType<typeof userKeys.list>> => {
  const { q, sort, direction, pageSize } = params;
  return {
    queryKey: tagKey<InfiniteData<Page<User>, string | undefined>, ReturnType<typeof userKeys.list>>(
      userKeys.list(client, params),
    ),
    queryFn: ({ pageParam: cursor, signal }) =>
      q
        ? searchUsers(client, q, { pageSize, cursor, signal })
        : listUsers(client, { pageSize, sortBy: sort, sortDirection: direction, cursor, signal }),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.next_cursor,
    retry,
  };
};

/** The token's user's models, private ones included, as cursor pages. */
export const userModelListQueryOptions = (
  client: Client,
  params: PageSizeParams = {},
): PredictKitInfiniteQueryOptions<Page<Model>, ReturnType<typeof userKeys.modelList>> => ({
  queryKey: tagKey<InfiniteData<Page<Model>, string | undefined>, ReturnType<typeof userKeys.modelList>>(
    userKeys.modelList(client, params),
  ),
  queryFn: ({ pageParam: cursor, signal }) => listUserModels(client, { ...params, cursor, signal }),
  initialPageParam: undefined,
  getNextPageParam: (last) => last.next_cursor,
  retry,
});
