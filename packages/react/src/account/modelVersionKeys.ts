import { formatModelRef, type ModelRef } from '@predictkit/core';
import { modelKeys } from '../modelKeys';
import type { KeyClient } from '../predictionKeys';
import type { PageSizeParams } from './userKeys';

type VersionsKey = readonly [...ReturnType<typeof modelKeys.all>, 'versions'];

const all = (client: KeyClient): VersionsKey => [...modelKeys.all(client), 'versions'];
const text = (ref: string | ModelRef) => (typeof ref === 'string' ? ref : formatModelRef(ref));

/** Query keys of models' version lists, under `modelKeys.all`: a reference's key is its text, as in `modelKeys.detail`. */
export const modelVersionKeys = {
  all,
  /** One model's version lists, of every page size. */
  lists: (client: KeyClient, ref: string | ModelRef): readonly [...VersionsKey, string] => [
    ...all(client),
    text(ref),
  ],
  list: (
    client: KeyClient,
    ref: string | ModelRef,
    params: PageSizeParams = {},
  ): readonly [...VersionsKey, string, PageSizeParams] => [...all(client), text(ref), params],
};
