import { CALL_OPTIONS, LIST_OPTIONS } from '../checkOptions';
import type { CallOptions, Client } from '../createClient';
import { invalid } from '../errors';
import { mapPageOf } from '../mapPageOf';
import { parseModelRef } from '../parseModelRef';
import type { CatalogRoutes, Mapper, ProviderCatalog, Route } from '../provider';
import { requestOptions } from '../requestOptions';
import type { ModelRef, Page } from '../types';
import { catalogOf } from './catalogOf';

type Routes = Required<CatalogRoutes>;

/** A catalog mapper, by its name: `mapModel`, `mapUser`, … */
export type MapperName = Exclude<keyof ProviderCatalog, 'routes'>;

/** What the mapper `M` (a catalog mapper's name, or a mapper) reads an answer into. */
type Mapped<M> = (M extends MapperName ? ProviderCatalog[M] : M) extends Mapper<infer T> ? T : never;

/**
 * `make()`, a `TypeError` it throws naming the operation `at` too: a path segment, a version or a
 * model reference that is refused names itself only.
 */
function named<T>(at: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    const bare = error instanceof TypeError && !error.message.startsWith(`${at}:`);
    throw bare ? new TypeError(`${at}: ${error.message}`, { cause: error }) : error;
  }
}

/**
 * One call of a catalog route: the options are checked first (an operation or option the provider
 * lacks is refused), then the route is built (it refuses bad segments, and an operation whose route
 * the provider's catalog does not have is a `TypeError`, never a request elsewhere). A plain path
 * is a `GET`; a text body is sent as it is (a search), anything else as JSON. Reads and `PATCH`es
 * are retried after a `5xx`; a `POST` or `DELETE` is not, as it may have happened. The answer is
 * read by `map` (a catalog mapper's name, or a mapper), or as a `page` of items it reads.
 */
export async function callRoute<M extends MapperName | Mapper<unknown>, T = Mapped<M>>(
  client: Client,
  at: string,
  o: CallOptions,
  route: (routes: Routes) => Route,
  map: M,
  rules = CALL_OPTIONS,
  page?: boolean,
): Promise<T> {
  const { provider } = client;
  const options = requestOptions(client, at, o, undefined, rules);
  const catalog = catalogOf(at, provider);
  const routes = new Proxy(catalog.routes as Routes, {
    get(all, name) {
      const build = all[name as keyof Routes];
      if (!build) throw new TypeError(`${at}: \`${at}\` is not available on ${provider.name}.`);
      return build;
    },
  });
  const built = named(at, () => route(routes));
  const [method, path, body] = typeof built === 'string' ? ['GET', built] : built;
  const text = typeof body === 'string';
  const raw = await client.request(method, path, {
    ...options,
    data: text ? body : undefined,
    body: text ? undefined : body,
    idempotent: method !== 'POST' && method !== 'DELETE',
  });
  const item = (typeof map === 'function' ? map : catalog[map as MapperName]) as Mapper<unknown>;
  return (page ? mapPageOf(provider, raw, at, item) : item(raw, at)) as T;
}

/** `callRoute` for a list: its page options are checked, and each item is mapped by `map`. */
export const callPageRoute = <M extends MapperName>(
  client: Client,
  at: string,
  o: CallOptions,
  route: (routes: Routes) => Route,
  map: M,
) => callRoute<M, Page<Mapped<M>>>(client, at, o, route, map, LIST_OPTIONS, true);

/** A model reference for `at`, which must name a version when `versioned`. */
export const parseRef = (at: string, value: string | ModelRef, versioned?: boolean): ModelRef => {
  const ref = named(at, () => parseModelRef(value));
  if (versioned && !ref.version) {
    throw invalid(at, 'model', 'owner/name:N or owner/name:<version id>, with a version', value);
  }
  return ref;
};
