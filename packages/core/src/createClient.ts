import { apiError, notRetried } from './apiError';
import { after, backoffDelay, sleep } from './backoff';
import { checkOptions, isBoolean, isFunction, MS, type Rule, TEXT } from './checkOptions';
import { ConnectionError, PredictKitError, type RateLimitError, show, TimeoutError } from './errors';
import { inBrowser } from './inBrowser';
import { isObject, isText } from './isObject';
import type { Provider } from './provider';
import { readEnv } from './readEnv';
import { readJson } from './readJson';
import { resolveUrl } from './resolveUrl';
import { untilAborted } from './untilAborted';
import { wriftai } from './wriftai';

/** Any `fetch`-like function; one that takes only a `Request` (an in-process server's `fetch`) works too. */
export type FetchLike = (request: Request) => Promise<Response>;

export interface ClientOptions {
  /**
   * The provider's (`https://api.wrift.ai/v1`, `https://api.replicate.com/v1`), or its variable on
   * servers (`WRIFTAI_API_BASE_URL`, `REPLICATE_API_BASE_URL`); in browsers, your proxy's path.
   */
  baseUrl?: string | undefined;
  /**
   * Default the provider's variable on servers (`WRIFTAI_ACCESS_TOKEN`, `REPLICATE_API_TOKEN`).
   * Refused in browsers, see `dangerouslyAllowBrowser`. Sent only to the origin of `baseUrl`.
   */
  token?: string | undefined;
  fetch?: FetchLike | undefined;
  /** Sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Per request, until the answer is read (for a stream: until it starts). Default 30 000. */
  timeoutMs?: number | undefined;
  /** Retries of a `429`, and of a `5xx`, network failure or timeout where a request is safe to repeat. Default 2. */
  retries?: number | undefined;
  /** Default `predictkit/<version>`; not sent from browsers unless given. */
  userAgent?: string | undefined;
  /** Accept `token` in a browser anyway: only for a page no one else can open (a local tool, a test). */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** The service's routes and shapes; default `wriftai`. */
  provider?: Provider | undefined;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

export interface RequestOptions extends CallOptions {
  /** Names the operation in error messages, e.g. `getPrediction`. */
  label?: string | undefined;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, instead of `body`: text or `FormData` (`fetch` names its type). */
  data?: string | FormData | Blob | undefined;
  headers?: Record<string, string> | undefined;
  /** Safe to send twice, so a `5xx`, network failure or timeout is retried. Default: GET only. */
  idempotent?: boolean | undefined;
  /**
   * What a request that is not retried may have done, said when it fails without a clear answer
   * (a `5xx`, a lost connection, a timeout). Default "it may have been carried out".
   */
  unsure?: string | undefined;
  timeoutMs?: number | undefined;
  /** Resolve with the unread `Response` (streams). */
  raw?: boolean | undefined;
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
  const browser = inBrowser();
  const env = (name: string) => (browser ? undefined : readEnv(name));
  const token = options.token ?? env(provider.env.token);
  if (token && browser && !options.dangerouslyAllowBrowser) {
    throw new PredictKitError(
      'createClient: every visitor can read a token in a browser. Use a proxy (createProxyHandler in ' +
        '@predictkit/core/server) as `baseUrl`, or set `dangerouslyAllowBrowser`.',
    );
  }
  const baseUrl = (options.baseUrl ?? env(provider.env.baseUrl) ?? provider.defaultBaseUrl).replace(
    /\/+$/,
    '',
  );
  // The global `fetch` takes the URL and the init as they are: a `Request` of them would be copied
  // again inside it, its body piped through a stream (three times the work of a create). A `fetch`
  // given in the options gets a `Request`, which an in-process server's `fetch` needs.
  // Called on its own, not as a method of `options`: a browser's `window.fetch` throws "Illegal
  // invocation" with any other `this`.
  const { fetch: custom } = options;
  const send = (url: URL, init: RequestInit) => (custom ? custom(new Request(url, init)) : fetch(url, init));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (userAgent || !browser) headers['user-agent'] = userAgent ?? 'predictkit/0.1.0';
  // Header names are case-insensitive: a caller's `Authorization` replaces the client's.
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  // Refused here, once: inside `fetch` they would fail as if the network had, and be retried. The
  // values are not shown, as one of them is the token.
  try {
    new Headers(headers);
  } catch {
    throw new TypeError('createClient: `headers`, `token` and `userAgent` must be Latin-1 text on one line.');
  }
  // The page's, for a relative `baseUrl`; none where it cannot be resolved.
  const origin = resolveUrl(baseUrl)?.origin;

  async function request(method: string, path: string, o: RequestOptions = {}): Promise<unknown> {
    const at = o.label ?? `${method} ${path}`;
    // Any URL with a scheme is absolute, so that it meets the origin check below.
    const href = /^[a-z][\w+.-]*:/i.test(path) ? path : baseUrl + path;
    const url = resolveUrl(href);
    // A URL that cannot be resolved, or that has credentials in it (which `fetch` refuses), fails
    // alike on every try, and nothing was sent: say so, rather than retry it as a lost connection
    // that "may have arrived".
    if (!url || url.username || url.password) {
      throw new TypeError(
        `${at}: cannot request ${url ? 'a URL with a user name or password' : `${show(href)}. Outside a browser, \`baseUrl\` must be an absolute URL`}.`,
      );
    }
    const safe = o.idempotent ?? method === 'GET';
    const { signal, body } = o;
    // The token and the client's headers go to `baseUrl`'s origin and nowhere else: a URL off it
    // (Replicate streams from another host; a `urls.stream` a server or proxy got wrong; a path that
    // led off a `baseUrl` without one) gets only the call's own headers.
    const sent: Record<string, string> = { ...(url.origin === origin && headers), ...o.headers };
    const init: RequestInit = { method, headers: sent, body: o.data };
    if (body !== undefined) {
      sent['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    for (let attempt = 1; ; attempt++) {
      const controller = new AbortController();
      const abort = () => controller.abort(signal!.reason);
      signal?.addEventListener('abort', abort);
      const limit = o.timeoutMs ?? timeoutMs;
      const cancelTimeout = after(limit, () => controller.abort());
      let error: PredictKitError;
      let delay: number | undefined;
      let res: Response | undefined;
      try {
        signal?.throwIfAborted();
        res = await untilAborted(send(url, { ...init, signal: controller.signal }), controller.signal);
        if (res.ok && o.raw) return res;
        const data = readJson(at, res, await untilAborted(res.text(), controller.signal));
        if (res.ok) return data;
        error = apiError(provider, at, res, data, attempt, !safe && o, token);
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
