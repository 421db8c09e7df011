import { type CallOptions, type Client, invalid } from './createClient';
import { parseModelRef } from './parseModelRef';
import type { Mapper, ModelListParams, PageParams } from './provider';
import type {
  Hardware,
  Model,
  ModelCategory,
  ModelDetails,
  ModelRef,
  ModelVersion,
  Page,
  User,
} from './types';

type Params = PageParams & CallOptions;

const load = async <T>(client: Client, at: string, path: string, o: CallOptions, map: Mapper<T>) =>
  map(await client.request('GET', path, { label: at, signal: o.signal }), at);

const loadPage = <T>(client: Client, at: string, path: string, o: CallOptions, item: Mapper<T>) =>
  load(client, at, path, o, (raw) => client.provider.mapPage(raw, at, item));

const parseRef = (at: string, value: string | ModelRef, versioned?: boolean) => {
  const ref = parseModelRef(value);
  if (versioned && !ref.version) throw invalid(at, 'model', 'owner/name:N, with a version', value);
  return ref;
};

/** `owner/name:N`, with its schemas. */
export async function getModelVersion(
  client: Client,
  model: string | ModelRef,
  options: CallOptions = {},
): Promise<ModelVersion> {
  const at = 'getModelVersion';
  const path = client.provider.routes.version(parseRef(at, model, true));
  return load(client, at, path, options, client.provider.mapVersion);
}

/**
 * A model with details. `version` is the version the reference names, with its schemas: the
 * latest for `owner/name`, version N (fetched alongside) for `owner/name:N`.
 */
export async function getModel(
  client: Client,
  model: string | ModelRef,
  options: CallOptions = {},
): Promise<ModelDetails> {
  const at = 'getModel';
  const ref = parseRef(at, model);
  const [details, version] = await Promise.all([
    load(client, at, client.provider.routes.model(ref), options, client.provider.mapModel),
    ref.version && getModelVersion(client, ref, options),
  ]);
  return { ...details, version: version || details.latest_version || null };
}

/** Public models; `sortBy`, `sortDirection` and `categories` (slugs) order and filter them. */
export const listModels = async (
  client: Client,
  params: ModelListParams & CallOptions = {},
): Promise<Page<Model>> =>
  loadPage(client, 'listModels', client.provider.routes.models(params), params, client.provider.mapModel);

/** One owner's models. */
export const listModelsByOwner = async (
  client: Client,
  owner: string,
  params: Params = {},
): Promise<Page<Model>> =>
  loadPage(
    client,
    'listModelsByOwner',
    client.provider.routes.modelsByOwner(owner, params),
    params,
    client.provider.mapModel,
  );

export const searchModels = async (
  client: Client,
  query: string,
  params: Params = {},
): Promise<Page<Model>> =>
  loadPage(
    client,
    'searchModels',
    client.provider.routes.searchModels(query, params),
    params,
    client.provider.mapModel,
  );

/** A model's versions, newest first. */
export const listModelVersions = async (
  client: Client,
  model: string | ModelRef,
  params: Params = {},
): Promise<Page<ModelVersion>> => {
  const at = 'listModelVersions';
  return loadPage(
    client,
    at,
    client.provider.routes.versions(parseRef(at, model), params),
    params,
    client.provider.mapVersion,
  );
};

export const listHardware = async (client: Client, params: Params = {}): Promise<Page<Hardware>> =>
  loadPage(
    client,
    'listHardware',
    client.provider.routes.hardware(params),
    params,
    client.provider.mapHardware,
  );

export const listModelCategories = async (
  client: Client,
  params: Params = {},
): Promise<Page<ModelCategory>> =>
  loadPage(
    client,
    'listModelCategories',
    client.provider.routes.modelCategories(params),
    params,
    client.provider.mapCategory,
  );

/** The user the token belongs to. */
export const getUser = async (client: Client, options: CallOptions = {}): Promise<User> =>
  load(client, 'getUser', client.provider.routes.user(), options, client.provider.mapUser);
