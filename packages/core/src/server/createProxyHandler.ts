import type { FetchLike } from '../createClient';
import { formatModelRef, parseModelRef } from '../parseModelRef';
import { readEnv } from '../readEnv';
import type { ModelRef } from '../types';

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
}

const SEGMENT = '[\\w.~-]+';

/**
 * What the browser may reach, by method and path (after `basePath`). `create` routes name the
 * model in the path (owner, name, version) or, for `POST /predictions`, in the body.
 */
const ROUTES: [method: string, path: RegExp, create?: true][] = [
  ['GET', /^\/predictions$/],
  ['POST', /^\/predictions$/, true],
  ['GET', new RegExp(`^/predictions/${SEGMENT}(/stream)?$`)],
  ['POST', new RegExp(`^/predictions/${SEGMENT}/cancel$`)],
  ['GET', new RegExp(`^/models(/${SEGMENT}(/${SEGMENT}(/versions(/[1-9]\\d*)?)?)?)?$`)],
  ['POST', new RegExp(`^/models/(${SEGMENT})/(${SEGMENT})(?:/versions/([1-9]\\d*))?/predictions$`), true],
  ['GET', /^\/(search\/models|model_categories|hardware)$/],
  // Output files (images, audio) the UI shows; read-only.
  ['GET', new RegExp(`^/files/${SEGMENT}$`)],
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

const json = (status: number, detail: string) =>
  Response.json({ detail }, { status, headers: { 'cache-control': 'no-store' } });

/** Nginx's "client closed request": no one reads it, but a handler must still resolve with something. */
const gone = () =>
  json(499, 'The client closed the request before it was answered; nothing more was forwarded.');

async function readCapped(request: Request, max: number): Promise<Uint8Array | undefined> {
  if (Number(request.headers.get('content-length')) > max) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    // Not every runtime ends the body of a request whose client left: its signal always says so.
    const stop = () => reader.cancel().catch(() => {});
    request.signal.addEventListener('abort', stop);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > max) {
          await stop();
          return undefined;
        }
        chunks.push(value);
      }
    } finally {
      request.signal.removeEventListener('abort', stop);
    }
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/** Rewrites every complete line as it arrives, so a stream is never held back longer than one line. */
function rewriteLines(rewrite: (line: string) => string): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  return new TransformStream({
    transform(chunk, controller) {
      pending += decoder.decode(chunk, { stream: true });
      const end = pending.lastIndexOf('\n') + 1;
      if (end) {
        controller.enqueue(encoder.encode(rewrite(pending.slice(0, end))));
        pending = pending.slice(end);
      }
    },
    flush(controller) {
      pending += decoder.decode();
      if (pending) controller.enqueue(encoder.encode(rewrite(pending)));
    },
  });
}

/**
 * A `Request → Response` handler that lets a browser use the API without ever holding the token.
 * It forwards only the prediction and model endpoints (plus output files), adds the token, drops
 * whatever credentials the browser sent, refuses creates on models outside `allowModels` (`403`),
 * caps request bodies (`413`), passes streams through as they arrive, rewrites the upstream's
 * absolute URLs (`urls.stream`, files) to point back at itself, passes files through untouched
 * (ranges and revalidation included), answers `502` when the upstream cannot be reached, `499`
 * when the browser left before the answer, and `404` for anything else; every refusal is
 * `{detail}` JSON. It always resolves: no failure becomes a rejection.
 */
export function createProxyHandler(options: ProxyHandlerOptions): (request: Request) => Promise<Response> {
  const { allowModels, maxBodyBytes = 1_048_576, basePath = '' } = options ?? {};
  const token = options?.token ?? readEnv('WRIFTAI_ACCESS_TOKEN');
  const upstream = (
    options?.upstream ??
    readEnv('WRIFTAI_API_BASE_URL') ??
    'https://api.wrift.ai/v1'
  ).replace(/\/+$/, '');
  const doFetch = options?.fetch ?? ((request: Request) => fetch(request));
  if (!token)
    throw new TypeError(
      'createProxyHandler: no token: pass `token`, or set WRIFTAI_ACCESS_TOKEN on the server.',
    );
  if (!/^https?:\/\//.test(upstream)) {
    throw new TypeError(
      `createProxyHandler: \`upstream\` must be an absolute http(s) URL, got ${JSON.stringify(upstream)}.`,
    );
  }
  if (!(maxBodyBytes > 0))
    throw new TypeError(`createProxyHandler: \`maxBodyBytes\` must be > 0, got ${maxBodyBytes}.`);
  if (basePath && !/^\/.*[^/]$/.test(basePath)) {
    throw new TypeError(
      `createProxyHandler: \`basePath\` must start with \`/\` and not end with one, got ${JSON.stringify(basePath)}.`,
    );
  }
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
  const upstreamPath = new URL(upstream).pathname.replace(/\/+$/, '');

  return async (request) => {
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
    let body: Uint8Array | undefined;
    if (method === 'POST') {
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
      if (route[2]) {
        const [, owner, name, version] = route[1].exec(path)!;
        let model: ModelRef | undefined = owner
          ? { owner, name: name!, version: version ? +version : undefined }
          : undefined;
        let refusal = '';
        try {
          model ??= parseModelRef(JSON.parse(new TextDecoder().decode(body)).model);
          if (!allowed(model))
            refusal = `Model ${formatModelRef(model)} is not allowed through this proxy; add it to \`allowModels\` on the server.`;
        } catch (error) {
          refusal = `This proxy could not tell which model to run (${(error as Error).message}); send JSON with a \`model\` such as "owner/name".`;
        }
        if (refusal) return json(403, refusal);
      }
    }
    const headers = new Headers({ authorization: `Bearer ${token}` });
    for (const name of FORWARDED) {
      const value = request.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    const own = url.origin + basePath;
    const rewrite = (text: string) => text.replaceAll(upstream, own);
    try {
      const res = await doFetch(
        new Request(upstream + path + url.search, {
          method,
          headers,
          body: body as BodyInit | undefined,
          signal: request.signal,
        }),
      );
      const out = new Headers(res.headers);
      for (const name of DROPPED) out.delete(name);
      // A decoded body is longer than the encoded one the length counted.
      if (res.headers.has('content-encoding')) out.delete('content-length');
      const location = out.get('location');
      if (location) {
        out.set(
          'location',
          location.startsWith(`${upstreamPath}/`)
            ? basePath + location.slice(upstreamPath.length)
            : rewrite(location),
        );
      }
      const type = out.get('content-type') ?? '';
      let answer: BodyInit | null = res.body;
      // Files pass as they are, byte for byte, so ranges (`206`) and their lengths stay true.
      if (res.body && !path.startsWith('/files/')) {
        if (type.includes('text/event-stream')) {
          // Tells nginx-style reverse proxies not to buffer the stream either.
          out.set('x-accel-buffering', 'no');
          out.delete('content-length');
          answer = res.body.pipeThrough(rewriteLines(rewrite));
        } else if (type.includes('json')) {
          out.delete('content-length');
          answer = rewrite(await res.text());
        }
      }
      return new Response(answer, { status: res.status, statusText: res.statusText, headers: out });
    } catch (error) {
      // Resolved, never rejected: a Node adapter must not meet an unhandled rejection when a browser leaves.
      if (request.signal.aborted) return gone();
      return json(
        502,
        `The prediction service could not be reached (${(error as Error)?.message}). Try again shortly.`,
      );
    }
  };
}
