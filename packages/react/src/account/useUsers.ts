'use client';

import type { Page, User } from '@predictkit/core';
import { type InfiniteData, type UseInfiniteQueryResult, useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { usePredictKitClient } from '../PredictKitProvider';
import type { UsersParams } from './userKeys';
import { userListQueryOptions } from './userQueryOptions';

export type UseUsersResult = UseInfiniteQueryResult<InfiniteData<Page<User>>> & {
  /** Every loaded page's users. */
  users: User[];
};

/** Users as cursor pages, or a search's results when `q` is not empty; the last results stay while the next load. */
export function useUsers(params: UsersParams = {}): UseUsersResult {
  const client = usePredictKitClient();
  const query = useInfiniteQuery({
    ...userListQueryOptions(client, params),
    // As `useModels`: never another API's results while a switched client's load.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === client.baseUrl ? previous : undefined,
  });
  const { data } = query;
  const users = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  return { ...query, users };
}
