'use client';

import type { User } from '@predictkit/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { usePredictKitClient } from '../PredictKitProvider';
import { userQueryOptions } from './userQueryOptions';

export type UseUserResult = UseQueryResult<User> & { user: User | undefined };

/** A user by username, with details; without one, the user the client's token belongs to. */
export function useUser(username?: string): UseUserResult {
  const client = usePredictKitClient();
  const query = useQuery(userQueryOptions(client, username));
  return { ...query, user: query.data };
}
