import { CHECKED_APART, checkOptions, type Rule } from '../checkOptions';
import type { FetchLike } from '../createClient';
import { discardBody } from '../discardBody';
import { ApiError, show } from '../errors';
import { isTerminal } from '../isTerminal';
import { formatModelRef, parseModelRef } from '../parseModelRef';
import { modelPath, type Provider } from '../provider';
import { readEnv } from '../readEnv';
import { isWebhookEvent, WEBHOOK_EVENTS } from '../replicate/isWebhookEvent';
import { isRecord } from '../schema/isRecord';
import type { ModelRef, Prediction, WebhookConfig } from '../types';
import { wriftaiService } from '../wriftai';
import { createMemoryOwnershipStore, type OwnershipStore } from './createMemoryOwnershipStore';
import { fileSafetyHeaders } from './fileSafetyHeaders';
import { handToSinks, type PredictionSink, sinksProblem } from './PredictionSink';
import { type CreateTarget, type ProxyRules, type RouteKind, SEGMENT } from './ProxyRules';
import { privateModels } from './privateModels';
import { readCapped } from './readCapped';
import {
  DEFAULT_FEEDBACK,
  FEEDBACK_BODY_BYTES,
  type FeedbackScales,
  feedbackScalesProblem,
  readFeedback,
} from './readFeedback';
import { replicateProxyRules } from './replicateProxyRules';
import { rewriteLines } from './rewriteLines';
import { mintVisitorId, visitorCookies } from './visitorCookie';
import { wriftaiProxyRules } from './wriftaiProxyRules';

/** What the proxy reads of a client provider. */
export type ProxyProvider = Pick<Provider, 'name' | 'defaultBaseUrl' | 'env' | 'lacks' | 'mapPrediction'>;

/** What `authorize` is told besides the request and the prediction. */
export interface ProxyAccess {
  /** Who is asking: `identify`'s answer, or the anonymous visitor's cookie id; `undefined` for neither. */
  visitor: string | undefined;
  /** Whether this visitor created the prediction through this proxy. */
  owned: boolean;
}

export interface ProxyHandlerOptions {
  /**
   * The service behind the proxy: `wriftai` (the default) or `replicate` (from
   * `@predictkit/core/replicate`). It names the routes passed on and the environment read.
   */
  provider?: ProxyProvider | undefined;
  /** The server-held token; default the provider's variable (`WRIFTAI_ACCESS_TOKEN`, `REPLICATE_API_TOKEN`). */
  token?: string | undefined;
  /** The API's base URL; default the provider's variable, else its public API. */
  upstream?: string | undefined;
  /**
   * The models the browser may create predictions on: `owner/name` (any version), `owner/name:N`
   * or `owner/name:<version id>` (that version only), `'*'` (every model), or a predicate.
   * Required, so that a proxy never runs anything by accident. A bare Replicate version id names no
   * model: it runs when it is a version of one of the first 8 models the list allows at any version
   * (asked of the upstream), or listed itself, or with `'*'`; a predicate, which could only be
   * guessing its model, refuses it.
   */
  allowModels: string[] | ((model: ModelRef) => boolean);
  /** The deployments (`owner/name`) the browser may create predictions on, where the service has them. Default none. */
  allowDeployments?: string[] | undefined;
  /** The largest request body forwarded, in bytes; larger ones get `413`. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
  /** The largest file upload forwarded (where the service takes uploads), in bytes. Default 10 MiB. */
  maxUploadBytes?: number | undefined;
  /** The path the handler is mounted at, e.g. `/api/predictkit`; default none. */
  basePath?: string | undefined;
  /** How the upstream is reached; default the global `fetch`. */
  fetch?: FetchLike | undefined;
  /**
   * The origin browsers reach this app at, e.g. `https://app.example.com`: the upstream's absolute
   * URLs in answers (`urls.stream`, output files) become URLs of this proxy on it. By default they
   * become root-relative (`/api/predictkit/…`), which a browser resolves against its page. Never
   * taken from the request's `Host`, which a client chooses.
   */
  publicOrigin?: string | undefined;
  /**
   * Who is asking, for an app with its own users: a stable id (their predictions then follow them
   * from device to device), or `null`/`undefined` to answer prediction requests with `401`. By
   * default each browser is an anonymous visitor, known by a random id in an `HttpOnly` cookie.
   */
  identify?: (request: Request) => string | null | undefined | Promise<string | null | undefined>;
  /**
   * The secret the anonymous visitors' cookies are signed with (HMAC-SHA-256), so that the proxy
   * takes only ids it minted. Default the token: a new token makes the cookies signed with the old
   * one unknown, and their visitors' earlier predictions no longer theirs. Pass a secret of its own
   * (the same in every process of the app) to keep them across a change of token.
   */
  cookieSecret?: string | undefined;
  /**
   * Which visitor created which prediction. Default: this process's memory (see
   * `createMemoryOwnershipStore`); an app served by several processes passes a shared store.
   */
  ownership?: OwnershipStore | undefined;
  /**
   * Decides whether a request may reach an existing prediction (read, stream, cancel, or a row of
   * the list). Default: only the visitor who created it through this proxy (`access.owned`). An id
   * alone is never enough: without this option, a prediction made elsewhere is not reachable.
   */
  authorize?:
    | ((request: Request, prediction: Prediction, access: ProxyAccess) => boolean | Promise<boolean>)
    | undefined;
  /** Attached to every create, so the service reports to the app's own webhook handler. */
  webhook?: WebhookConfig | undefined;
  /**
   * Forward a `webhook` the browser puts in a create. Off by default (`400`): it would let any
   * visitor make the service POST to an address of their choosing.
   */
  allowBrowserWebhooks?: boolean | undefined;
  /**
   * Told of a failure inside the proxy (a throwing `identify`, `authorize` or store) and of a token
   * the upstream refuses. Default `console.error`.
   */
  onError?: ((error: unknown, request: Request) => void) | undefined;
  /**
   * Where each finished prediction a browser reads through the proxy goes (a create that waited, a
   * read, a cancel, the end of a stream), as the service sent it, such as `createWeaveLogger`'s
   * logger. A prediction no browser follows to its end is not seen here: set `webhook` too, and
   * hand its deliveries to `createWebhookHandler` with the same sinks.
   */
  sinks?: PredictionSink[] | undefined;
  /**
   * The feedback a browser may send on a finished prediction it can reach, at
   * `POST {basePath}/predictions/{id}/feedback` (`sendFeedback` from `@predictkit/core/feedback`,
   * `useScorePrediction`): scorer names and their whole-number ranges. Each score goes to the sinks
   * that record scores (`score`, such as `createWeaveLogger`'s), and the answer waits until they
   * have. Default `{ thumbs: { min: 0, max: 1 }, rating: { min: 1, max: 5 } }`.
   */
  feedback?: FeedbackScales | undefined;
}

/** Each service's rules, by its provider's name. */
const RULES: ProxyRules[] = [wriftaiProxyRules, replicateProxyRules];

/** The proxy's own route, the same for every service. */
const FEEDBACK_ROUTE: ProxyRules['routes'][number] = [
  'POST',
  new RegExp(`^/predictions/(${SEGMENT})/feedback$`),
  'feedback',
];

/**
 * Hop-by-hop and encoding headers describe one connection, not the message: never forwarded.
 * (`fetch` has already decoded the body, so its `content-encoding` no longer holds.)
 */
const DROPPED = ['connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'set-cookie'];

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const MULTIPART_TYPE = /^multipart\/form-data\s*;/i;

/** The ownership store's key for the files `visitor` uploaded, apart from its predictions. */
const filesOf = (visitor: string) => `files:${visitor}`;

/** The prefix of a cursor that names the page before a row. */
const BEFORE = 'before-';
/** The visitor's list pages, where the service takes no page size. */
const PAGE_SIZE = 25;
/** Upstream reads a list page makes at once. */
const LIST_CONCURRENCY = 5;
/** The signed downloads in one create's input that the upstream is asked about, at most. */
const SIGNED_DOWNLOAD_CHECKS = 8;
/** The models a bare Replicate version id is looked for in, at most, per create. */
const BARE_VERSION_LOOKUPS = 8;
/** List rows of finished predictions kept, so that paging back through history reads nothing again. */
const FINISHED_ROWS = 5_000;
/** Versions checked to belong to their model (or not), kept so that each is asked about once. */
const KNOWN_VERSIONS = 1_000;
/** How long a version found not to be a model's is taken as not being one without asking again. */
const NOT_A_VERSION_MS = 60_000;
/**
 * Predictions taken over from each other id a visitor sends: an id minted by one of the creates a
 * new visitor sent at once made one; more are no such id's, and would make each request costly.
 */
const MAX_TAKEN_OVER = 10;
/**
 * Ids minted this close together are the creates a new visitor sent at once (a create may wait
 * 60 s and more for its answer). Ids minted further apart are never a browser's own: one was
 * planted in it by another page of the host.
 */
const MINTED_TOGETHER_MS = 300_000;

const json = (status: number, detail: unknown, headers?: HeadersInit) =>
  Response.json({ detail }, { status, headers: { 'cache-control': 'no-store', ...headers } });

/** The same answer as for a prediction that does not exist, so that a refusal tells nothing. */
const notFound = (id: string) => json(404, `Prediction ${id} not found.`);

/** Nginx's "client closed request": no one reads it, but a handler must still resolve with something. */
const gone = () =>
  json(499, 'The client closed the request before it was answered; nothing more was forwarded.');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Adds `key` to a bounded set, forgetting the oldest first. */
function remember<T>(map: Map<string, T>, key: string, value: T, max: number) {
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}

/** Runs `work` over `items`, at most `limit` at a time, keeping their order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** The options by name, so that a misspelt one (`publicorigin`, which would weaken a check) is refused. */
const OPTIONS: Record<keyof ProxyHandlerOptions, Rule> = {
  provider: CHECKED_APART,
  token: CHECKED_APART,
  upstream: CHECKED_APART,
  allowModels: CHECKED_APART,
  allowDeployments: CHECKED_APART,
  maxBodyBytes: CHECKED_APART,
  maxUploadBytes: CHECKED_APART,
  basePath: CHECKED_APART,
  fetch: CHECKED_APART,
  publicOrigin: CHECKED_APART,
  identify: CHECKED_APART,
  cookieSecret: CHECKED_APART,
  ownership: CHECKED_APART,
  authorize: CHECKED_APART,
  webhook: CHECKED_APART,
  allowBrowserWebhooks: CHECKED_APART,
  onError: CHECKED_APART,
  sinks: CHECKED_APART,
  feedback: CHECKED_APART,
};

function checkProxyOptions(options: Partial<ProxyHandlerOptions>, upstream: string | undefined) {
  const fail = (message: string) => {
    throw new TypeError(`createProxyHandler: ${message}`);
  };
  checkOptions('createProxyHandler', options, OPTIONS, true);
  const { maxBodyBytes, maxUploadBytes, basePath, publicOrigin } = options;
  if (upstream !== undefined && !/^https?:\/\//.test(upstream)) {
    fail(`\`upstream\` must be an absolute http(s) URL, got ${JSON.stringify(upstream)}.`);
  }
  for (const [name, value] of Object.entries({ maxBodyBytes, maxUploadBytes })) {
    if (value !== undefined && !(value > 0)) fail(`\`${name}\` must be > 0, got ${value}.`);
  }
  if (basePath && !/^\/.*[^/]$/.test(basePath)) {
    fail(`\`basePath\` must start with \`/\` and not end with one, got ${JSON.stringify(basePath)}.`);
  }
  if (publicOrigin !== undefined) {
    let origin: string | undefined;
    try {
      origin = new URL(publicOrigin).origin;
    } catch {}
    if (!origin || origin !== publicOrigin.replace(/\/$/, '') || !/^https?:/.test(origin)) {
      fail(
        `\`publicOrigin\` must be an http(s) origin with no path, such as "https://app.example.com", got ${JSON.stringify(publicOrigin)}.`,
      );
    }
  }
  if (
    options.cookieSecret !== undefined &&
    !(typeof options.cookieSecret === 'string' && options.cookieSecret.length >= 16)
  ) {
    fail('`cookieSecret` must be a string of 16 characters or more, such as 32 random bytes in base64.');
  }
  for (const name of ['identify', 'authorize', 'onError'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function')
      fail(`\`${name}\` must be a function.`);
  }
  const { ownership, webhook, provider, allowDeployments } = options;
  if (
    ownership !== undefined &&
    !['add', 'owns', 'list'].every((m) => typeof (ownership as never)[m] === 'function')
  ) {
    fail('`ownership` must have `add`, `owns` and `list` methods (see createMemoryOwnershipStore).');
  }
  if (webhook !== undefined && !/^https?:\/\//.test(String(webhook?.url))) {
    fail('`webhook` must be `{ url, secret?, events? }` with an absolute http(s) `url`.');
  }
  if (provider !== undefined && !RULES.some((r) => r.name === provider?.name)) {
    fail(
      `\`provider\` must be \`wriftai\` (from @predictkit/core) or \`replicate\` (from @predictkit/core/replicate), the object itself, got ${provider && typeof provider === 'object' ? JSON.stringify(provider.name) : show(provider)}.`,
    );
  }
  if (allowDeployments !== undefined && !Array.isArray(allowDeployments)) {
    fail('`allowDeployments` must be a list of `owner/name` deployments.');
  }
  const sinks = sinksProblem('sinks', options.sinks);
  if (sinks) fail(sinks);
  const scales = feedbackScalesProblem(options.feedback);
  if (scales) fail(scales);
}

/**
 * An entry of `allowModels` (or of `allowDeployments`) as a `ModelRef`, or a `TypeError` saying how
 * the service writes it: a version the service would never be asked for, or a deployment at a
 * version, would refuse every create on it with a `403` that names a list it seems to be in.
 */
function listed(provider: ProxyProvider, rules: ProxyRules, ref: string, option = 'allowModels'): ModelRef {
  const fail = (why: string) => {
    throw new TypeError(`createProxyHandler: \`${option}\` has ${show(ref)}: ${why}`);
  };
  let parsed: ModelRef | undefined;
  try {
    parsed = parseModelRef(ref);
  } catch (error) {
    fail((error as Error).message);
  }
  const { version } = parsed!;
  if (option !== 'allowModels') {
    if (provider.lacks?.includes('deployment')) fail(`${provider.name} has no deployments.`);
    if (version !== undefined) fail('a deployment is `owner/name`, with no version (it runs its own).');
  } else if (version !== undefined && !rules.version[0](version)) {
    fail(`a version on ${provider.name} is ${rules.version[1]}.`);
  }
  return parsed!;
}

/** What is wrong with the `webhook` option on `provider`'s service: a field it does not have, or an event it does not send. */
function webhookProblem(provider: ProxyProvider, webhook: WebhookConfig): string | undefined {
  for (const field of ['secret', 'events'] as const) {
    if (webhook[field] !== undefined && provider.lacks?.includes(`webhook.${field}`)) {
      return `\`${field}\` is not available on ${provider.name}: leave it out.`;
    }
  }
  const { events } = webhook;
  if (events !== undefined && !(Array.isArray(events) && events.every(isWebhookEvent))) {
    return `\`events\` must be ${WEBHOOK_EVENTS}.`;
  }
}

/**
 * A `Request → Response` handler that lets a browser use the API without ever holding the token,
 * and without reaching anyone else's predictions.
 *
 * It forwards only the prediction and model endpoints of its service (plus output files and, where
 * the service takes them, uploads), adds the token, drops whatever credentials the browser sent,
 * refuses creates on models outside `allowModels` (`403`) and creates that carry a browser's
 * webhook (`400`), and caps request bodies (`413`). Each browser is a visitor (`identify`, or an
 * anonymous `HttpOnly` cookie): it may read, stream, cancel and list only the predictions it
 * created through this proxy, unless `authorize` says otherwise; any other prediction is a `404`,
 * as if it did not exist. Streams pass through as they arrive; the upstream's absolute URLs become
 * this proxy's (root-relative, or on `publicOrigin`); files pass through untouched (ranges and
 * revalidation included). It answers `502` when the upstream cannot be reached, `401` when the
 * upstream refuses the server's token (told to `onError`), `499` when the browser left before the
 * answer, and `404` for anything else; every refusal is `{detail}` JSON.
 * It always resolves: no failure becomes a rejection.
 */
export function createProxyHandler(options: ProxyHandlerOptions): (request: Request) => Promise<Response> {
  const {
    allowModels,
    maxBodyBytes = 1_048_576,
    maxUploadBytes = 10_485_760,
    basePath = '',
    identify,
    authorize,
    provider = wriftaiService,
  } = options ?? {};
  checkProxyOptions(options ?? {}, options?.upstream);
  const envToken = provider.env.token;
  if (options?.token !== undefined && !options.token)
    throw new TypeError(`createProxyHandler: no token: pass \`token\`, or set ${envToken} on the server.`);
  const rules = RULES.find((r) => r.name === provider.name)!;
  const problem = options?.webhook && webhookProblem(provider, options.webhook);
  if (problem) throw new TypeError(`createProxyHandler: \`webhook\`: ${problem}`);
  // The environment is read at the first request, not here: a framework may load this module
  // while building, where the server's secrets are not set.
  let token = '';
  // When a refused token was last told to `onError`.
  let tokenRefusedAt = -Infinity;
  let upstream = '';
  let upstreamPath = '';
  const configure = () => {
    token ||= options.token ?? readEnv(envToken) ?? '';
    if (!token) {
      throw new TypeError(`createProxyHandler: no token: pass \`token\`, or set ${envToken} on the server.`);
    }
    if (!upstream) {
      const url = (options.upstream ?? readEnv(provider.env.baseUrl) ?? provider.defaultBaseUrl).replace(
        /\/+$/,
        '',
      );
      checkProxyOptions({}, url);
      upstreamPath = new URL(url).pathname.replace(/\/+$/, '');
      upstream = url;
    }
  };
  const doFetch = options.fetch ?? ((request: Request) => fetch(request));
  const ownership = options.ownership ?? createMemoryOwnershipStore();
  const onError = options.onError ?? ((error: unknown) => console.error('createProxyHandler:', error));
  const sinks = options.sinks ?? [];
  const scales = options.feedback ?? DEFAULT_FEEDBACK;
  /** Predictions handed to the sinks already: a finished one read again is not handed again. */
  const logged = new Map<string, true>();
  /** Hands the upstream's answer to the sinks if it is a prediction that has finished. */
  const offer = (raw: unknown, request: Request) => {
    if (!sinks.length) return;
    try {
      const prediction = provider.mapPrediction(raw, 'createProxyHandler');
      if (logged.has(prediction.id)) return;
      if (handToSinks(sinks, prediction, (error) => onError(error, request))) {
        remember(logged, prediction.id, true, FINISHED_ROWS);
      }
    } catch (error) {
      onError(error, request);
    }
  };
  /**
   * The relayed stream, and once it ends the prediction read once more for the sinks: a stream's
   * last event need not carry the prediction (Replicate's `done` does not). The read is the proxy's
   * own, so it is made even when the browser has left.
   */
  const afterStream = (res: Response, id: string, request: Request) => {
    const settle = new TransformStream<Uint8Array, Uint8Array>({
      flush: () => {
        void load(new Request(request.url), id).then(
          (loaded) => {
            if (!(loaded instanceof Response)) offer(loaded, request);
          },
          (error) => onError(error, request),
        );
      },
    });
    return new Response(res.body!.pipeThrough(settle), res);
  };
  if (typeof allowModels !== 'function' && !Array.isArray(allowModels)) {
    throw new TypeError(
      'createProxyHandler: `allowModels` is required: list the models the browser may run, e.g. ' +
        "['predictkit/echo'], or ['*'] to allow any.",
    );
  }
  const everyModel = Array.isArray(allowModels) && allowModels.includes('*');
  const allowedList =
    Array.isArray(allowModels) && !everyModel ? allowModels.map((ref) => listed(provider, rules, ref)) : [];
  const allowed =
    typeof allowModels === 'function'
      ? allowModels
      : (m: ModelRef) =>
          everyModel ||
          allowedList.some(
            (a) => a.owner === m.owner && a.name === m.name && (!a.version || a.version === m.version),
          );
  // Any version: a model whose one version visitors may run is a model they may see.
  const catalog = privateModels(
    typeof allowModels === 'function'
      ? allowModels
      : (m) => everyModel || allowedList.some((a) => a.owner === m.owner && a.name === m.name),
    allowed,
  );
  // A model the list allows at every version is shown whole, whatever its visibility.
  const wholeModel = (m: ModelRef) =>
    typeof allowModels !== 'function' &&
    (everyModel || allowedList.some((a) => a.owner === m.owner && a.name === m.name && !a.version));
  const deployments = (options.allowDeployments ?? []).map((ref) =>
    formatModelRef(listed(provider, rules, ref, 'allowDeployments')),
  );
  const publicOrigin = options.publicOrigin?.replace(/\/$/, '') ?? '';
  const own = publicOrigin + basePath;
  const rewrite = (text: string) => text.replaceAll(upstream, own);
  // The proxy's own file URLs in a create's input are the upstream's again: a file shown as an
  // output can be passed to the next model. Written out on the page's origin, they are the same.
  const unwrite = (text: string, request: Request) =>
    [own, new URL(request.url).origin + basePath].reduce(
      (out, at) => out.replaceAll(`"${at}/files/`, `"${upstream}/files/`),
      text,
    );
  // On https, whether `publicOrigin` says so or only the request's URL does, the cookie is a
  // `__Host-` one, which no sibling subdomain and no plain-http page can plant.
  // Read after `configure`, which reads the token.
  const cookieSecret = () => options.cookieSecret ?? token;
  const httpCookies = visitorCookies(false, basePath || '/', cookieSecret);
  const httpsCookies = visitorCookies(true, basePath || '/', cookieSecret);
  const cookiesFor = (request: Request) =>
    publicOrigin.startsWith('https:') || request.url.startsWith('https:') ? httpsCookies : httpCookies;
  const forwarded = ['accept', 'content-type', ...rules.headers];

  /**
   * One request to the upstream with the token and, unless it is the proxy's own read, the API
   * headers the browser sent. `url` is a path under the upstream, or a stream URL of the service's
   * (another host gets no token). An upstream out of reach is a `502` answer, not a rejection.
   */
  const send = async (
    request: Request,
    method: string,
    url: string,
    body?: BodyInit,
    as: 'browser' | 'proxy' | 'signed' = 'browser',
  ) => {
    const target = /^https?:/.test(url) ? url : upstream + url;
    const headers = new Headers({ accept: 'application/json' });
    if (as !== 'signed' && new URL(target).origin === new URL(upstream).origin) {
      headers.set('authorization', `Bearer ${token}`);
    }
    for (const name of as === 'proxy' ? [] : forwarded) {
      const value = request.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    let res: Response;
    try {
      res = await doFetch(new Request(target, { method, headers, body, signal: request.signal }));
    } catch (error) {
      if (request.signal.aborted) throw error;
      return json(
        502,
        `The prediction service could not be reached (${(error as Error)?.message}). Try again shortly.`,
      );
    }
    // The browser's credentials never go upstream: a `401` from the upstream itself (not from where
    // a file's redirect led) refuses the server's token, which is the server's to fix. Its log says
    // so, once a minute at most, as every visitor's request meets it; a visitor is told no more.
    const redirected = !!res.url && new URL(res.url).origin !== new URL(target).origin;
    if (res.status !== 401 || !headers.has('authorization') || redirected) return res;
    const refusal = parseJson(await res.text().catch(() => ''));
    if (Date.now() - tokenRefusedAt > 60_000) {
      tokenRefusedAt = Date.now();
      // Both services say why in `detail`.
      const detail = isRecord(refusal) && typeof refusal.detail === 'string' ? refusal.detail : '';
      onError(
        new ApiError(
          `${provider.name} refused the server's token (401 to ${method} ${new URL(target).pathname}${detail ? `: ${detail.replace(/\.$/, '')}` : ''}). Set ${envToken}, or \`token\`, to a valid one.`,
          { status: 401, requestId: res.headers.get('x-request-id') ?? undefined, body: refusal, detail },
        ),
        request,
      );
    }
    return json(401, "The prediction service refused this server's token; the server log says why.");
  };

  /**
   * A prediction as this proxy serves it: its stream through the proxy (the service may stream from
   * another host, or with a signature of its own that only the proxy needs), and without the
   * server's own webhook, whose address (a secret in its query, often) is the server's business.
   */
  const ownPrediction = (text: string) => {
    const value = parseJson(text);
    if (!isRecord(value)) return text;
    const urls = isRecord(value.urls) ? value.urls : undefined;
    if (typeof urls?.stream === 'string') urls.stream = `${own}/predictions/${value.id}/stream`;
    if (options.webhook) {
      delete value.webhook;
      delete value.webhook_events_filter;
    }
    return JSON.stringify(value);
  };

  const signIn = () => json(401, 'Sign in first: this app lets only signed-in users reach predictions.');

  /** The upstream's answer as the browser gets it: its headers cleaned, its URLs made this proxy's. */
  const relay = async (
    res: Response,
    kind: RouteKind | 'file',
    text?: string,
    request?: Request,
  ): Promise<Response> => {
    const out = new Headers(res.headers);
    for (const name of DROPPED) out.delete(name);
    // A decoded body is longer than the encoded one the length counted.
    if (res.headers.has('content-encoding')) out.delete('content-length');
    const location = out.get('location');
    if (location) {
      out.set(
        'location',
        location.startsWith(`${upstreamPath}/`)
          ? own + location.slice(upstreamPath.length)
          : rewrite(location),
      );
    }
    // A visitor's own answer is never kept by a cache shared with other visitors.
    if (kind !== 'public' && kind !== 'file') out.set('cache-control', 'no-store');
    const type = out.get('content-type') ?? '';
    // Read as the type it says, never sniffed as another.
    out.set('x-content-type-options', 'nosniff');
    // A file is shown by a page or saved, never opened as a page of this origin, where its script
    // would run with the visitor's cookie.
    if (kind === 'file')
      for (const [name, value] of Object.entries(fileSafetyHeaders(type))) out.set(name, value);
    let answer: BodyInit | null = text ?? res.body;
    // Files pass as they are, byte for byte, so ranges (`206`) and their lengths stay true.
    if (res.body && kind !== 'file') {
      if (type.includes('text/event-stream')) {
        // Tells nginx-style reverse proxies not to buffer the stream either.
        out.set('x-accel-buffering', 'no');
        out.delete('content-length');
        answer = res.body.pipeThrough(rewriteLines(rewrite));
      } else if (type.includes('json')) {
        out.delete('content-length');
        const raw = text ?? (await res.text());
        answer = rewrite(raw);
        if (res.ok && (kind === 'create' || kind === 'read' || kind === 'cancel')) {
          answer = ownPrediction(answer);
          if (request) offer(parseJson(raw), request);
        }
      }
    }
    return new Response(answer, { status: res.status, statusText: res.statusText, headers: out });
  };

  /** The prediction as the upstream sends it, or the upstream's error answer. */
  const load = async (request: Request, id: string): Promise<Record<string, unknown> | Response> => {
    const res = await send(request, 'GET', `/predictions/${id}`, undefined, 'proxy');
    if (!res.ok) return res;
    return (await res.json()) as Record<string, unknown>;
  };

  const mayReach = async (request: Request, raw: unknown, access: ProxyAccess) =>
    authorize
      ? (await authorize(request, provider.mapPrediction(raw, 'createProxyHandler'), access)) === true
      : access.owned;

  // A finished prediction's row never changes (what a row leaves out is what a service may later
  // remove), so without an `authorize` to ask each time it is read from the upstream once.
  const finished = new Map<string, unknown>();

  /** One row of the visitor's list: the row, `null` for one `authorize` hides, or the upstream's error. */
  const readRow = async (request: Request, id: string, visitor: string | undefined) => {
    const known = authorize ? undefined : finished.get(id);
    if (known) return known;
    const prediction = await load(request, id);
    if (prediction instanceof Response) return prediction;
    if (!(await mayReach(request, prediction, { visitor, owned: true }))) return null;
    const item = rules.listItem(prediction as unknown as Prediction);
    if (!authorize && isTerminal(provider.mapPrediction(prediction, 'createProxyHandler').status)) {
      remember(finished, id, item, FINISHED_ROWS);
    }
    return item;
  };

  async function list(request: Request, url: URL, visitor: string | undefined): Promise<Response> {
    let size = PAGE_SIZE;
    const sizing = rules.pageSize;
    const rawSize = sizing && url.searchParams.get(sizing.param);
    if (sizing) {
      size = rawSize == null ? sizing.default : Number(rawSize);
      if (!(Number.isInteger(size) && size >= sizing.min && size <= sizing.max)) {
        return rules.invalidQuery(
          sizing.param,
          `Input should be a whole number from ${sizing.min} to ${sizing.max}`,
          'less_than_equal',
        );
      }
    }
    const ids = visitor ? await ownership.list(visitor) : [];
    // A page after a row is named by that row's id (the next page's cursor), a page before one by
    // `BEFORE` and its id (the previous page's): an id stays with its row as newer rows come first.
    const cursor = url.searchParams.get('cursor');
    const back = !!cursor?.startsWith(BEFORE);
    // `BEFORE` alone names the end of the list: the page before it is the last one. (A cursor whose
    // own row was forgotten since is refused: nothing says where its page was.)
    const at =
      cursor === null
        ? -1
        : cursor === BEFORE
          ? ids.length
          : ids.indexOf(back ? cursor.slice(BEFORE.length) : cursor);
    if (cursor !== null && at < 0) {
      return rules.invalidQuery('cursor', 'Invalid cursor: start again from the first page', 'value_error');
    }
    // The rows read are `ids[first..end)`: onwards from the cursor's row, or back from it; back at
    // the newest row, onwards again (the first page, whole).
    let first = back ? at : at + 1;
    let end = first;
    const items: unknown[] = [];
    // Rows the upstream no longer has (or `authorize` hides) are skipped, and the page filled from
    // the rows beyond them, so that a full page means there may be more.
    while (items.length < size && ((back && first > 0) || end < ids.length)) {
      const need = size - items.length;
      const backward = back && first > 0;
      const batch = backward ? ids.slice(Math.max(0, first - need), first) : ids.slice(end, end + need);
      const rows = await mapLimited(batch, LIST_CONCURRENCY, (id) => readRow(request, id, visitor));
      const kept: unknown[] = [];
      for (const row of rows) {
        if (row instanceof Response) {
          if (row.status === 404) continue;
          return relay(row, 'list');
        }
        if (row) kept.push(row);
      }
      if (backward) {
        first -= batch.length;
        items.unshift(...kept);
      } else {
        end += batch.length;
        items.push(...kept);
      }
    }
    const link = (c: string) => {
      const query = new URLSearchParams(sizing ? { cursor: c, [sizing.param]: `${size}` } : { cursor: c });
      return { cursor: c, url: `${own}/predictions?${query}` };
    };
    const page = rules.page(
      items.map((item) => JSON.parse(ownPrediction(rewrite(JSON.stringify(item))))),
      end < ids.length ? link(ids[end - 1]!) : null,
      // A page past the end (its rows forgotten since its cursor was made) leads back to the last.
      first > 0 ? link(`${BEFORE}${ids[first] ?? ''}`) : null,
    );
    return new Response(JSON.stringify(page), {
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    });
  }

  /**
   * Whether `version` is a version of `model`, asked of the upstream (a `yes` is remembered: a
   * version never moves to another model; a `no` for a minute, so that a create sent again costs
   * the upstream nothing, and a version pushed since is found soon), or the upstream's answer when
   * it could not tell.
   */
  const versionOf = new Map<string, true>();
  const notVersionOf = new Map<string, number>();
  async function isVersionOf(
    request: Request,
    model: ModelRef,
    version: string,
  ): Promise<boolean | Response> {
    const key = formatModelRef({ ...model, version });
    if (versionOf.has(key)) return true;
    if (Date.now() - (notVersionOf.get(key) ?? -Infinity) < NOT_A_VERSION_MS) return false;
    const res = await send(request, 'GET', `${modelPath(model)}/versions/${version}`, undefined, 'proxy');
    // Only a `404` says the version is not the model's: an outage, a `429` or a refused token
    // reaches the browser as `send` answers it, to be retried or reported, not as a refusal.
    if (!res.ok && res.status !== 404) return relay(res, 'create');
    discardBody(res);
    if (res.ok) remember(versionOf, key, true, KNOWN_VERSIONS);
    else remember(notVersionOf, key, Date.now(), KNOWN_VERSIONS);
    return res.ok;
  }

  /** Why a create may not run, nothing when it may, or the upstream's answer when it could not tell. */
  async function refusal(request: Request, target: CreateTarget): Promise<string | Response> {
    if ('deployment' in target) {
      const name = formatModelRef(target.deployment);
      return deployments.includes(name)
        ? ''
        : `Deployment ${name} is not allowed through this proxy; add it to \`allowDeployments\` on the server.`;
    }
    if ('version' in target) return bareVersionRefusal(request, target.version);
    const { model } = target;
    if (!allowed(model)) {
      return `Model ${formatModelRef(model)} is not allowed through this proxy; add it to \`allowModels\` on the server.`;
    }
    // A version id names its model by itself: one that belongs to another model would run that one.
    if (typeof model.version !== 'string') return '';
    const mine = await isVersionOf(request, model, model.version);
    return mine === true
      ? ''
      : mine || `Version ${model.version} is not a version of ${model.owner}/${model.name}.`;
  }

  /**
   * A version id alone names no model (the official Replicate client sends `owner/name:<id>` so): it
   * runs with `'*'`, or when an entry names that very id, or when it is a version of a model allowed
   * at any version. Those are asked a few at a time, stopping at the first that has it, and at most
   * `BARE_VERSION_LOOKUPS`, so that one request costs the upstream few.
   */
  async function bareVersionRefusal(request: Request, version: string): Promise<string | Response> {
    if (everyModel || allowedList.some((a) => a.version === version)) return '';
    const words =
      typeof allowModels === 'function'
        ? `Version ${version} names no model, so \`allowModels\` cannot judge it: name its model (\`owner/name:${version}\`).`
        : `Version ${version} is not a version of a model \`allowModels\` allows on the server, so it may not run through this proxy.`;
    const models = allowedList.filter((a) => a.version === undefined).slice(0, BARE_VERSION_LOOKUPS);
    if (models.some((model) => versionOf.has(formatModelRef({ ...model, version })))) return '';
    let outage: Response | undefined;
    for (let i = 0; i < models.length; i += LIST_CONCURRENCY) {
      const answers = await Promise.allSettled(
        models.slice(i, i + LIST_CONCURRENCY).map((model) => isVersionOf(request, model, version)),
      );
      const failed = answers.find((a) => a.status === 'rejected');
      const found = answers.some((a) => a.status === 'fulfilled' && a.value === true);
      // One outage answers for all when no model had the version (the rest are let go, as are all
      // of them when the lookup itself failed, e.g. the browser left).
      for (const answer of answers) {
        if (answer.status !== 'fulfilled' || !(answer.value instanceof Response)) continue;
        if (!found && !failed && !outage) outage = answer.value;
        else discardBody(answer.value);
      }
      if (failed) {
        discardBody(outage);
        throw failed.reason;
      }
      if (found) {
        discardBody(outage);
        return '';
      }
    }
    return outage ?? words;
  }

  async function create(
    request: Request,
    path: string,
    captures: string[],
    body: Uint8Array,
    visitor: string,
  ): Promise<Response> {
    const text = new TextDecoder().decode(body);
    const parsed = parseJson(text);
    // What `JSON.parse` refuses, a looser parser upstream may still run (Python's reads `NaN`),
    // with a webhook this proxy never saw: only an object it has checked goes on.
    if (!isRecord(parsed)) {
      return json(400, 'A create’s body must be a JSON object, such as {"input": {…}}; this one is not.');
    }
    let why: string | Response = '';
    try {
      why = await refusal(request, rules.createTarget(captures, parsed, path));
    } catch (error) {
      why = `This proxy could not tell which model to run (${(error as Error).message}); send JSON naming one, such as "owner/name".`;
    }
    if (why instanceof Response) return why;
    if (why) return json(403, why);
    if (rules.hasWebhook(parsed) && !options.allowBrowserWebhooks) {
      return json(
        400,
        'This proxy does not forward a webhook from the browser: the server sets webhooks (the `webhook` option of createProxyHandler). Leave `webhook` out.',
      );
    }
    const foreign = await foreignUpload(request, parsed, visitor);
    if (foreign instanceof Response) return foreign;
    if (foreign) {
      return json(
        403,
        `File ${foreign} was not uploaded by this visitor: upload it through this proxy (POST ${basePath}/files) and pass its \`urls.get\`.`,
      );
    }
    // The text as sent, unless a webhook goes in: a seed beyond 2^53 keeps its digits.
    const forwarded = options.webhook ? JSON.stringify(rules.withWebhook(parsed, options.webhook)) : text;
    const res = await send(request, 'POST', path, unwrite(forwarded, request));
    if (!res.ok) return relay(res, 'create');
    const answer = await res.text();
    const id = (parseJson(answer) as { id?: unknown } | undefined)?.id;
    // Recorded before the browser hears of the prediction, so its first read is already its own.
    if (typeof id === 'string') await ownership.add(visitor, id);
    return relay(res, 'create', answer, request);
  }

  /** An upload, recorded as the visitor's before the browser hears of it. */
  async function upload(
    request: Request,
    path: string,
    body: Uint8Array,
    visitor: string,
  ): Promise<Response> {
    const res = await send(request, 'POST', path, body as BodyInit);
    if (!res.ok) return relay(res, 'upload');
    const text = await res.text();
    const id = (parseJson(text) as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') await ownership.add(filesOf(visitor), id);
    return relay(res, 'upload', text);
  }

  /**
   * Of the files a create's body names that the service would read for it with the token, the
   * first `visitor` may not use (its id), nothing, or the service's answer when it could not tell.
   * They are URLs on the service's host naming `/files/{id}` in any of its forms (the service reads
   * them, whatever the path's prefix), and this proxy's own file URLs, which `unwrite` makes the
   * service's. An upload is the visitor's own by the ownership store; a signed download (an
   * output's) is a capability of its own, which the service is asked to serve without the token.
   */
  async function foreignUpload(
    request: Request,
    body: unknown,
    visitor: string,
  ): Promise<string | Response | undefined> {
    if (rules.files !== 'signed') return;
    const upstreamHost = new URL(upstream).hostname;
    const here = [new URL(request.url).origin, publicOrigin];
    const uploads = new Set<string>();
    const downloads = new Map<string, string>();
    // Walked without recursion: a megabyte of nested arrays would overflow the stack.
    const stack = [body];
    while (stack.length) {
      const value = stack.pop();
      if (value && typeof value === 'object') for (const item of Object.values(value)) stack.push(item);
      // A URL, or a path from the root, as the URL parser reads them: after spaces and control
      // characters, and with `\` for `/` (text that only mentions a path is not taken for one).
      if (typeof value !== 'string' || !/^[\s\p{Cc}]*(?:[a-z][\w+.-]*:|[\\/])/iu.test(value)) continue;
      let url: URL;
      try {
        url = new URL(value, request.url);
      } catch {
        continue;
      }
      let path: string;
      if (url.hostname === upstreamHost) path = url.pathname;
      else if (here.includes(url.origin) && url.pathname.startsWith(`${basePath}/files/`)) {
        path = upstreamPath + url.pathname.slice(basePath.length);
      } else continue;
      const [, raw, download] = /\/files\/([^/]+)(\/download$)?/.exec(path) ?? [];
      if (raw === undefined) continue;
      let id = raw;
      try {
        id = decodeURIComponent(raw);
      } catch {}
      if (download && url.searchParams.has('signature') && path.startsWith(`${upstreamPath}/`)) {
        downloads.set(id, path.slice(upstreamPath.length) + url.search);
      } else uploads.add(id);
    }
    for (const id of uploads) if (!(await ownership.owns(filesOf(visitor), id))) return id;
    let asked = 0;
    for (const [id, download] of downloads) {
      if (++asked > SIGNED_DOWNLOAD_CHECKS) return id;
      const res = await send(request, 'GET', download, undefined, 'signed');
      // An outage or a `429` is no answer about the file: the browser hears it as it is, to retry.
      if (res.status >= 500 || res.status === 429) return relay(res, 'create');
      discardBody(res);
      if (!res.ok) return id;
    }
  }

  /** A browser's score of a prediction it may reach, recorded by every sink that records scores. */
  async function feedback(request: Request, id: string, access: ProxyAccess): Promise<Response> {
    const scoring = sinks.filter((sink) => sink.score);
    if (!scoring.length) {
      return json(
        404,
        'This proxy records no feedback: give createProxyHandler a sink that records scores, such as createWeaveLogger’s.',
      );
    }
    const body = await bodyOf(request, FEEDBACK_BODY_BYTES);
    if (body instanceof Response) return body;
    const score = readFeedback(parseJson(new TextDecoder().decode(body)), scales);
    if (typeof score === 'string') return json(422, score);
    const loaded = await load(request, id);
    if (loaded instanceof Response) return relay(loaded, 'read');
    if (!(await mayReach(request, loaded, access))) return notFound(id);
    const prediction = provider.mapPrediction(loaded, 'createProxyHandler');
    if (!isTerminal(prediction.status)) {
      return json(409, `Prediction ${id} is still ${prediction.status}: send feedback once it has finished.`);
    }
    try {
      await Promise.all(scoring.map((sink) => sink.score!(prediction, score.scorer, score.value)));
    } catch (error) {
      // The sink's words name its service's addresses and project: they are for the server's log.
      onError(error, request);
      return json(502, 'The feedback could not be recorded; the server log says why. Try again.');
    }
    return Response.json(
      { prediction_id: id, scorer: score.scorer, value: score.value, recorded: true },
      { headers: { 'cache-control': 'no-store' } },
    );
  }

  /** The request's body within `max` bytes, or the answer that refuses it. */
  async function bodyOf(request: Request, max: number): Promise<Uint8Array | Response> {
    let body: Uint8Array | undefined;
    try {
      body = await readCapped(request, max);
    } catch {
      // A body that breaks off is the client's connection failing: it is gone.
      return gone();
    }
    if (request.signal.aborted) return gone();
    return (
      body ??
      json(413, `The request body is over this proxy's limit of ${max} bytes. Pass large files by URL.`)
    );
  }

  async function handle(request: Request): Promise<Response> {
    configure();
    const url = new URL(request.url);
    const { method } = request;
    const inside = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
    const path = inside ? url.pathname.slice(basePath.length).replace(/\/+$/, '') : '';
    const route =
      inside && [...rules.routes, FEEDBACK_ROUTE].find(([m, pattern]) => m === method && pattern.test(path));
    if (!route) {
      return json(
        404,
        `${method} ${url.pathname} is not forwarded by this proxy: it passes on only the prediction and model endpoints under ${basePath || '/'}.`,
      );
    }
    const [, pattern, kind] = route;
    const captures = pattern.exec(path)!.slice(1);
    if (method === 'POST') {
      // A page on another site, or on a sibling subdomain, can send a form-like POST that carries
      // the visitor's cookie: changes are taken only from the proxy's own pages, and as JSON.
      const site = request.headers.get('sec-fetch-site');
      const from = request.headers.get('origin');
      if (site === 'cross-site' || site === 'same-site' || (publicOrigin && from && from !== publicOrigin)) {
        return json(403, 'This proxy takes changes only from pages on its own origin.');
      }
      const type = request.headers.get('content-type') ?? '';
      if ((kind === 'create' || kind === 'feedback') && !JSON_TYPE.test(type)) {
        return json(415, 'Send the body as JSON, with `content-type: application/json`.');
      }
      if (kind === 'upload' && !MULTIPART_TYPE.test(type)) {
        return json(415, 'Send the file as `multipart/form-data`.');
      }
    }
    if (kind === 'public') {
      let body: Uint8Array | undefined;
      if (method !== 'GET') {
        const read = await bodyOf(request, maxBodyBytes);
        if (read instanceof Response) return read;
        body = read;
      }
      const fileish = path.startsWith('/files/');
      if (!fileish) return catalogRead(request, method, path, url.search, body);
      const signed = rules.files === 'signed';
      if (signed && !url.searchParams.has('signature')) {
        return json(
          404,
          `${path} is passed on only as a signed download URL, as a prediction's output gives it.`,
        );
      }
      return relay(
        await send(request, method, path + url.search, undefined, signed ? 'signed' : 'browser'),
        'file',
      );
    }

    if (identify) {
      const user = (await identify(request)) ?? undefined;
      if (!user) return signIn();
      return reach(request, url, kind, path, captures, user);
    }
    // Creates and uploads a new visitor sent at once each made a visitor of their own: the first
    // takes over the predictions and uploads of the others (the few each made), whose cookies are
    // expired with this answer.
    const cookies = cookiesFor(request);
    const [kept, ...others] = await cookies.read(request);
    if (others.some((other) => other.minted - kept!.minted > MINTED_TOGETHER_MS)) {
      // One of them was planted by another page of this host (on another port, over plain http),
      // and which one cannot be told: none is taken, so that nothing of the visitor's reaches it.
      return json(
        403,
        "This browser holds visitor cookies of this proxy that were not given out together: another page on this host set one. Clear this site's cookies, and serve the app over https.",
      );
    }
    for (const other of new Set(others.map(({ id }) => id).filter((id) => id !== kept!.id))) {
      // Its predictions, then its uploads.
      for (const key of [(v: string) => v, filesOf]) {
        const made = (await ownership.list(key(other))).slice(0, MAX_TAKEN_OVER);
        for (const id of [...made].reverse()) await ownership.add(key(kept!.id), id);
      }
    }
    const answer = await reach(request, url, kind, path, captures, kept?.id);
    for (const { name } of others) answer.headers.append('set-cookie', cookies.expire(name));
    return answer;
  }

  /** A read of the catalog, without the account's private models visitors may not run. */
  async function catalogRead(
    request: Request,
    method: string,
    path: string,
    search: string,
    body: Uint8Array | undefined,
  ): Promise<Response> {
    const [, owner, name, versions, version] =
      /^\/models\/([^/]+)\/([^/]+)(\/versions(?:\/([^/]+))?)?$/.exec(path) ?? [];
    // One answer for a model hidden and one that does not exist, so that no name can be probed.
    const missing = (res?: Response) => {
      if (res) discardBody(res);
      return json(404, `Model ${owner}/${name} not found.`);
    };
    // A version names no visibility: its model's says whether a visitor may see it. Until it has
    // said so, nothing of the version is read.
    let model: unknown;
    if (versions && !wholeModel({ owner: owner!, name: name! })) {
      const res = await send(request, 'GET', `/models/${owner}/${name}`, undefined, 'proxy');
      if (res.status === 404) return missing(res);
      if (!res.ok) return relay(res, 'public');
      model = await res.json().catch(() => null);
      // what cannot be read cannot say it may be seen
      if (!isRecord(model) || catalog.hidden(model)) return missing();
    }
    // Of a private model, one answer too for a version hidden and one that does not exist (the
    // service's would list the versions there are).
    const noVersion = (res?: Response) => {
      if (res) discardBody(res);
      return json(404, `Version ${version} of ${owner}/${name} not found.`);
    };
    const res = await send(request, method, path + search, body as BodyInit);
    if (owner && !versions && res.status === 404) return missing(res);
    if (version && res.status === 404 && catalog.isPrivate(model)) return noVersion(res);
    if (!res.ok || !res.headers.get('content-type')?.includes('json')) return relay(res, 'public');
    const text = await res.text();
    const data = parseJson(text);
    if (!isRecord(data)) return relay(res, 'public', text);
    const answer = (shown: unknown) => relay(res, 'public', shown === data ? text : JSON.stringify(shown));
    if (!owner) return answer(catalog.visible(data));
    if (!versions) return catalog.hidden(data) ? missing() : answer(catalog.shown(data));
    if (!version) return answer(catalog.visibleVersions(model, data));
    return catalog.versionHidden(model, data) ? noVersion() : answer(data);
  }

  /** A route that reaches predictions, for `visitor`: the anonymous one's cookie id, or `identify`'s user. */
  async function reach(
    request: Request,
    url: URL,
    kind: RouteKind,
    path: string,
    captures: string[],
    visitor: string | undefined,
  ): Promise<Response> {
    const { method } = request;
    if (kind === 'list') return list(request, url, visitor);
    if (kind === 'create' || kind === 'upload') {
      const body = await bodyOf(request, kind === 'upload' ? maxUploadBytes : maxBodyBytes);
      if (body instanceof Response) return body;
      const minted = visitor ? undefined : mintVisitorId();
      const answer =
        kind === 'upload'
          ? await upload(request, path + url.search, body, visitor ?? minted!)
          : await create(request, path, captures, body, visitor ?? minted!);
      if (minted && answer.ok) {
        answer.headers.append('set-cookie', await cookiesFor(request).set(minted));
      }
      return answer;
    }

    const id = captures[0]!;
    const owned = visitor ? await ownership.owns(visitor, id) : false;
    if (!authorize && !owned) return notFound(id);
    const access = { visitor, owned };
    if (kind === 'feedback') return feedback(request, id, access);
    if (kind === 'read') {
      // One upstream read serves both the decision and the answer.
      const res = await send(request, 'GET', path);
      if (!res.ok || !authorize) return relay(res, kind, undefined, request);
      const text = await res.text();
      return (await mayReach(request, JSON.parse(text), access))
        ? relay(res, kind, text, request)
        : notFound(id);
    }
    let prediction: Record<string, unknown> | undefined;
    if (authorize || (kind === 'stream' && !rules.streamPath)) {
      const loaded = await load(request, id);
      if (loaded instanceof Response) return relay(loaded, kind);
      if (!(await mayReach(request, loaded, access))) return notFound(id);
      prediction = loaded;
    }
    if (kind === 'stream') {
      const stream = rules.streamPath
        ? rules.streamPath(id)
        : ((prediction?.urls as { stream?: unknown } | undefined)?.stream as string | undefined);
      if (!stream || !/^(https?:\/\/|\/)/.test(stream)) {
        return json(404, `Prediction ${id} has no stream: wait for it by polling instead.`);
      }
      const relayed = await relay(await send(request, 'GET', stream), kind);
      return sinks.length && relayed.ok && relayed.body ? afterStream(relayed, id, request) : relayed;
    }
    return relay(await send(request, method, path), kind, undefined, request);
  }

  return async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      // Resolved, never rejected: a Node adapter must not meet an unhandled rejection when a browser leaves.
      if (request.signal.aborted) return gone();
      onError(error, request);
      return json(500, 'This proxy failed to handle the request; the server log says why.');
    }
  };
}
