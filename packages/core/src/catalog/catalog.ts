import type { CallOptions, Client } from '../createClient';
import { invalid } from '../errors';
import { isText } from '../isObject';
import type { ModelListParams, PageParams } from '../provider';
import type {
  Hardware,
  Model,
  ModelCategory,
  ModelDetails,
  ModelRef,
  ModelVersion,
  Page,
  User,
} from '../types';
import { callPageRoute, callRoute, parseRef } from './callRoute';
import { catalogOf } from './catalogOf';

type Params = PageParams & CallOptions;

/** `owner/name:N` (WriftAI) or `owner/name:<version id>` (Replicate), with its schemas. */
export async function getModelVersion(
  client: Client,
  model: string | ModelRef,
  options: CallOptions = {},
): Promise<ModelVersion> {
  const at = 'getModelVersion';
  const ref = parseRef(at, model, true);
  return callRoute(client, at, options, (r) => r.version(ref), 'mapVersion');
}

/**
 * A model with details. `version` is the version the reference names, with its schemas: the
 * latest for `owner/name`, the version named (fetched alongside) for `owner/name:N` or
 * `owner/name:<version id>`.
 */
export async function getModel(
  client: Client,
  model: string | ModelRef,
  options: CallOptions = {},
): Promise<ModelDetails> {
  const at = 'getModel';
  const ref = parseRef(at, model);
  // The version's route refuses a version the service cannot name (a number on Replicate): built
  // first, so that nothing is sent for a reference that fails.
  if (ref.version !== undefined) catalogOf(at, client.provider).routes.version(ref);
  const [details, version] = await Promise.all([
    callRoute(client, at, options, (r) => r.model(ref), 'mapModel'),
    ref.version && getModelVersion(client, ref, options),
  ]);
  return { ...details, version: version || details.latest_version || null };
}

/** Public models; `sortBy`, `sortDirection` and `categories` (slugs) order and filter them. */
export const listModels = async (
  client: Client,
  params: ModelListParams & CallOptions = {},
): Promise<Page<Model>> => callPageRoute(client, 'listModels', params, (r) => r.models(params), 'mapModel');

/** One owner's models. */
export const listModelsByOwner = async (
  client: Client,
  owner: string,
  params: Params = {},
): Promise<Page<Model>> =>
  callPageRoute(client, 'listModelsByOwner', params, (r) => r.modelsByOwner(owner, params), 'mapModel');

export const searchModels = async (
  client: Client,
  query: string,
  params: Params = {},
): Promise<Page<Model>> => {
  const at = 'searchModels';
  if (!isText(query)) throw invalid(at, 'query', 'a non-empty string', query);
  return callPageRoute(client, at, params, (r) => r.searchModels(query, params), 'mapModel');
};

/** A model's versions, newest first. */
export const listModelVersions = async (
  client: Client,
  model: string | ModelRef,
  params: Params = {},
): Promise<Page<ModelVersion>> => {
  const at = 'listModelVersions';
  const ref = parseRef(at, model);
  return callPageRoute(client, at, params, (r) => r.versions(ref, params), 'mapVersion');
};

export const listHardware = async (client: Client, params: Params = {}): Promise<Page<Hardware>> =>
  callPageRoute(client, 'listHardware', params, (r) => r.hardware(params), 'mapHardware');

export const listModelCategories = async (
  client: Client,
  params: Params = {},
): Promise<Page<ModelCategory>> =>
  callPageRoute(client, 'listModelCategories', params, (r) => r.modelCategories(params), 'mapCategory');

/** The user the token belongs to. */
export const getUser = async (client: Client, options: CallOptions = {}): Promise<User> =>
  callRoute(client, 'getUser', options, (r) => r.user(), 'mapUser');
