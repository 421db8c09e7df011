import { type Catalog, OWNER } from '../../catalog';
import type { DemoModel, DemoVersion } from '../../models/types';
import { openapiSchema } from './openapiSchema';
import { REPLICATE_BASE } from './toReplicatePrediction';
import { versionId } from './versionId';

/** The Cog release whose `openapi_schema` form the versions follow (clients read iterators by it). */
const COG_VERSION = '0.16.0';

/** The organisation that owns the demo models and their deployments, as Replicate's accounts look. */
export const OWNER_ACCOUNT = {
  type: 'organization',
  username: OWNER.username,
  name: 'PredictKit',
  github_url: 'https://github.com/predictkit',
} as const;

export function toReplicateVersion(model: DemoModel, version: DemoVersion) {
  return {
    id: versionId(model, version),
    created_at: version.created_at,
    cog_version: COG_VERSION,
    openapi_schema: openapiSchema(version),
  };
}

const latest = (model: DemoModel) => model.versions.at(-1) as DemoVersion;

/**
 * A model as Replicate shows it. Every demo model is "official": it runs on its own route without
 * a version, and its versions are listed too.
 */
export function toReplicateModel(catalog: Catalog, model: DemoModel, origin: string) {
  return {
    url: `${origin}${REPLICATE_BASE}/models/${OWNER.username}/${model.name}`,
    owner: OWNER.username,
    name: model.name,
    description: model.description,
    visibility: 'public',
    github_url: model.source_url ?? null,
    paper_url: model.paper_url ?? null,
    license_url: model.license_url ?? null,
    run_count: catalog.predictionsCount(model),
    cover_image_url: null,
    default_example: null,
    is_official: true,
    latest_version: toReplicateVersion(model, latest(model)),
  };
}

/** Each demo model has a deployment of the same name, which runs its latest version. */
export function toReplicateDeployment(model: DemoModel) {
  const version = latest(model);
  return {
    owner: OWNER.username,
    name: model.name,
    current_release: {
      number: version.number,
      model: `${OWNER.username}/${model.name}`,
      version: versionId(model, version),
      created_at: version.created_at,
      created_by: OWNER_ACCOUNT,
      configuration: { hardware: model.hardware.identifier, min_instances: 0, max_instances: 1 },
    },
  };
}

/** The demo models' categories, as Replicate's collections. */
export function collections(catalog: Catalog) {
  const bySlug = new Map<string, { name: string; slug: string; models: DemoModel[] }>();
  for (const model of catalog.models) {
    for (const { name, slug } of model.categories) {
      const entry = bySlug.get(slug) ?? { name, slug, models: [] };
      entry.models.push(model);
      bySlug.set(slug, entry);
    }
  }
  return [...bySlug.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({
      ...c,
      description: `PredictKit's demo models for ${c.name.toLowerCase()}.`,
      full_description: null,
    }));
}
