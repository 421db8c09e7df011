import type {
  Client,
  Model,
  ModelDetails,
  ModelFields,
  ModelRef,
  ModelVersion,
  ModelVersionFields,
  Page,
  User,
  UserFields,
} from '@predictkit/core';
import { type InfiniteData, QueryClient } from '@tanstack/react-query';
import { expectTypeOf } from 'vitest';
import {
  type CreateModelVersionVariables,
  modelVersionListQueryOptions,
  type UpdateModelVariables,
  useCreateModel,
  useCreateModelVersion,
  useDeleteModel,
  useDeleteModelVersion,
  useModelVersions,
  userListQueryOptions,
  userModelListQueryOptions,
  userQueryOptions,
  useUpdateModel,
  useUpdateUser,
  useUser,
  useUserModels,
  useUsers,
} from '../account';
import { modelQueryOptions } from '../index';

/** Never called: these lines are checked by `tsc -b`, and fail it when a type is wrong. */
export function useAccountTypeChecks(client: Client) {
  expectTypeOf(useUser().user).toEqualTypeOf<User | undefined>();
  expectTypeOf(useUser('ada').data).toEqualTypeOf<User | undefined>();
  // @ts-expect-error a username is text
  useUser(null);

  const users = useUsers({ q: 'ada', direction: 'desc', pageSize: 10 });
  expectTypeOf(users.users).toEqualTypeOf<User[]>();
  // @ts-expect-error users sort by creation only
  useUsers({ sort: 'username' });
  expectTypeOf(useUserModels({ pageSize: 5 }).models).toEqualTypeOf<Model[]>();
  expectTypeOf(useModelVersions('me/m').versions).toEqualTypeOf<ModelVersion[]>();
  useModelVersions(null);

  const updateUser = useUpdateUser();
  expectTypeOf(updateUser.mutateAsync).parameter(0).toEqualTypeOf<UserFields>();
  expectTypeOf(updateUser.mutateAsync).returns.resolves.toEqualTypeOf<User>();
  // @ts-expect-error not a field a user can change
  updateUser.mutate({ email: 'a@b.c' });

  const createModel = useCreateModel();
  expectTypeOf(createModel.mutateAsync).parameter(0).toEqualTypeOf<ModelFields>();
  expectTypeOf(createModel.data).toEqualTypeOf<Model | undefined>();
  // The fields sent stay readable after a failure, for the form that sent them.
  expectTypeOf(createModel.variables).toEqualTypeOf<ModelFields | undefined>();
  // @ts-expect-error a model needs its hardware
  createModel.mutate({ name: 'm' });

  const updateModel = useUpdateModel();
  expectTypeOf(updateModel.mutateAsync).parameter(0).toEqualTypeOf<UpdateModelVariables>();
  updateModel.mutate({ model: { owner: 'me', name: 'm' }, fields: { description: null } });
  // @ts-expect-error visibility is public or private
  updateModel.mutate({ model: 'me/m', fields: { visibility: 'hidden' } });

  expectTypeOf(useDeleteModel().mutateAsync).parameter(0).toEqualTypeOf<string | ModelRef>();
  expectTypeOf(useDeleteModel().mutateAsync).returns.resolves.toEqualTypeOf<void>();
  expectTypeOf(useDeleteModelVersion().mutateAsync).parameter(0).toEqualTypeOf<string | ModelRef>();

  const createVersion = useCreateModelVersion();
  expectTypeOf(createVersion.mutateAsync).parameter(0).toEqualTypeOf<CreateModelVersionVariables>();
  expectTypeOf(createVersion.mutateAsync).returns.resolves.toEqualTypeOf<ModelVersion>();
  expectTypeOf<CreateModelVersionVariables['fields']>().toEqualTypeOf<ModelVersionFields>();

  // The options factories tag their keys, so the cache reads back typed.
  const qc = new QueryClient();
  expectTypeOf(qc.getQueryData(userQueryOptions(client).queryKey)).toEqualTypeOf<User | undefined>();
  expectTypeOf(qc.getQueryData(userListQueryOptions(client).queryKey)).toEqualTypeOf<
    InfiniteData<Page<User>, string | undefined> | undefined
  >();
  expectTypeOf(qc.getQueryData(userModelListQueryOptions(client).queryKey)).toEqualTypeOf<
    InfiniteData<Page<Model>, string | undefined> | undefined
  >();
  expectTypeOf(qc.getQueryData(modelVersionListQueryOptions(client, 'me/m').queryKey)).toEqualTypeOf<
    InfiniteData<Page<ModelVersion>, string | undefined> | undefined
  >();
  expectTypeOf(qc.getQueryData(modelQueryOptions(client, 'me/m').queryKey)).toEqualTypeOf<
    ModelDetails | undefined
  >();
}
