import type { FetchLike } from '../createClient';
import { isTerminal } from '../createPredictionWatcher';
import { formatModelRef, parseModelRef } from '../parseModelRef';
import { readEnv } from '../readEnv';
import type { ModelRef, Prediction, WebhookConfig } from '../types';
import { createMemoryOwnershipStore, type OwnershipStore } from './createMemoryOwnershipStore';
import { readCapped } from './readCapped';
import { rewriteLines } from './rewriteLines';
import { mintVisitorId, readVisitorCookie, visitorCookie } from './visitorCookie';

/** What `authorize` is told besides the request and the prediction. */
export interface ProxyAccess {
  /** Who is asking: `identify`'s answer, or the anonymous visitor's cookie id; `undefined` for neither. */
  visitor: string | undefined;
  /** Whether this visitor created the prediction through this proxy. */
  owned: boolean;
}

export interface ProxyHandlerOptions {
  /** The server-held token; default `WRIFTAI_ACCESS_TOKEN`. */
  token?: string;
  /** The API's base URL; default `WRIFTAI_API_BASE_URL`, else `https://api.wrift.ai/v1`. */
  upstream?: string;
  /**
   * The models the browser may create predictions on: `owner/name` (any version) or `owner/name:N`
   * (that version only), or a predicate. Required, so that a proxy never runs anything by accident;
   * `() => true` allows every model.
   */
  allowModels: string[] | ((model: ModelRef) => boolean);
  /** The largest request body forwarded, in bytes; larger ones get `413`. Default 1 MiB. */
  maxBodyBytes?: number;
  /** The path the handler is mounted at, e.g. `/api/predictkit`; default none. */
  basePath?: string;
  /** How the upstream is reached; default the global `fetch`. */
  fetch?: FetchLike;
  /**
   * The origin browsers reach this app at, e.g. `https://app.example.com`: the upstream's absolute
   * URLs in answers (`urls.stream`, output files) become URLs of this proxy on it. By default they
   * become root-relative (`/api/predictkit/…`), which a browser resolves against its page. Never
   * taken from the request's `Host`, which a client chooses.
   */
  publicOrigin?: string;
  /**
   * Who is asking, for an app with its own users: a stable id (their predictions then follow them
   * from device to device), or `null`/`undefined` to answer prediction requests with `401`. By
   * default each browser is an anonymous visitor, known by a random id in an `HttpOnly` cookie.
   */
  identify?: (request: Request) => string | null | undefined | Promise<string | null | undefined>;
  /**
   * Which visitor created which prediction. Default: this process's memory (see
   * `createMemoryOwnershipStore`); an app served by several processes passes a shared store.
   */
  ownership?: OwnershipStore;
  /**
   * Decides whether a request may reach an existing prediction (read, stream, cancel, or a row of
   * the list). Default: only the visitor who created it through this proxy (`access.owned`). An id
   * alone is never enough: without this option, a prediction made elsewhere is not reachable.
   */
  authorize?: (request: Request, prediction: Prediction, access: ProxyAccess) => boolean | Promise<boolean>;
  /** Attached to every create, so the service reports to the app's own webhook handler. */
  webhook?: WebhookConfig;
  /**
   * Forward a `webhook` the browser puts in a create. Off by default (`400`): it would let any
   * visitor make the service POST to an address of their choosing.
   */
  allowBrowserWebhooks?: boolean;
  /** Told of a failure inside the proxy (a throwing `identify`, `authorize` or store). Default `console.error`. */
  onError?: (error: unknown, request: Request) => void;
}

/** A path segment; `.` and `..` never are one, however they were written. */
const SEGMENT = '(?!\\.\\.?(?:/|$))[\\w.~-]+';

type Kind = 'list' | 'create' | 'read' | 'cancel' | 'public';

/**
 * What the browser may reach, by method and path (after `basePath`). Creates name the model in the
 * path (owner, name, version) or, for `POST /predictions`, in the body; reads and cancels name the
 * prediction (the first group).
 */
const ROUTES: [method: string, path: RegExp, kind: Kind][] = [
  ['GET', /^\/predictions$/, 'list'],
  ['POST', /^\/predictions$/, 'create'],
  ['GET', new RegExp(`^/predictions/(${SEGMENT})(/stream)?$`), 'read'],
  ['POST', new RegExp(`^/predictions/(${SEGMENT})/cancel$`), 'cancel'],
  ['GET', new RegExp(`^/models(/${SEGMENT}(/${SEGMENT}(/versions(/[1-9]\\d*)?)?)?)?$`), 'public'],
  ['POST', new RegExp(`^/models/(${SEGMENT})/(${SEGMENT})(?:/versions/([1-9]\\d*))?/predictions$`), 'create'],
  ['GET', /^\/(search\/models|model_categories|hardware)$/, 'public'],
  // Output files (images, audio) the UI shows; read-only. Their names are unguessable, like the
  // signed URLs of a CDN: whoever was shown a prediction's output may fetch its files.
  ['GET', new RegExp(`^/files/${SEGMENT}$`), 'public'],
];

/**
 * Hop-by-hop and encoding headers describe one connection, not the message: never forwarded.
 * (`fetch` has already decoded the body, so its `content-encoding` no longer holds.)
 */
const DROPPED = ['connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'set-cookie'];
/**
 * The request headers the API reads (the last four let media players seek in, and browsers
 * revalidate, output files); everything else the browser sent (cookies, its own Authorization)
 * stays here.
 */
const FORWARDED = [
  'accept',
  'content-type',
  'prefer',
  'validate-input',
  'last-event-id',
  'range',
  'if-range',
  'if-none-match',
];

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** The API's page sizes (`page_size`). */
const PAGE = { min: 5, max: 50, default: 25 };
/** Upstream reads a list page makes at once. */
const LIST_CONCURRENCY = 5;
/** List rows of finished predictions kept, so that paging back through history reads nothing again. */
const FINISHED_ROWS = 5_000;

const json = (status: number, detail: unknown, headers?: HeadersInit) =>
  Response.json({ detail }, { status, headers: { 'cache-control': 'no-store', ...headers } });

/** The same answer as for a prediction that does not exist, so that a refusal tells nothing. */
const notFound = (id: string) => json(404, `Prediction ${id} not found.`);

/** Nginx's "client closed request": no one reads it, but a handler must still resolve with something. */
const gone = () =>
  json(499, 'The client closed the request before it was answered; nothing more was forwarded.');

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `items` as the API's list pages have them: without what can be large or private. */
function listItem({ input, output, error, logs, setup_logs, ...item }: Prediction) {
  return item;
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

function checkOptions(options: Partial<ProxyHandlerOptions>, upstream: string | undefined) {
  const fail = (message: string) => {
    throw new TypeError(`createProxyHandler: ${message}`);
  };
  const { maxBodyBytes, basePath, publicOrigin } = options;
  if (upstream !== undefined && !/^https?:\/\//.test(upstream)) {
    fail(`\`upstream\` must be an absolute http(s) URL, got ${JSON.stringify(upstream)}.`);
  }
  if (maxBodyBytes !== undefined && !(maxBodyBytes > 0)) {
    fail(`\`maxBodyBytes\` must be > 0, got ${maxBodyBytes}.`);
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
  for (const name of ['identify', 'authorize', 'onError'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function')
      fail(`\`${name}\` must be a function.`);
  }
  const { ownership, webhook } = options;
  if (
    ownership !== undefined &&
    !['add', 'owns', 'list'].every((m) => typeof (ownership as never)[m] === 'function')
  ) {
    fail('`ownership` must have `add`, `owns` and `list` methods (see createMemoryOwnershipStore).');
  }
  if (webhook !== undefined && !/^https?:\/\//.test(String(webhook?.url))) {
    fail('`webhook` must be `{ url, secret? }` with an absolute http(s) `url`.');
  }
}

/**
 * A `Request → Response` handler that lets a browser use the API without ever holding the token,
 * and without reaching anyone else's predictions.
 *
 * It forwards only the prediction and model endpoints (plus output files), adds the token, drops
 * whatever credentials the browser sent, refuses creates on models outside `allowModels` (`403`)
 * and creates that carry a browser's `webhook` (`400`), and caps request bodies (`413`). Each
 * browser is a visitor (`identify`, or an anonymous `HttpOnly` cookie): it may read, stream,
 * cancel and list only the predictions it created through this proxy, unless `authorize` says
 * otherwise; any other prediction is a `404`, as if it did not exist. Streams pass through as they
 * arrive; the upstream's absolute URLs become this proxy's (root-relative, or on `publicOrigin`);
 * files pass through untouched (ranges and revalidation included). It answers `502` when the
 * upstream cannot be reached, `499` when the browser left before the answer, and `404` for
 * anything else; every refusal is `{detail}` JSON. It always resolves: no failure becomes a rejection.
 */
export function createProxyHandler(options: ProxyHandlerOptions): (request: Request) => Promise<Response> {
  const { allowModels, maxBodyBytes = 1_048_576, basePath = '', identify, authorize } = options ?? {};
  if (options?.token !== undefined && !options.token)
    throw new TypeError(
      'createProxyHandler: no token: pass `token`, or set WRIFTAI_ACCESS_TOKEN on the server.',
    );
  checkOptions(options ?? {}, options?.upstream);
  // The environment is read at the first request, not here: a framework may load this module
  // while building, where the server's secrets are not set.
  let token = '';
  let upstream = '';
  let upstreamPath = '';
  const configure = () => {
    token ||= options.token ?? readEnv('WRIFTAI_ACCESS_TOKEN') ?? '';
    if (!token) {
      throw new TypeError(
        'createProxyHandler: no token: pass `token`, or set WRIFTAI_ACCESS_TOKEN on the server.',
      );
    }
    if (!upstream) {
      const url = (options.upstream ?? readEnv('WRIFTAI_API_BASE_URL') ?? 'https://api.wrift.ai/v1').replace(
        /\/+$/,
        '',
      );
      checkOptions({}, url);
      upstreamPath = new URL(url).pathname.replace(/\/+$/, '');
      upstream = url;
    }
  };
  const doFetch = options.fetch ?? ((request: Request) => fetch(request));
  const ownership = options.ownership ?? createMemoryOwnershipStore();
  const onError = options.onError ?? ((error: unknown) => console.error('createProxyHandler:', error));
  let allowed: (model: ModelRef) => boolean;
  if (typeof allowModels === 'function') allowed = allowModels;
  else if (Array.isArray(allowModels)) {
    const list = allowModels.map((ref) => parseModelRef(ref));
    allowed = (m) =>
      list.some((a) => a.owner === m.owner && a.name === m.name && (!a.version || a.version === m.version));
  } else {
    throw new TypeError(
      'createProxyHandler: `allowModels` is required: list the models the browser may run, e.g. ' +
        "['predictkit/echo'], or pass () => true to allow any.",
    );
  }
  const publicOrigin = options.publicOrigin?.replace(/\/$/, '') ?? '';
  const own = publicOrigin + basePath;
  const rewrite = (text: string) => text.replaceAll(upstream, own);
  const secureCookie = publicOrigin.startsWith('https:');

  /**
   * One request to the upstream with the token and, unless it is the proxy's own read, the API
   * headers the browser sent. An upstream out of reach is a `502` answer, not a rejection.
   */
  const send = async (request: Request, method: string, path: string, body?: BodyInit, own = false) => {
    const headers = new Headers({ authorization: `Bearer ${token}`, accept: 'application/json' });
    for (const name of own ? [] : FORWARDED) {
      const value = request.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    try {
      return await doFetch(new Request(upstream + path, { method, headers, body, signal: request.signal }));
    } catch (error) {
      if (request.signal.aborted) throw error;
      return json(
        502,
        `The prediction service could not be reached (${(error as Error)?.message}). Try again shortly.`,
      );
    }
  };

  /** The upstream's answer as the browser gets it: its headers cleaned, its URLs made this proxy's. */
  const relay = async (res: Response, path: string, text?: string): Promise<Response> => {
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
    const type = out.get('content-type') ?? '';
    let answer: BodyInit | null = text ?? res.body;
    // Files pass as they are, byte for byte, so ranges (`206`) and their lengths stay true.
    if (res.body && !path.startsWith('/files/')) {
      if (type.includes('text/event-stream')) {
        // Tells nginx-style reverse proxies not to buffer the stream either.
        out.set('x-accel-buffering', 'no');
        out.delete('content-length');
        answer = res.body.pipeThrough(rewriteLines(rewrite));
      } else if (type.includes('json')) {
        out.delete('content-length');
        answer = rewrite(text ?? (await res.text()));
      }
    }
    return new Response(answer, { status: res.status, statusText: res.statusText, headers: out });
  };

  /** The prediction as the upstream has it, or the upstream's error answer. */
  const load = async (request: Request, id: string): Promise<Prediction | Response> => {
    const res = await send(request, 'GET', `/predictions/${id}`, undefined, true);
    if (!res.ok) return res;
    return (await res.json()) as Prediction;
  };

  const mayReach = async (request: Request, prediction: Prediction, access: ProxyAccess) =>
    authorize ? (await authorize(request, prediction, access)) === true : access.owned;

  // A finished prediction's row never changes (what a row leaves out is what a service may later
  // remove), so without an `authorize` to ask each time it is read from the upstream once.
  const finished = new Map<string, ReturnType<typeof listItem>>();

  /** One row of the visitor's list: the row, `null` for one `authorize` hides, or the upstream's error. */
  const readRow = async (request: Request, id: string, visitor: string | undefined) => {
    const known = authorize ? undefined : finished.get(id);
    if (known) return known;
    const prediction = await load(request, id);
    if (prediction instanceof Response) return prediction;
    if (!(await mayReach(request, prediction, { visitor, owned: true }))) return null;
    const item = listItem(prediction);
    if (!authorize && isTerminal(prediction.status)) {
      finished.set(id, item);
      if (finished.size > FINISHED_ROWS) finished.delete(finished.keys().next().value!);
    }
    return item;
  };

  async function list(request: Request, url: URL, visitor: string | undefined): Promise<Response> {
    const rawSize = url.searchParams.get('page_size');
    const size = rawSize === null ? PAGE.default : Number(rawSize);
    if (!(Number.isInteger(size) && size >= PAGE.min && size <= PAGE.max)) {
      return json(422, [
        {
          loc: ['query', 'page_size'],
          msg: `Input should be a whole number from ${PAGE.min} to ${PAGE.max}`,
          type: 'less_than_equal',
        },
      ]);
    }
    const ids = visitor ? await ownership.list(visitor) : [];
    const cursor = url.searchParams.get('cursor');
    let start = 0;
    if (cursor !== null) {
      start = ids.indexOf(cursor) + 1;
      if (!start) {
        return json(422, [
          {
            loc: ['query', 'cursor'],
            msg: 'Invalid cursor: start again from the first page',
            type: 'value_error',
          },
        ]);
      }
    }
    const items: ReturnType<typeof listItem>[] = [];
    let last = start;
    // Rows the upstream no longer has (or `authorize` hides) are skipped, and the page filled from
    // the next ones, so that a full page means there may be more.
    while (items.length < size && last < ids.length) {
      const batch = ids.slice(last, last + size - items.length);
      last += batch.length;
      const rows = await mapLimited(batch, LIST_CONCURRENCY, (id) => readRow(request, id, visitor));
      for (const row of rows) {
        if (row instanceof Response) {
          if (row.status === 404) continue;
          return relay(row, '/predictions');
        }
        if (row) items.push(row);
      }
    }
    const next = last < ids.length ? ids[last - 1]! : null;
    const body = {
      items,
      next_cursor: next,
      previous_cursor: null,
      next_url:
        next && `${basePath}/predictions?${new URLSearchParams({ cursor: next, page_size: `${size}` })}`,
      previous_url: null,
    };
    return new Response(rewrite(JSON.stringify(body)), {
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    });
  }

  async function create(
    request: Request,
    path: string,
    model: ModelRef | undefined,
    body: Uint8Array,
    visitor: string,
  ): Promise<Response> {
    const parsed = parseJson(new TextDecoder().decode(body));
    let refusal = '';
    try {
      model ??= parseModelRef((parsed as { model?: never } | undefined)?.model as never);
      if (!allowed(model))
        refusal = `Model ${formatModelRef(model)} is not allowed through this proxy; add it to \`allowModels\` on the server.`;
    } catch (error) {
      refusal = `This proxy could not tell which model to run (${(error as Error).message}); send JSON with a \`model\` such as "owner/name".`;
    }
    if (refusal) return json(403, refusal);
    let forwarded: BodyInit = body as BodyInit;
    if (isRecord(parsed)) {
      if (parsed.webhook != null && !options.allowBrowserWebhooks) {
        return json(
          400,
          'This proxy does not forward a `webhook` from the browser: the server sets webhooks (the `webhook` option of createProxyHandler). Leave `webhook` out.',
        );
      }
      if (options.webhook) forwarded = JSON.stringify({ ...parsed, webhook: options.webhook });
    }
    const res = await send(request, 'POST', path, forwarded);
    if (!res.ok) return relay(res, path);
    const text = await res.text();
    const id = (parseJson(text) as { id?: unknown } | undefined)?.id;
    // Recorded before the browser hears of the prediction, so its first read is already its own.
    if (typeof id === 'string') await ownership.add(visitor, id);
    return relay(res, path, text);
  }

  async function handle(request: Request): Promise<Response> {
    configure();
    const url = new URL(request.url);
    const { method } = request;
    const inside = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
    const path = inside ? url.pathname.slice(basePath.length).replace(/\/+$/, '') : '';
    const route = inside && ROUTES.find(([m, pattern]) => m === method && pattern.test(path));
    if (!route) {
      return json(
        404,
        `${method} ${url.pathname} is not forwarded by this proxy: it passes on only the prediction and model endpoints under ${basePath || '/'}.`,
      );
    }
    const [, pattern, kind] = route;
    const [, first, second, version] = pattern.exec(path)!;
    if (method === 'POST') {
      // A page on another site, or on a sibling subdomain, can send a form-like POST that carries
      // the visitor's cookie: changes are taken only from the proxy's own pages, and as JSON.
      const site = request.headers.get('sec-fetch-site');
      const from = request.headers.get('origin');
      if (site === 'cross-site' || site === 'same-site' || (publicOrigin && from && from !== publicOrigin)) {
        return json(403, 'This proxy takes changes only from pages on its own origin.');
      }
      if (kind === 'create' && !JSON_TYPE.test(request.headers.get('content-type') ?? '')) {
        return json(415, 'Send the body as JSON, with `content-type: application/json`.');
      }
    }
    if (kind === 'public') return relay(await send(request, method, path + url.search), path);

    let visitor = identify ? ((await identify(request)) ?? undefined) : readVisitorCookie(request);
    if (identify && !visitor) {
      return json(401, 'Sign in first: this app lets only signed-in users reach predictions.');
    }
    if (kind === 'list') return list(request, url, visitor);
    if (kind === 'create') {
      let body: Uint8Array | undefined;
      try {
        body = await readCapped(request, maxBodyBytes);
      } catch {
        // A body that breaks off is the client's connection failing: it is gone.
        return gone();
      }
      if (request.signal.aborted) return gone();
      if (!body) {
        return json(
          413,
          `The request body is over this proxy's limit of ${maxBodyBytes} bytes. Pass large files by URL.`,
        );
      }
      const minted = visitor ? undefined : mintVisitorId();
      visitor ??= minted!;
      const model =
        path === '/predictions'
          ? undefined
          : { owner: first!, name: second!, version: version ? +version : undefined };
      const answer = await create(request, path, model, body, visitor);
      if (minted && answer.ok) {
        answer.headers.append('set-cookie', visitorCookie(minted, basePath || '/', secureCookie));
      }
      return answer;
    }

    const id = first!;
    const owned = visitor ? await ownership.owns(visitor, id) : false;
    if (!authorize && !owned) return notFound(id);
    const access = { visitor, owned };
    if (kind === 'read' && !second) {
      // One upstream read serves both the decision and the answer.
      const res = await send(request, 'GET', path);
      if (!res.ok || !authorize) return relay(res, path);
      const text = await res.text();
      return (await mayReach(request, JSON.parse(text) as Prediction, access))
        ? relay(res, path, text)
        : notFound(id);
    }
    if (authorize) {
      const prediction = await load(request, id);
      if (prediction instanceof Response) return relay(prediction, path);
      if (!(await mayReach(request, prediction, access))) return notFound(id);
    }
    return relay(await send(request, method, path), path);
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
