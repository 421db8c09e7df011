import {
  CALL_OPTIONS,
  type CallOptions,
  type Client,
  checkOptions,
  LIST_OPTIONS,
  type RequestOptions,
} from './createClient';
import { invalid } from './errors';
import { parseModelRef } from './parseModelRef';
import type { Mapper, ProviderRoutes, Route } from './provider';
import type { ModelRef } from './types';

type Routes = Required<ProviderRoutes>;

/**
 * The request options of one operation, once its own options (`o`, by `rules`) passed their
 * checks: an option or operation the provider lacks is refused here.
 */
export const requestOptions = (
  client: Client,
  label: string,
  o: CallOptions = {},
  more?: RequestOptions,
  rules = CALL_OPTIONS,
): RequestOptions => {
  checkOptions(label, o, rules, false, client.provider);
  return { label, signal: o.signal, ...more };
};

/**
 * One call of a route the provider gives: the options are checked first (an operation or option
 * the provider lacks is refused), then the route is built (it refuses bad segments, and an
 * operation whose route the provider does not have is a `TypeError`, never a request elsewhere).
 * A plain path is a `GET`; a text body is sent as it is (a search), anything else as JSON. Reads
 * and `PATCH`es are retried after a `5xx`; a `POST` or `DELETE` is not, as it may have happened.
 */
export async function callRoute<T>(
  client: Client,
  at: string,
  o: CallOptions,
  route: (routes: Routes) => Route,
  map: Mapper<T>,
  rules = CALL_OPTIONS,
): Promise<T> {
  const { provider } = client;
  const options = requestOptions(client, at, o, undefined, rules);
  const routes = new Proxy(provider.routes as Routes, {
    get(all, name) {
      const build = all[name as keyof Routes];
      if (!build) throw new TypeError(`${at}: \`${at}\` is not available on ${provider.name}.`);
      return build;
    },
  });
  const built = route(routes);
  const [method, path, body] = typeof built === 'string' ? ['GET', built] : built;
  const text = typeof body === 'string';
  const raw = await client.request(method, path, {
    ...options,
    data: text ? body : undefined,
    body: text ? undefined : body,
    idempotent: method !== 'POST' && method !== 'DELETE',
  });
  return map(raw, at);
}

/** `callRoute` for a list: its page options are checked, and each item is mapped by `item`. */
export const callPageRoute = <T>(
  client: Client,
  at: string,
  o: CallOptions,
  route: (routes: Routes) => Route,
  item: Mapper<T>,
) => callRoute(client, at, o, route, (raw) => client.provider.mapPage(raw, at, item), LIST_OPTIONS);

/** A model reference for `at`, which must name a version when `versioned`. */
export const parseRef = (at: string, value: string | ModelRef, versioned?: boolean): ModelRef => {
  const ref = parseModelRef(value);
  if (versioned && !ref.version) {
    throw invalid(at, 'model', 'owner/name:N or owner/name:<version id>, with a version', value);
  }
  return ref;
};
