import { after, backoffDelay, retryAfterMs, sleep } from './backoff';
import type { StreamReader } from './createPredictionWatcher';
import {
  ApiError,
  ConnectionError,
  invalid,
  PredictKitError,
  RateLimitError,
  show,
  TimeoutError,
  UnexpectedResponseError,
  ValidationError,
} from './errors';
import type { Provider } from './provider';
import { readEnv } from './readEnv';
import { wriftai } from './wriftai';

/** Any `fetch`-like function; one that takes only a `Request` (an in-process server's `fetch`) works too. */
export type FetchLike = (request: Request) => Promise<Response>;

export interface ClientOptions {
  /**
   * The provider's (`https://api.wrift.ai/v1`, `https://api.replicate.com/v1`), or its variable on
   * servers (`WRIFTAI_API_BASE_URL`, `REPLICATE_API_BASE_URL`); in browsers, your proxy's path.
   */
  baseUrl?: string;
  /**
   * Default the provider's variable on servers (`WRIFTAI_ACCESS_TOKEN`, `REPLICATE_API_TOKEN`).
   * Refused in browsers, see `dangerouslyAllowBrowser`. Sent only to the origin of `baseUrl`.
   */
  token?: string;
  fetch?: FetchLike;
  /** Sent with every request. */
  headers?: Record<string, string>;
  /** Per request, until the answer is read (for a stream: until it starts). Default 30 000. */
  timeoutMs?: number;
  /** Retries of a `429`, and of a `5xx`, network failure or timeout where a request is safe to repeat. Default 2. */
  retries?: number;
  /** Default `predictkit/<version>`; not sent from browsers unless given. */
  userAgent?: string;
  /** Accept `token` in a browser anyway: only for a page no one else can open (a local tool, a test). */
  dangerouslyAllowBrowser?: boolean;
  /** The service's routes and shapes; default `wriftai`. */
  provider?: Provider;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface RequestOptions extends CallOptions {
  /** Names the operation in error messages, e.g. `getPrediction`. */
  label?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, instead of `body`: text or `FormData` (`fetch` names its type). */
  data?: string | FormData | Blob;
  headers?: Record<string, string>;
  /** Safe to send twice, so a `5xx`, network failure or timeout is retried. Default: GET only. */
  idempotent?: boolean;
  /**
   * What a request that is not retried may have done, said when it fails without a clear answer
   * (a `5xx`, a lost connection, a timeout). Default "it may have been carried out".
   */
  unsure?: string;
  timeoutMs?: number;
  /** Resolve with the unread `Response` (streams). */
  raw?: boolean;
}

/**
 * Configuration plus one request function: what every operation needs. Operations are functions
 * that take the client (`createPrediction(client, …)`), so a bundle holds only those it imports.
 */
export interface Client {
  readonly baseUrl: string;
  readonly provider: Provider;
  readonly timeoutMs: number;
  /**
   * One API call with the client's headers, timeout, retries and error mapping: the parsed JSON
   * (`null` for an empty body), or the `Response` with `raw`. `path` is relative to `baseUrl`
   * unless it is an absolute URL; one on another origin gets none of the client's headers (no token).
   */
  request(method: string, path: string, options?: RequestOptions): Promise<unknown>;
}

export const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
export const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object';
const isFunction = (v: unknown) => typeof v === 'function';
const isBoolean = (v: unknown) => typeof v === 'boolean';

/** A check and the words for what it wants: ``createClient: `retries` must be a whole number ≥ 0, got -1.`` */
export type Rule = [test: (v: unknown) => boolean, want: string];

const MS: Rule = [(v) => typeof v === 'number' && v > 0, 'a number > 0'];
export const TEXT: Rule = [isText, 'a non-empty string'];
export const TEXT_OR_NULL: Rule = [(v) => v === null || typeof v === 'string', 'a string or null'];

const CLIENT_OPTIONS: Record<string, Rule> = {
  baseUrl: [isText, 'a URL or path'],
  token: TEXT,
  fetch: [isFunction, 'a function'],
  headers: [isObject, 'an object'],
  timeoutMs: MS,
  retries: [(v) => Number.isInteger(v) && (v as number) >= 0, 'a whole number ≥ 0'],
  userAgent: TEXT,
  dangerouslyAllowBrowser: [isBoolean, 'a boolean'],
  provider: [isObject, 'an object'],
};

export type Rules = Record<string, Rule>;

const SIGNAL: Rule = [(v) => isObject(v) && 'aborted' in v, 'an AbortSignal'];

// The options of the operations, by the operations that take them. A name means one thing,
// checked one way, wherever it is taken.
export const CALL_OPTIONS: Rules = { signal: SIGNAL };

export const WATCH_OPTIONS: Rules = {
  signal: SIGNAL,
  timeoutMs: MS,
  interval: [(v) => isFunction(v) || (typeof v === 'number' && v >= 0), 'milliseconds ≥ 0 or a function'],
  // A reader carries the loop that follows its stream.
  stream: [
    (v) => v === false || (isFunction(v) && isFunction((v as StreamReader).follow)),
    'streamPrediction or false',
  ],
  idleTimeoutMs: MS,
  onUpdate: [isFunction, 'a function'],
};

export const CREATE_OPTIONS: Rules = {
  signal: SIGNAL,
  // A Replicate `events` list is the Replicate provider's to check.
  webhook: [
    (v) => isObject(v) && isText(v.url) && (v.secret === undefined || isText(v.secret)),
    '{ url, secret? } or { url, events? }, with a non-empty `url`',
  ],
  validateInput: [isBoolean, 'a boolean'],
  wait: [(v) => Number.isInteger(v) && (v as number) > 0 && (v as number) < 61, 'whole seconds from 1 to 60'],
};

export const STREAM_OPTIONS: Rules = {
  signal: SIGNAL,
  lastEventId: [(v) => typeof v === 'string', 'a string'],
  idleTimeoutMs: MS,
};

export const LIST_OPTIONS: Rules = {
  signal: SIGNAL,
  cursor: [isText, 'a non-empty string (a `next_cursor`)'],
  pageSize: [(v) => Number.isInteger(v) && (v as number) > 0, 'a whole number ≥ 1'],
  sortBy: [
    (v) => ['created_at', 'predictions_count'].includes(v as string),
    '"created_at" or "predictions_count"',
  ],
  sortDirection: [(v) => ['asc', 'desc'].includes(v as string), '"asc" or "desc"'],
  categories: [(v) => Array.isArray(v) && v.every(isText), 'an array of category slugs'],
};

/**
 * Throws a `TypeError` for the first option that breaks its rule, or that `provider` lacks (the
 * operation `at` itself too; an option nested in another is named with its `prefix`, such as
 * `webhook.`). Other names pass (options are handed on: a watcher's to its stream reader), unless
 * `strict`.
 */
export function checkOptions(
  at: string,
  options: unknown,
  rules: Rules,
  strict?: boolean,
  provider?: Provider,
  prefix = '',
): void {
  const lack = (name: string) => {
    if (provider?.lacks?.includes(name)) {
      throw new TypeError(`${at}: \`${name}\` is not available on ${provider.name}.`);
    }
  };
  lack(at);
  if (!isObject(options)) throw invalid(at, 'options', 'an object', options);
  for (const [key, value] of Object.entries(options)) {
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined;
    if (strict && !rule) {
      throw new TypeError(`${at}: unknown option \`${key}\`; known: ${Object.keys(rules)}.`);
    }
    if (value !== undefined) lack(prefix + key);
    if (rule && value !== undefined && !rule[0](value)) throw invalid(at, key, rule[1], value);
  }
}

const HINTS: Record<number, string> = {
  401: 'Check the token',
  404: 'Check the id, model and `baseUrl`',
  409: 'It has already finished',
};

/** A request that may have been carried out is not sent again: a second create is a second prediction. */
const notRetried = (o: RequestOptions) => `Not retried: ${o.unsure ?? 'it may have been carried out'}`;

/** A larger `Retry-After` is not waited out: the caller decides, with `RateLimitError.retryAfterMs`. */
const MAX_SERVER_DELAY = 60_000;

/**
 * The client: options, auth, timeouts, retries and errors. Pass it to the operations, e.g.
 * `await runPrediction(client, 'owner/name', input)`. The provider is WriftAI's unless `provider`
 * names another; `createClient` from `@predictkit/core/replicate` defaults to Replicate's instead.
 */
export const createClient = (options?: ClientOptions): Client => clientFor(wriftai, options);

/**
 * `createClient` with `fallback` as the provider when the options name none. Each service's entry
 * has its own `createClient`, so that an app carries only the providers it uses.
 */
export function clientFor(fallback: Provider, options: ClientOptions = {}): Client {
  checkOptions('createClient', options, CLIENT_OPTIONS, true);
  const { retries = 2, timeoutMs = 30_000, userAgent, provider = fallback } = options;
  const browser = typeof window !== 'undefined' && typeof document !== 'undefined';
  const env = (name: string) => (browser ? undefined : readEnv(name));
  const token = options.token ?? env(provider.env.token);
  if (token && browser && !options.dangerouslyAllowBrowser) {
    throw new PredictKitError(
      'createClient: every visitor can read a token in a browser. Point `baseUrl` at createProxyHandler ' +
        '(@predictkit/core/server) and drop `token`, or set `dangerouslyAllowBrowser: true`.',
    );
  }
  const baseUrl = (options.baseUrl ?? env(provider.env.baseUrl) ?? provider.defaultBaseUrl).replace(
    /\/+$/,
    '',
  );
  const doFetch = options.fetch ?? ((request: Request) => fetch(request));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (userAgent || !browser) headers['user-agent'] = userAgent ?? 'predictkit/0.1.0';
  // Header names are case-insensitive: a caller's `Authorization` replaces the client's.
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  // The token and headers go to `baseUrl`'s origin (the page's, for a relative one) and nowhere else.
  let origin: string | undefined;
  try {
    origin = new URL(baseUrl, globalThis.location?.href).origin;
  } catch {}

  const apiError = (
    at: string,
    res: Response,
    body: unknown,
    attempts: number,
    safe: boolean,
    o: RequestOptions,
  ) => {
    const { status } = res;
    const { detail: words, issues, retryAfterMs: asked } = provider.mapError(status, body);
    const requestId = res.headers.get('x-request-id') ?? undefined;
    const detail = words || res.statusText || 'no details';
    const Class = status === 422 && issues ? ValidationError : status === 429 ? RateLimitError : ApiError;
    return new Class(
      `${at} failed with ${status}: ${requestId || attempts > 1 ? detail : detail.replace(/\.$/, '')}${requestId ? ` (request id ${requestId})` : ''}` +
        `${attempts > 1 ? ` after ${attempts} tries` : ''}. ${HINTS[status] ?? (status > 499 && !safe ? notRetried(o) : status > 499 || status === 429 ? 'Retry later' : 'Check the request')}.`,
      {
        status,
        requestId,
        body,
        detail,
        issues,
        retryAfterMs: retryAfterMs(res.headers, status === 429) ?? asked,
      },
    );
  };

  async function request(method: string, path: string, o: RequestOptions = {}): Promise<unknown> {
    const at = o.label ?? `${method} ${path}`;
    // Any URL with a scheme is absolute, so that it meets the origin check below.
    const url = /^[a-z][\w+.-]*:/i.test(path) ? path : baseUrl + path;
    const safe = o.idempotent ?? method === 'GET';
    const { signal, body } = o;
    const init: RequestInit = { method, headers: { ...headers, ...o.headers }, body: o.data };
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    for (let attempt = 1; ; attempt++) {
      const controller = new AbortController();
      let req: Request;
      try {
        req = new Request(url, { ...init, signal: controller.signal });
      } catch {
        // A URL that no `Request` takes fails alike on every try, and nothing was sent: say so,
        // rather than retry it as a lost connection that "may have arrived".
        throw new TypeError(
          `${at}: cannot request ${show(url)}. Outside a browser, \`baseUrl\` must be an absolute URL.`,
        );
      }
      // A URL elsewhere (Replicate streams from another host; a `urls.stream` a server or proxy got
      // wrong; a path that led off a `baseUrl` without one) gets only the call's own headers: never
      // the token or the client's headers.
      if (origin && new URL(req.url).origin !== origin) req = new Request(req, { headers: o.headers ?? {} });
      const abort = () => controller.abort(signal!.reason);
      signal?.addEventListener('abort', abort);
      const limit = o.timeoutMs ?? timeoutMs;
      const cancelTimeout = after(limit, () => controller.abort());
      // Not every `fetch` (an in-process server's, say) gives up when its signal aborts: racing it does.
      const race = <T>(work: Promise<T>) =>
        new Promise<T>((resolve, reject) => {
          work.then(resolve, reject);
          controller.signal.addEventListener('abort', () => reject(controller.signal.reason));
        });
      let error: PredictKitError;
      let delay: number | undefined;
      let res: Response | undefined;
      try {
        signal?.throwIfAborted();
        res = await race(doFetch(req));
        if (res.ok && o.raw) return res;
        const text = await race(res.text());
        let data: unknown = text;
        try {
          data = text ? JSON.parse(text) : null;
        } catch {
          if (res.ok) {
            throw new UnexpectedResponseError(
              `${at}: expected JSON, got ${show(text.slice(0, 50))}. Check \`baseUrl\`.`,
              { path: '' },
            );
          }
        }
        if (res.ok) return data;
        error = apiError(at, res, data, attempt, safe, o);
        if (res.status !== 429 && !(safe && res.status >= 500)) throw error;
        delay = (error as RateLimitError).retryAfterMs;
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        if (cause instanceof PredictKitError) throw cause;
        const unsafe = safe ? '' : ` ${notRetried(o)}.`;
        error = controller.signal.aborted
          ? new TimeoutError(`${at}: no answer in ${limit} ms.${unsafe || ' Raise `timeoutMs`.'}`)
          : new ConnectionError(
              `${at}: cannot reach ${url} (${(cause as Error)?.message}).${unsafe || ' Check `baseUrl` and the network.'}`,
              { cause },
            );
        if (!safe) throw error;
      } finally {
        cancelTimeout();
        // A stream's request follows its signal until the stream ends it.
        if (!(o.raw && res?.ok)) signal?.removeEventListener('abort', abort);
      }
      if (attempt > retries || (delay ?? 0) > MAX_SERVER_DELAY) throw error;
      await sleep(delay ?? backoffDelay(attempt - 1), signal);
    }
  }

  return { baseUrl, provider, timeoutMs, request };
}
