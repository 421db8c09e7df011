import { type Catalog, OWNER } from '../../catalog';
import type { DemoModel, DemoVersion } from '../../models/types';
import { sha256, toHex } from '../../sha256';

const ids = new WeakMap<DemoVersion, string>();

/**
 * A version's Replicate id: 64 hex digits, the SHA-256 of `owner/name:number`. The same on every
 * server and after every restart, so a pinned `owner/name:<id>` keeps working.
 */
export function versionId(model: DemoModel, version: DemoVersion): string {
  let id = ids.get(version);
  if (id === undefined) {
    id = toHex(sha256(`${OWNER.username}/${model.name}:${version.number}`));
    ids.set(version, id);
  }
  return id;
}

/** The model and version a Replicate version id names, if one of the catalog's. */
export function findVersionById(
  catalog: Catalog,
  id: string,
): { model: DemoModel; version: DemoVersion } | undefined {
  for (const model of catalog.models) {
    const version = model.versions.find((v) => versionId(model, v) === id);
    if (version) return { model, version };
  }
  return undefined;
}
