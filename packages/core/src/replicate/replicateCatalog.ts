import { expectShape } from '../expectShape';
import { type Mapper, modelPath, type PageParams, type ProviderCatalog } from '../provider';
import { schemasFromOpenApi } from '../schema/schemasFromOpenApi';
import type { Model, ModelVersion, User } from '../types';
import { versionId } from './replicate';

// The cursor alone: no `withQuery` needed for one parameter that the list options checked to be text.
const page = (path: string, p: PageParams) =>
  p.cursor ? `${path}?cursor=${encodeURIComponent(p.cursor)}` : path;

const mapVersion: Mapper<ModelVersion> = (raw, at, path) => {
  const version = expectShape<ModelVersion & { openapi_schema?: unknown }>(
    raw,
    at,
    { id: 's', created_at: 's' },
    path,
  );
  // Cog's Input and Output as JSON Schemas of their own, read by the same engine as the form's.
  const schemas = schemasFromOpenApi(version.openapi_schema);
  return schemas ? { ...version, schemas: { prediction: schemas } } : version;
};

/**
 * Replicate's catalog: models (`run_count` into `predictions_count`), versions (the Cog OpenAPI
 * schema into `schemas`), hardware (`sku` into `identifier`), the token's account and its webhook
 * secret. It has no categories, no owner's list and no user or model changes: those operations are
 * refused by name.
 */
export const replicateCatalog: ProviderCatalog = {
  routes: {
    models: (p) => page('/models', p),
    model: modelPath,
    versions: (m, p) => page(`${modelPath(m)}/versions`, p),
    version: (m) => `${modelPath(m)}/versions/${versionId(m.version)}`,
    searchModels: (query, p) => ['QUERY', page('/models', p), query],
    hardware: () => '/hardware',
    user: () => '/account',
    webhookSecret: () => '/webhooks/default/secret',
  },
  mapModel(raw, at, path = '') {
    const model = expectShape<Model & { owner: string; run_count?: number }>(
      raw,
      at,
      { owner: 's', name: 's', latest_version: '?o' },
      path,
    );
    const { owner, latest_version } = model;
    return {
      ...model,
      id: `${owner}/${model.name}`,
      owner: { id: owner, username: owner, avatar_url: null },
      predictions_count: model.run_count ?? 0,
      categories: [],
      latest_version: latest_version && mapVersion(latest_version, at, `${path}latest_version.`),
    };
  },
  mapVersion,
  mapHardware(raw, at, path) {
    const hardware = expectShape<{ sku: string; name: string }>(raw, at, { sku: 's', name: 's' }, path);
    return { ...hardware, identifier: hardware.sku };
  },
  // Never called: there is no model categories route.
  mapCategory: (raw) => raw as never,
  mapUser(raw, at, path) {
    const user = expectShape<User>(raw, at, { username: 's' }, path);
    return { ...user, id: user.username, avatar_url: user.avatar_url ?? null };
  },
};
