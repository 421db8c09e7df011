import {
  CALL_OPTIONS,
  type CallOptions,
  type Client,
  checkOptions,
  isText,
  LIST_OPTIONS,
} from './createClient';
import { invalid } from './errors';
import { parseModelRef } from './parseModelRef';
import type { Mapper, ModelListParams, PageParams, ProviderRoutes, Route } from './provider';
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

/**
 * One read (a `GET`, or the route's own method): the options are checked first (an operation or
 * option the provider lacks is refused), then the route is built (it refuses bad segments).
 */
const load = async <T>(
  client: Client,
  at: string,
  o: CallOptions,
  route: (routes: Required<ProviderRoutes>) => Route,
  map: Mapper<T>,
  rules = CALL_OPTIONS,
) => {
  checkOptions(at, o, rules, false, client.provider);
  const built = route(client.provider.routes as Required<ProviderRoutes>);
  const [method, path, body] = typeof built === 'string' ? ['GET', built] : built;
  return map(
    await client.request(method, path, { label: at, signal: o.signal, data: body, idempotent: true }),
    at,
  );
};

const loadPage = <T>(
  client: Client,
  at: string,
  o: CallOptions,
  route: (routes: Required<ProviderRoutes>) => Route,
  item: Mapper<T>,
) => load(client, at, o, route, (raw) => client.provider.mapPage(raw, at, item), LIST_OPTIONS);

const parseRef = (at: string, value: string | ModelRef, versioned?: boolean) => {
  const ref = parseModelRef(value);
  if (versioned && !ref.version) {
    throw invalid(at, 'model', 'owner/name:N or owner/name:<version id>, with a version', value);
  }
  return ref;
};

/** `owner/name:N` (WriftAI) or `owner/name:<version id>` (Replicate), with its schemas. */
export async function getModelVersion(
  client: Client,
  model: string | ModelRef,
  options: CallOptions = {},
): Promise<ModelVersion> {
  const at = 'getModelVersion';
  const ref = parseRef(at, model, true);
  return load(client, at, options, (r) => r.version(ref), client.provider.mapVersion);
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
  const [details, version] = await Promise.all([
    load(client, at, options, (r) => r.model(ref), client.provider.mapModel),
    ref.version && getModelVersion(client, ref, options),
  ]);
  return { ...details, version: version || details.latest_version || null };
}

/** Public models; `sortBy`, `sortDirection` and `categories` (slugs) order and filter them. */
export const listModels = async (
  client: Client,
  params: ModelListParams & CallOptions = {},
): Promise<Page<Model>> =>
  loadPage(client, 'listModels', params, (r) => r.models(params), client.provider.mapModel);

/** One owner's models. */
export const listModelsByOwner = async (
  client: Client,
  owner: string,
  params: Params = {},
): Promise<Page<Model>> =>
  loadPage(
    client,
    'listModelsByOwner',
    params,
    (r) => r.modelsByOwner(owner, params),
    client.provider.mapModel,
  );

export const searchModels = async (
  client: Client,
  query: string,
  params: Params = {},
): Promise<Page<Model>> => {
  const at = 'searchModels';
  if (!isText(query)) throw invalid(at, 'query', 'a non-empty string', query);
  return loadPage(client, at, params, (r) => r.searchModels(query, params), client.provider.mapModel);
};

/** A model's versions, newest first. */
export const listModelVersions = async (
  client: Client,
  model: string | ModelRef,
  params: Params = {},
): Promise<Page<ModelVersion>> => {
  const at = 'listModelVersions';
  const ref = parseRef(at, model);
  return loadPage(client, at, params, (r) => r.versions(ref, params), client.provider.mapVersion);
};

export const listHardware = async (client: Client, params: Params = {}): Promise<Page<Hardware>> =>
  loadPage(client, 'listHardware', params, (r) => r.hardware(params), client.provider.mapHardware);

export const listModelCategories = async (
  client: Client,
  params: Params = {},
): Promise<Page<ModelCategory>> =>
  loadPage(
    client,
    'listModelCategories',
    params,
    (r) => r.modelCategories(params),
    client.provider.mapCategory,
  );

/** The user the token belongs to. */
export const getUser = async (client: Client, options: CallOptions = {}): Promise<User> =>
  load(client, 'getUser', options, (r) => r.user(), client.provider.mapUser);
