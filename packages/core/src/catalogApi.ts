import { type BaseClient, type CallOptions, invalid } from './createBaseClient';
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

export interface ModelsApi {
  /**
   * A model with details. `version` is the version the reference names, with its schemas: the
   * latest for `owner/name`, version N (fetched alongside) for `owner/name:N`.
   */
  get(model: string | ModelRef, options?: CallOptions): Promise<ModelDetails>;
  /** Public models; `sortBy`, `sortDirection` and `categories` (slugs) order and filter them. */
  list(params?: ModelListParams & CallOptions): Promise<Page<Model>>;
  listByOwner(owner: string, params?: Params): Promise<Page<Model>>;
  search(query: string, params?: Params): Promise<Page<Model>>;
  versions: {
    /** Newest first. */
    list(model: string | ModelRef, params?: Params): Promise<Page<ModelVersion>>;
    /** `owner/name:N`, with its schemas. */
    get(model: string | ModelRef, options?: CallOptions): Promise<ModelVersion>;
  };
}

/** The catalog groups of `createClient`: models and their versions, hardware, categories, the user. */
export function catalogApi({ request, provider }: BaseClient): {
  models: ModelsApi;
  hardware: { list(params?: Params): Promise<Page<Hardware>> };
  modelCategories: { list(params?: Params): Promise<Page<ModelCategory>> };
  user: { get(options?: CallOptions): Promise<User> };
} {
  const { routes } = provider;
  const load = async <T>(at: string, path: string, o: CallOptions, map: Mapper<T>) =>
    map(await request('GET', path, { label: at, signal: o.signal }), at);
  const page = <T>(at: string, path: string, o: CallOptions, item: Mapper<T>) =>
    load(at, path, o, (raw) => provider.mapPage(raw, at, item));
  const ref = (at: string, value: string | ModelRef, versioned?: boolean) => {
    const parsed = parseModelRef(value);
    if (versioned && !parsed.version) throw invalid(at, 'model', 'owner/name:N, with a version', value);
    return parsed;
  };
  const version = async (model: string | ModelRef, o: CallOptions = {}) =>
    load(
      'models.versions.get',
      routes.version(ref('models.versions.get', model, true)),
      o,
      provider.mapVersion,
    );
  return {
    models: {
      async get(model, o = {}) {
        const r = ref('models.get', model);
        const [details, v] = await Promise.all([
          load('models.get', routes.model(r), o, provider.mapModel),
          r.version && version(r, o),
        ]);
        return { ...details, version: v || details.latest_version || null };
      },
      list: async (p = {}) => page('models.list', routes.models(p), p, provider.mapModel),
      listByOwner: async (owner, p = {}) =>
        page('models.listByOwner', routes.modelsByOwner(owner, p), p, provider.mapModel),
      search: async (query, p = {}) =>
        page('models.search', routes.searchModels(query, p), p, provider.mapModel),
      versions: {
        list: async (model, p = {}) =>
          page(
            'models.versions.list',
            routes.versions(ref('models.versions.list', model), p),
            p,
            provider.mapVersion,
          ),
        get: version,
      },
    },
    hardware: { list: async (p = {}) => page('hardware.list', routes.hardware(p), p, provider.mapHardware) },
    modelCategories: {
      list: async (p = {}) =>
        page('modelCategories.list', routes.modelCategories(p), p, provider.mapCategory),
    },
    user: { get: async (o = {}) => load('user.get', routes.user(), o, provider.mapUser) },
  };
}
