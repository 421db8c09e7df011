import { isOriginRule } from './http/cors';
import { isHostRule } from './http/requireAllowedHost';
import type { DemoModel } from './models/types';
import type { Store } from './store/Store';
import { isUsername } from './users/isUsername';

export interface FaultOptions {
  /** Added to every answer: a fixed delay, or a random one in `[min, max]` milliseconds. */
  latencyMs?: number | [min: number, max: number];
  /** Probability (0..1) of answering `500` or `503` instead of handling a request. */
  errorRate?: number;
  /** Requests allowed per window and token; past that, `429` with `Retry-After`. */
  rateLimit?: { requests: number; windowMs: number };
  /** Probability (0..1), per event sent, of cutting a prediction stream there. */
  streamCutRate?: number;
  /** Seeds the fault dice so a test sees the same faults every run. */
  seed?: number;
}

export interface ServerOptions {
  /**
   * Origin for absolute URLs (stream, files, `urls.get`). By default each request's own origin,
   * which stays right behind a dev-server proxy or on a random port.
   */
  baseUrl?: string;
  /** Multiplies model time (setup, sleeps, streaming pace): `0.01` runs 100× faster. Default 1. */
  timeScale?: number;
  /** Predictions running at once; the rest wait `pending`. Default 4. */
  concurrency?: number;
  /** A prediction running longer fails with an `internal` error. Default 30 minutes. */
  maxRunTimeMs?: number;
  /**
   * On the Replicate surface, this long after a prediction ended its input, output and logs read
   * as removed (`data_removed: true`), as Replicate removes an API prediction's an hour after it
   * ends: an app meets that case before it meets it in production. The record itself is kept (the
   * WriftAI surface still shows it). Default: never.
   */
  dataRetentionMs?: number;
  /**
   * How long a chat request (`/v1/chat/completions`, `/v1/messages`) waits for its model: past
   * it, the prediction is canceled and the request answers `504`. Default 60 seconds.
   */
  chatTimeoutMs?: number;
  /**
   * On `close()`, how long running predictions get to finish before they fail; creates answer
   * `503` meanwhile. Default 0 (they fail at once, as a test that is over wants); the CLI gives
   * them 10 seconds (`--shutdown-grace`).
   */
  shutdownGraceMs?: number;
  /** With one or more tokens, requests need `Authorization: Bearer <one of them>` or get `401`. */
  tokens?: string[];
  /**
   * Users besides the local one, each with a token that acts as them: their requests see and
   * change their own models (and `GET /v1/user` is them). Their tokens are accepted as `tokens`
   * are, and requests then need a token. A user is made on first start; with a data folder the
   * token stays bound to it through renames.
   */
  accounts?: { username: string; token: string }[];
  /**
   * Browser origins allowed by CORS, and the only ones whose pages may change anything (create,
   * cancel): a change sent from a page elsewhere is refused with `403`. Exact origins
   * (`"http://localhost:3000"`), `"*"` for all, or RegExps; replaces the default, which is
   * `localhost`, `127.0.0.1` and `[::1]` on any port.
   */
  corsOrigins?: (string | RegExp)[];
  /**
   * Host names the server answers to besides `localhost`, `*.localhost`, IP addresses and the
   * `baseUrl` host: a request naming another `Host` gets `403`, so that a page on a name that
   * resolves to this machine (DNS rebinding) cannot read it. `"example.com"`, `".example.com"` for
   * it and its subdomains, or `"*"` for any. `listen()` on a non-loopback address allows any unless
   * this is given.
   */
  allowedHosts?: string[];
  faults?: FaultOptions;
  /** Where predictions and files live. Default: in memory. */
  store?: Store;
  /** Webhook delivery: the `fetch` used, retries (default 3), first retry delay and timeout. */
  webhooks?: { fetch?: typeof fetch; retries?: number; retryDelayMs?: number; timeoutMs?: number };
  /** The models served. Default: the built-in demo models. */
  models?: readonly DemoModel[];
  /** Where the server reports problems it recovers from (a webhook that keeps failing). Default: console.warn. */
  onWarning?: (message: string) => void;
}

function fail(option: string, expected: string, got: unknown): never {
  throw new TypeError(`createServer: \`${option}\` must be ${expected}; got ${JSON.stringify(got)}.`);
}

function checkNumber(
  option: string,
  value: unknown,
  min: number,
  max = Number.POSITIVE_INFINITY,
  integer = false,
) {
  if (value === undefined) return;
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
  if (!ok || (integer && !Number.isInteger(value))) {
    const range = max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `between ${min} and ${max}`;
    fail(option, `${integer ? 'a whole number' : 'a number'} ${range}`, value);
  }
}

/** Checks options up front so a typo fails at start-up with a message, not later with a 500. */
export function validateOptions(options: ServerOptions): void {
  if (options.baseUrl !== undefined) {
    try {
      if (!/^https?:$/.test(new URL(options.baseUrl).protocol)) throw new Error();
    } catch {
      fail('baseUrl', 'an http(s) origin such as "http://127.0.0.1:8787"', options.baseUrl);
    }
  }
  if (options.timeScale !== undefined && !(typeof options.timeScale === 'number' && options.timeScale > 0)) {
    fail('timeScale', 'a number > 0 (1 is real time, 0.01 is 100× faster)', options.timeScale);
  }
  checkNumber('concurrency', options.concurrency, 1, 10_000, true);
  checkNumber('maxRunTimeMs', options.maxRunTimeMs, 1);
  checkNumber('dataRetentionMs', options.dataRetentionMs, 1);
  checkNumber('shutdownGraceMs', options.shutdownGraceMs, 0);
  checkNumber('chatTimeoutMs', options.chatTimeoutMs, 1);
  if (
    options.tokens !== undefined &&
    (!Array.isArray(options.tokens) || options.tokens.some((t) => typeof t !== 'string' || !t))
  ) {
    fail('tokens', 'a list of non-empty strings', options.tokens);
  }
  if (
    options.accounts !== undefined &&
    (!Array.isArray(options.accounts) ||
      options.accounts.some(
        (a) =>
          typeof a?.token !== 'string' ||
          !a.token ||
          typeof a.username !== 'string' ||
          !isUsername(a.username),
      ) ||
      new Set(options.accounts.map((a) => a.token)).size !== options.accounts.length)
  ) {
    fail(
      'accounts',
      'a list of {username, token}: usernames of lowercase letters, digits and single hyphens, tokens non-empty and distinct',
      Array.isArray(options.accounts) ? options.accounts.map((a) => a?.username) : options.accounts,
    );
  }
  if (
    options.corsOrigins !== undefined &&
    (!Array.isArray(options.corsOrigins) ||
      options.corsOrigins.some((o) => !(o instanceof RegExp || (typeof o === 'string' && isOriginRule(o)))))
  ) {
    fail(
      'corsOrigins',
      'a list of origins such as "http://localhost:3000" (no path, no trailing slash), "*", or RegExps',
      Array.isArray(options.corsOrigins)
        ? options.corsOrigins.map((o) => (o instanceof RegExp ? String(o) : o))
        : options.corsOrigins,
    );
  }
  if (
    options.allowedHosts !== undefined &&
    (!Array.isArray(options.allowedHosts) ||
      options.allowedHosts.some((h) => typeof h !== 'string' || !isHostRule(h)))
  ) {
    fail(
      'allowedHosts',
      'a list of host names such as "app.example.com" (no scheme, port or path), ".example.com" for a domain and its subdomains, or "*"',
      options.allowedHosts,
    );
  }
  const faults = options.faults ?? {};
  const latency = faults.latencyMs;
  if (Array.isArray(latency)) {
    if (latency.length !== 2 || !(latency[0] >= 0 && latency[1] >= latency[0])) {
      fail('faults.latencyMs', 'a number ≥ 0 or a range [min, max] with 0 ≤ min ≤ max', latency);
    }
  } else checkNumber('faults.latencyMs', latency, 0);
  checkNumber('faults.errorRate', faults.errorRate, 0, 1);
  checkNumber('faults.streamCutRate', faults.streamCutRate, 0, 1);
  if (faults.rateLimit !== undefined) {
    checkNumber('faults.rateLimit.requests', faults.rateLimit.requests, 1, Number.POSITIVE_INFINITY, true);
    checkNumber('faults.rateLimit.windowMs', faults.rateLimit.windowMs, 1);
  }
}
