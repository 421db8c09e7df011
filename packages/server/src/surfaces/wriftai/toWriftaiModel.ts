import type { Model, ModelVersion, User } from '@predictkit/core';
import type { ModelEntry, VersionEntry } from '../../registry/ModelEntry';
import type { UserRecord } from '../../store/Store';
import { avatarUrl } from '../../users/avatarUrl';

/** A user as WriftAI shows one (`User`); with details (`UserWithDetails`) also its `urls`. */
export function toWriftaiUser(user: UserRecord, origin: string, withDetails: boolean): User {
  const { urls, ...rest } = user;
  const shown = { ...rest, avatar_url: avatarUrl(origin, user.id) };
  return withDetails ? { ...shown, urls } : shown;
}

export function toWriftaiVersion(version: VersionEntry, withSchemas: boolean): ModelVersion {
  const summary: ModelVersion = {
    number: version.number,
    release_notes: version.release_notes,
    created_at: version.created_at,
    container_image_digest: version.container_image_digest,
  };
  return withSchemas ? { ...summary, schemas: version.schemas } : summary;
}

/** A model as WriftAI lists it (`Model`), or with details (`ModelWithDetails`) as it gets one. */
export function toWriftaiModel(
  entry: ModelEntry,
  predictionsCount: number,
  origin: string,
  withDetails: boolean,
): Model {
  const summary: Model = {
    id: entry.id,
    name: entry.name,
    owner: {
      id: entry.owner.id,
      username: entry.owner.username,
      avatar_url: avatarUrl(origin, entry.owner.id),
    },
    description: entry.description,
    visibility: entry.visibility,
    created_at: entry.created_at,
    updated_at: entry.updated_at,
    hardware: entry.hardware,
    predictions_count: predictionsCount,
    categories: entry.categories,
  };
  if (!withDetails) return summary;
  const latest = entry.versions.at(-1);
  return {
    ...summary,
    overview: entry.overview,
    source_url: entry.source_url,
    license_url: entry.license_url,
    paper_url: entry.paper_url,
    latest_version: latest ? toWriftaiVersion(latest, true) : null,
  };
}
