import { formatModelRef, type ModelRef } from '@predictkit/core';
import type { ModelsParams } from './modelQueryOptions';

const all = ['predictkit', 'models'] as const;

/** Query keys of models: a reference's key is its `owner/name[:N]` text. */
export const modelKeys = {
  all,
  lists: () => [...all, 'list'] as const,
  list: (params: ModelsParams = {}) => [...all, 'list', params] as const,
  details: () => [...all, 'detail'] as const,
  detail: (ref: string | ModelRef) =>
    [...all, 'detail', typeof ref === 'string' ? ref : formatModelRef(ref)] as const,
};
