import { callRoute, parseRef } from '../catalog/callRoute';
import { checkOptions, LIST_OPTIONS, type Rules, TEXT, TEXT_OR_NULL } from '../checkOptions';
import type { CallOptions, Client } from '../createClient';
import { invalid } from '../errors';
import { isObject } from '../isObject';
import type { Model, ModelFields, ModelRef, ModelVersion, ModelVersionFields } from '../types';

const MODEL_FIELDS: Rules = {
  name: TEXT,
  hardware_identifier: TEXT,
  visibility: [(v) => v === 'public' || v === 'private', '"public" or "private"'],
  description: TEXT_OR_NULL,
  overview: TEXT_OR_NULL,
  source_url: TEXT_OR_NULL,
  license_url: TEXT_OR_NULL,
  paper_url: TEXT_OR_NULL,
  category_slugs: LIST_OPTIONS.categories!,
};

const VERSION_FIELDS: Rules = {
  release_notes: [(v) => typeof v === 'string' && v.length < 256, 'text of at most 255 characters'],
  schemas: [
    (v) =>
      isObject(v) && isObject(v.prediction) && isObject(v.prediction.input) && isObject(v.prediction.output),
    '{ prediction: { input, output } }, each a JSON Schema',
  ],
  container_image_digest: [(v) => /^sha256:[\da-f]{64}$/.test(v as string), '"sha256:" and 64 hex digits'],
};

/** Checks `fields` by `rules`, refusing names they do not know and requiring those in `required`. */
function checkFields(at: string, fields: unknown, rules: Rules, required: string[] = []) {
  checkOptions(at, fields, rules, true);
  for (const name of required) {
    const value = (fields as Record<string, unknown>)[name];
    if (value === undefined) throw invalid(at, name, rules[name]![1], value);
  }
}

/** A model without a version: changes apply to the model as a whole. */
const modelOnly = (at: string, model: string | ModelRef) => {
  const ref = parseRef(at, model);
  if (ref.version !== undefined) throw invalid(at, 'model', 'owner/name, without a version', model);
  return ref;
};

const nothing = () => undefined;

/** Creates a model owned by the token's user; private unless `visibility: 'public'`. Never retried. */
export async function createModel(
  client: Client,
  fields: ModelFields,
  options: CallOptions = {},
): Promise<Model> {
  const at = 'createModel';
  checkFields(at, fields, MODEL_FIELDS, ['name', 'hardware_identifier']);
  return callRoute(client, at, options, (r) => ['POST', r.createModel(), fields], 'mapModel');
}

/** Changes the fields given, and only those (`null` clears one). */
export async function updateModel(
  client: Client,
  model: string | ModelRef,
  fields: Partial<ModelFields>,
  options: CallOptions = {},
): Promise<Model> {
  const at = 'updateModel';
  const ref = modelOnly(at, model);
  checkFields(at, fields, MODEL_FIELDS);
  return callRoute(client, at, options, (r) => ['PATCH', r.updateModel(ref), fields], 'mapModel');
}

/** Deletes a model with its versions. Not retried after a `5xx`: it may be gone already. */
export async function deleteModel(
  client: Client,
  model: string | ModelRef,
  options: CallOptions = {},
): Promise<void> {
  const at = 'deleteModel';
  const ref = modelOnly(at, model);
  return callRoute(client, at, options, (r) => ['DELETE', r.deleteModel(ref)], nothing);
}

/** Adds a version (the next number) with its input and output schemas. Never retried. */
export async function createModelVersion(
  client: Client,
  model: string | ModelRef,
  fields: ModelVersionFields,
  options: CallOptions = {},
): Promise<ModelVersion> {
  const at = 'createModelVersion';
  const ref = modelOnly(at, model);
  checkFields(at, fields, VERSION_FIELDS, ['schemas', 'container_image_digest']);
  return callRoute(client, at, options, (r) => ['POST', r.createVersion(ref), fields], 'mapVersion');
}

/** Deletes one version, `owner/name:N`. Not retried after a `5xx`: it may be gone already. */
export async function deleteModelVersion(
  client: Client,
  model: string | ModelRef,
  options: CallOptions = {},
): Promise<void> {
  const at = 'deleteModelVersion';
  const ref = parseRef(at, model, true);
  return callRoute(client, at, options, (r) => ['DELETE', r.deleteVersion(ref)], nothing);
}
