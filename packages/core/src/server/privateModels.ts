import { versionOf } from '../parseModelRef';
import { isRecord } from '../schema/isRecord';
import type { ModelRef, ModelVersion } from '../types';

/** A model's owner and name as either service sends them: WriftAI's owner is an object, Replicate's a name. */
const refOf = (model: Record<string, unknown>): ModelRef => ({
  owner: String(isRecord(model.owner) ? model.owner.username : model.owner),
  name: String(model.name),
});

const isPrivate = (model: unknown): model is Record<string, unknown> =>
  isRecord(model) && model.visibility === 'private';

/**
 * The catalog as a visitor of the proxy may see it. The proxy reads it with the server's token,
 * which sees the account's private models too: those are the operator's, shown only when visitors
 * may run them, and of each only the versions they may run. `mayRunAny` says whether visitors may
 * run some version of a model (its ref has none); `mayRun` whether they may run one version.
 * Public models are shown whole, as the service shows them to anyone.
 */
export function privateModels(mayRunAny: (model: ModelRef) => boolean, mayRun: (model: ModelRef) => boolean) {
  const hidden = (model: unknown) => isPrivate(model) && !mayRunAny(refOf(model));
  /** Whether `version` of `model` (a number, an id, or the version as the service sends it) is one visitors may not see. */
  const versionHidden = (model: unknown, version: unknown) =>
    isPrivate(model) &&
    !mayRun({
      ...refOf(model),
      version: (isRecord(version)
        ? versionOf(version as unknown as ModelVersion)
        : version) as ModelRef['version'],
    });
  /** `model` without a latest version visitors may not run (its schema would draw a form that cannot run). */
  const shown = (model: unknown) =>
    isRecord(model) && isRecord(model.latest_version) && versionHidden(model, model.latest_version)
      ? { ...model, latest_version: null }
      : model;
  /** A page of models (WriftAI's `items`, Replicate's `results`), without the hidden ones. */
  const visible = (page: Record<string, unknown>) => rows(page, (row) => !hidden(row), shown);
  /** A page of `model`'s versions, without the hidden ones. */
  const visibleVersions = (model: unknown, page: Record<string, unknown>) =>
    rows(page, (row) => !versionHidden(model, row));
  return { isPrivate, hidden, versionHidden, shown, visible, visibleVersions };
}

function rows(
  page: Record<string, unknown>,
  keep: (row: unknown) => boolean,
  show: (row: unknown) => unknown = (row) => row,
): Record<string, unknown> {
  const out = { ...page };
  for (const key of ['items', 'results']) {
    const list = page[key];
    if (Array.isArray(list)) out[key] = list.filter(keep).map(show);
  }
  return out;
}
