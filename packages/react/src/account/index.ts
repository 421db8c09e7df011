/**
 * `@predictkit/react/account`: users, the token's user's profile and models, and the changes a
 * model's owner makes, over `@predictkit/core/account`. An entry of its own, so that apps which
 * only run predictions carry neither these hooks nor core's account operations.
 */
export { modelVersionKeys } from './modelVersionKeys';
export { modelVersionListQueryOptions } from './modelVersionListQueryOptions';
export { useCreateModel } from './useCreateModel';
export { type CreateModelVersionVariables, useCreateModelVersion } from './useCreateModelVersion';
export { useDeleteModel } from './useDeleteModel';
export { useDeleteModelVersion } from './useDeleteModelVersion';
export { type UseModelVersionsResult, useModelVersions } from './useModelVersions';
export { type PageSizeParams, type UsersParams, userKeys } from './userKeys';
export { userListQueryOptions, userModelListQueryOptions, userQueryOptions } from './userQueryOptions';
export { type UpdateModelVariables, useUpdateModel } from './useUpdateModel';
export { useUpdateUser } from './useUpdateUser';
export { type UseUserResult, useUser } from './useUser';
export { type UseUserModelsResult, useUserModels } from './useUserModels';
export { type UseUsersResult, useUsers } from './useUsers';
