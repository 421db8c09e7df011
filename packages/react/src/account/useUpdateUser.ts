'use client';

import type { User, UserFields } from '@predictkit/core';
import { updateUser } from '@predictkit/core/account';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { modelKeys } from '../modelKeys';
import { usePredictKitClient } from '../PredictKitProvider';
import { userKeys } from './userKeys';

/**
 * Changes the token's user (`mutate(fields)`; WriftAI). The answer replaces the user in `useUser()`
 * and `useUser(username)`; user lists and searches are fetched again. A new username takes the
 * user's old name out of the cache, and has the models (whose references hold it) fetched again.
 */
export function useUpdateUser(): UseMutationResult<User, Error, UserFields> {
  const client = usePredictKitClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (fields: UserFields) => updateUser(client, fields),
    onSuccess: (user, fields) => {
      const before = qc.getQueryData<User>(userKeys.me(client));
      const renamed = before ? before.username !== user.username : fields.username !== undefined;
      qc.removeQueries({
        queryKey: userKeys.details(client),
        predicate: (query) =>
          query.queryKey[4] !== user.username && (query.state.data as User | undefined)?.id === user.id,
      });
      qc.setQueryData(userKeys.me(client), user);
      qc.setQueryData(userKeys.detail(client, user.username), user);
      return Promise.all([
        qc.invalidateQueries({ queryKey: userKeys.lists(client) }),
        renamed && qc.invalidateQueries({ queryKey: modelKeys.all(client) }),
      ]);
    },
  });
}
