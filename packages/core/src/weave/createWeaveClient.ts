import { checkOptions, type Rules, TEXT } from '../checkOptions';
import { type CallOptions, type Client, type ClientOptions, clientFor } from '../createClient';
import { invalid, PredictKitError } from '../errors';
import { inBrowser } from '../inBrowser';
import { isObject, isText } from '../isObject';
import { pathSegment } from '../parseModelRef';
import type { Provider } from '../provider';
import { readEnv } from '../readEnv';
import { mapFastApiError } from '../wriftai';

export interface WeaveClientOptions
  extends Pick<ClientOptions, 'fetch' | 'headers' | 'timeoutMs' | 'retries' | 'userAgent'> {
  /** The W&B entity (a user or team) that owns `project`. */
  entity: string;
  project: string;
  /**
   * The W&B API key, sent as HTTP Basic's password with the user `api`. Default `WANDB_API_KEY` on
   * servers. Refused in browsers, see `dangerouslyAllowBrowser`.
   */
  apiKey?: string | undefined;
  /** Default `WEAVE_BASE_URL` on servers, else `https://trace.wandb.ai`. */
  baseUrl?: string | undefined;
  /** Accept `apiKey` in a browser anyway: only for a page no one else can open (a local tool, a test). */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/**
 * Weave's trace server, for one project: what the Weave operations take (`createWeavePrediction(weave, …)`).
 * Its `request` is core's, with the same timeouts, retries and typed errors.
 */
export interface WeaveClient {
  readonly baseUrl: string;
  readonly entity: string;
  readonly project: string;
  readonly timeoutMs: number;
  request: Client['request'];
}

const WEAVE_OPTIONS: Rules = {
  entity: TEXT,
  project: TEXT,
  apiKey: TEXT,
  baseUrl: [isText, 'a URL'],
  fetch: [(v) => typeof v === 'function', 'a function'],
  headers: [isObject, 'an object'],
  timeoutMs: [(v) => typeof v === 'number' && v > 0, 'a number > 0'],
  retries: [(v) => Number.isInteger(v) && (v as number) >= 0, 'a whole number ≥ 0'],
  userAgent: TEXT,
  dangerouslyAllowBrowser: [(v) => typeof v === 'boolean', 'a boolean'],
};

// Core's client takes a provider for its name, base URL, variables and error words only; Weave has
// none of the prediction routes a `Provider` describes, so it gets no more than those.
const weaveService = {
  name: 'Weave',
  defaultBaseUrl: 'https://trace.wandb.ai',
  env: { token: 'WANDB_API_KEY', baseUrl: 'WEAVE_BASE_URL' },
  mapError: mapFastApiError,
} satisfies Pick<Provider, 'name' | 'defaultBaseUrl' | 'env' | 'mapError'>;

/**
 * A client of Weave's v2 API (predictions, evaluation runs, scores, models) for one `entity/project`.
 * Server-side: the key is read from `WANDB_API_KEY` unless given, and refused in a browser.
 */
export function createWeaveClient(options: WeaveClientOptions): WeaveClient {
  const at = 'createWeaveClient';
  checkOptions(at, options, WEAVE_OPTIONS, true);
  for (const name of ['entity', 'project'] as const) {
    if (!isText(options[name])) throw invalid(at, name, 'a non-empty string', options[name]);
    try {
      pathSegment(options[name], name);
    } catch {
      throw invalid(at, name, 'one path segment (no `/`)', options[name]);
    }
  }
  const browser = inBrowser();
  const env = (name: string) => (browser ? undefined : readEnv(name));
  const { entity, project, apiKey = env(weaveService.env.token), dangerouslyAllowBrowser, ...rest } = options;
  if (options.apiKey && browser && !dangerouslyAllowBrowser) {
    throw new PredictKitError(
      `${at}: every visitor can read an API key in a browser. Log to Weave from your server, ` +
        'or set `dangerouslyAllowBrowser: true`.',
    );
  }
  let authorization: string | undefined;
  if (apiKey) {
    try {
      authorization = `Basic ${btoa(`api:${apiKey}`)}`;
    } catch {
      throw invalid(at, 'apiKey', 'Latin-1 text (a W&B API key)', '(hidden)', 'other characters');
    }
  }
  const client = clientFor(weaveService as Provider, {
    ...rest,
    baseUrl: options.baseUrl ?? env(weaveService.env.baseUrl) ?? weaveService.defaultBaseUrl,
    // Basic, not core's Bearer: given as a header, it replaces what core would send (headers win).
    headers: { ...(authorization && { authorization }), ...rest.headers },
  });
  return { baseUrl: client.baseUrl, entity, project, timeoutMs: client.timeoutMs, request: client.request };
}

/** `/v2/{entity}/{project}` and `rest`: every v2 route is under the project. */
export const projectPath = (client: WeaveClient, rest: string): string =>
  `/v2/${pathSegment(client.entity, 'entity')}/${pathSegment(client.project, 'project')}${rest}`;

/** `what` as one path segment of `at`'s route, or a `TypeError` naming it. */
export const segment = (at: string, name: string, what: unknown): string => {
  try {
    return pathSegment(what, name);
  } catch {
    throw invalid(at, name, 'a non-empty id of one path segment', what);
  }
};

/** Throws unless `client` is a Weave client, so that a PredictKit client passed by mistake says so. */
export function checkClient(at: string, client: unknown): asserts client is WeaveClient {
  const c = client as Partial<WeaveClient> | undefined;
  if (!isObject(c) || typeof c.request !== 'function' || !isText(c.entity) || !isText(c.project)) {
    throw invalid(at, 'client', 'a Weave client (createWeaveClient)', client);
  }
}

export type { CallOptions };
