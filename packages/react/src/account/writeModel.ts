import { type Model, type ModelDetails, type ModelRef, parseModelRef } from '@predictkit/core';
import type { QueryClient, QueryFilters, QueryKey } from '@tanstack/react-query';
import { modelKeys } from '../modelKeys';
import type { KeyClient } from '../predictionKeys';
import { modelVersionKeys } from './modelVersionKeys';
import { userKeys } from './userKeys';

/** `owner/name`: the reference text, without a version, that each of a model's keys starts with. */
export const modelText = (ref: string | ModelRef): string => {
  const { owner, name } = parseModelRef(ref);
  return `${owner}/${name}`;
};

/**
 * One model's queries under `queryKey` (its details or its version lists): those keyed by
 * `owner/name` or by one of its versions, `owner/name:…`.
 */
const ofModel = (queryKey: QueryKey, model: string): QueryFilters => ({
  queryKey,
  predicate: ({ queryKey: key }) => key[4] === model || String(key[4]).startsWith(`${model}:`),
});

export const detailsOf = (client: KeyClient, model: string) => ofModel(modelKeys.details(client), model);
export const versionListsOf = (client: KeyClient, model: string) =>
  ofModel(modelVersionKeys.all(client), model);

/**
 * Puts a model's answer (with details) where its detail queries read it: `owner/name` as `getModel`
 * gives it (with the latest version), and each `owner/name:N` the cache has with the version it held.
 */
export function writeModel(qc: QueryClient, client: KeyClient, model: Model): void {
  const text = `${model.owner.username}/${model.name}`;
  for (const { queryKey } of qc.getQueryCache().findAll(detailsOf(client, text))) {
    qc.setQueryData<ModelDetails>(queryKey, (old) => old && { ...model, version: old.version });
  }
  qc.setQueryData<ModelDetails>(modelKeys.detail(client, text), {
    ...model,
    version: model.latest_version ?? null,
  });
}

/** A model gone, or gone from this name: its details and version lists leave the cache. */
export function forgetModel(qc: QueryClient, client: KeyClient, model: string): void {
  qc.removeQueries(detailsOf(client, model));
  qc.removeQueries(versionListsOf(client, model));
}

/**
 * The lists a model's row can be on, public ones and searches (a search shows the caller's private
 * models too) and the token's user's: fetched again where shown, and on their next use elsewhere.
 */
export const refreshModelLists = (qc: QueryClient, client: KeyClient): Promise<unknown> =>
  Promise.all([
    qc.invalidateQueries({ queryKey: modelKeys.lists(client) }),
    qc.invalidateQueries({ queryKey: userKeys.modelLists(client) }),
  ]);

/**
 * After a version was added or deleted: the model's details (each holds `latest_version`), its
 * version lists and the lists its row is on (`updated_at`).
 */
export const refreshModel = (qc: QueryClient, client: KeyClient, model: string): Promise<unknown> =>
  Promise.all([
    qc.invalidateQueries(detailsOf(client, model)),
    qc.invalidateQueries(versionListsOf(client, model)),
    refreshModelLists(qc, client),
  ]);
