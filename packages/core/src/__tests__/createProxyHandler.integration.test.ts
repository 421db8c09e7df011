import { createServer, type PredictKitServer } from '@predictkit/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  createClient,
  createPrediction,
  getModel,
  getPrediction,
  listHardware,
  listModelCategories,
  listPredictions,
  type Prediction,
  runPrediction,
  searchModels,
  watchPrediction,
} from '../index';
import { createProxyHandler, type ProxyHandlerOptions } from '../server/index';
import { ORIGIN } from './localServer';

const APP = 'http://app.test';
const BASE = '/api/predictkit';
const TOKEN = 'server-held-token';

let server: PredictKitServer;
let upstreamSeen: Request[];

beforeEach(() => {
  server = createServer({ timeScale: 0.01, tokens: [TOKEN], onWarning: () => {} });
  upstreamSeen = [];
});
afterEach(() => server.close());

function proxy(options: Partial<ProxyHandlerOptions> = {}) {
  return createProxyHandler({
    token: TOKEN,
    upstream: `${ORIGIN}/v1`,
    allowModels: ['predictkit/echo', 'predictkit/text-generator:1', 'predictkit/slow-task'],
    basePath: BASE,
    fetch: (request) => {
      upstreamSeen.push(request);
      return server.fetch(request);
    },
    ...options,
  });
}

/** A browser-side client: no token, the proxy's path as its base. */
const browserClient = (handler: (request: Request) => Promise<Response>) =>
  createClient({ baseUrl: `${APP}${BASE}`, fetch: handler });

const send = (
  handler: (r: Request) => Promise<Response>,
  method: string,
  path: string,
  init: RequestInit = {},
) => handler(new Request(`${APP}${path}`, { method, ...init }));

describe('createProxyHandler', () => {
  it('forwards predictions, adding the token', async () => {
    const client = browserClient(proxy());
    const done = await runPrediction(client, 'predictkit/echo', { text: 'through the proxy' });
    expect(done).toMatchObject({ status: 'succeeded', output: 'through the proxy' });
    expect(upstreamSeen[0]!.url).toBe(`${ORIGIN}/v1/models/predictkit/echo/predictions`);
    expect(upstreamSeen.every((r) => r.headers.get('authorization') === `Bearer ${TOKEN}`)).toBe(true);
    expect((await listPredictions(client)).items).toHaveLength(1);
    expect((await getModel(client, 'predictkit/echo')).name).toBe('echo');
    expect((await searchModels(client, 'echo')).items.length).toBeGreaterThan(0);
    expect((await listHardware(client)).items.length).toBeGreaterThan(0);
    expect((await listModelCategories(client)).items.length).toBeGreaterThan(0);
  });

  it('drops the Authorization, cookies and other headers the browser sent, passing the API headers on', async () => {
    const handler = proxy();
    const response = await send(handler, 'POST', `${BASE}/models/predictkit/echo/predictions`, {
      headers: {
        authorization: 'Bearer stolen-or-forged',
        cookie: 'session=abc',
        'content-type': 'application/json',
        prefer: 'wait=5',
        'validate-input': 'true',
        'x-forwarded-for': '10.0.0.1',
      },
      body: JSON.stringify({ input: { text: 'h' } }),
    });
    expect(response.status).toBe(201);
    const upstream = upstreamSeen[0]!.headers;
    expect(upstream.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(upstream.get('cookie')).toBeNull();
    expect(upstream.get('x-forwarded-for')).toBeNull();
    expect(upstream.get('prefer')).toBe('wait=5');
    expect(upstream.get('validate-input')).toBe('true');
    expect(await response.json()).toMatchObject({ status: 'succeeded' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('location')).toMatch(new RegExp(`^${BASE}/predictions/[0-9a-f-]{36}$`));
  });

  it('refuses creates outside the allowlist on all three create routes, with 403 and a detail', async () => {
    const handler = proxy();
    const denied = [
      [`${BASE}/models/predictkit/sentiment/predictions`, { input: { text: 'x' } }, 'predictkit/sentiment'],
      [
        `${BASE}/models/predictkit/text-generator/predictions`,
        { input: { prompt: 'x' } },
        'predictkit/text-generator',
      ],
      [
        `${BASE}/models/predictkit/text-generator/versions/2/predictions`,
        { input: {} },
        'predictkit/text-generator:2',
      ],
      [`${BASE}/predictions`, { model: 'predictkit/sentiment', input: {} }, 'predictkit/sentiment'],
      [
        `${BASE}/predictions`,
        { model: 'predictkit/text-generator:2', input: {} },
        'predictkit/text-generator:2',
      ],
    ] as const;
    for (const [path, body, model] of denied) {
      const response = await send(handler, 'POST', path, { body: JSON.stringify(body) });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        detail: `Model ${model} is not allowed through this proxy; add it to \`allowModels\` on the server.`,
      });
    }
    expect(upstreamSeen).toHaveLength(0);
  });

  it('allows every version of owner/name and only version N of owner/name:N', async () => {
    const handler = proxy();
    const allowed = [
      [`${BASE}/models/predictkit/echo/versions/1/predictions`, { input: { text: 'a' } }],
      [`${BASE}/predictions`, { model: 'predictkit/echo', input: { text: 'b' } }],
      [
        `${BASE}/predictions`,
        { model: 'predictkit/text-generator:1', input: { prompt: 'c', max_tokens: 2 } },
      ],
      [
        `${BASE}/models/predictkit/text-generator/versions/1/predictions`,
        { input: { prompt: 'd', max_tokens: 2 } },
      ],
    ] as const;
    for (const [path, body] of allowed) {
      const response = await send(handler, 'POST', path, { body: JSON.stringify(body) });
      expect(response.status).toBe(201);
    }
  });

  it('refuses a POST /predictions whose model it cannot read', async () => {
    const handler = proxy();
    for (const body of ['{"input":{}}', 'not json', '{"model":"a/b/c"}']) {
      const response = await send(handler, 'POST', `${BASE}/predictions`, { body });
      expect(response.status).toBe(403);
      expect((await response.json()).detail).toMatch(
        /^This proxy could not tell which model to run \(.+\); send JSON/,
      );
    }
  });

  it('takes a predicate as the allowlist', async () => {
    const handler = proxy({ allowModels: (m) => m.owner === 'predictkit' && m.name === 'sentiment' });
    const ok = await send(handler, 'POST', `${BASE}/models/predictkit/sentiment/predictions`, {
      body: JSON.stringify({ input: { text: 'I love it' } }),
    });
    expect(ok.status).toBe(201);
    const no = await send(handler, 'POST', `${BASE}/models/predictkit/echo/predictions`, {
      body: '{"input":{}}',
    });
    expect(no.status).toBe(403);
  });

  it('caps the request body with 413, by header or by counting', async () => {
    const handler = proxy({ maxBodyBytes: 100 });
    const big = JSON.stringify({ input: { text: 'x'.repeat(200) } });
    const response = await send(handler, 'POST', `${BASE}/models/predictkit/echo/predictions`, { body: big });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      detail: "The request body is over this proxy's limit of 100 bytes. Pass large files by URL.",
    });
    const streamed = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(40)));
        controller.close();
      },
    });
    const counted = await send(handler, 'POST', `${BASE}/models/predictkit/echo/predictions`, {
      body: streamed,
      duplex: 'half',
    } as RequestInit);
    expect(counted.status).toBe(413);
    expect(upstreamSeen).toHaveLength(0);
    const error = await createPrediction(browserClient(handler), {
      model: 'predictkit/echo',
      input: { text: 'y'.repeat(200) },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 413 });
  });

  it('streams through, as events happen, with urls pointing back at the proxy', async () => {
    const slow = createServer({ timeScale: 0.2, tokens: [TOKEN], onWarning: () => {} });
    const handler = proxy({ fetch: (request) => slow.fetch(request) });
    const client = browserClient(handler);
    const created = await createPrediction(client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 5, steps: 5 },
    });
    expect(created.urls?.stream).toBe(`${APP}${BASE}/predictions/${created.id}/stream`);
    const response = await send(handler, 'GET', `${BASE}/predictions/${created.id}/stream`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const first = (await reader.read()).value!;
    // The first event arrived while the prediction was still running: nothing was held back.
    expect(first).toMatch(/^id: \d+\nevent: prediction\ndata: /);
    expect(first).not.toContain('"status":"succeeded"');
    expect(first).toContain(`${APP}${BASE}/predictions/${created.id}/stream`);
    expect(first).not.toContain(ORIGIN);
    await reader.cancel();
    const snapshots: Prediction[] = [];
    for await (const s of watchPrediction(client, created)) snapshots.push(s);
    expect(snapshots.at(-1)?.status).toBe('succeeded');
    expect(snapshots.length).toBeGreaterThan(3);
    await slow.close();
  });

  it('serves output files through the proxy', async () => {
    const handler = proxy({ allowModels: () => true });
    const client = browserClient(handler);
    const done = await runPrediction<Record<string, unknown>, string[]>(
      client,
      'predictkit/image-generator',
      {
        prompt: 'a red fox',
        width: 64,
        height: 64,
      },
    );
    const url = [done.output].flat()[0] as string;
    expect(url.startsWith(`${APP}${BASE}/files/`)).toBe(true);
    const file = await handler(new Request(url));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer()).slice(1, 4)).toEqual(new TextEncoder().encode('PNG'));
  });

  it('passes file ranges and revalidation through, with their lengths (206, 304)', async () => {
    const handler = proxy({ allowModels: () => true });
    const client = browserClient(handler);
    const done = await runPrediction<Record<string, unknown>, string[]>(
      client,
      'predictkit/image-generator',
      {
        prompt: 'a blue whale',
        width: 64,
        height: 64,
      },
    );
    const url = [done.output].flat()[0] as string;
    const whole = await handler(new Request(url));
    const bytes = new Uint8Array(await whole.arrayBuffer());
    expect(whole.headers.get('content-length')).toBe(String(bytes.length));
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const etag = whole.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);

    const part = await handler(new Request(url, { headers: { range: 'bytes=4-13' } }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 4-13/${bytes.length}`);
    expect(part.headers.get('content-length')).toBe('10');
    expect(part.headers.get('accept-ranges')).toBe('bytes');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(4, 14));
    expect(upstreamSeen.at(-1)!.headers.get('range')).toBe('bytes=4-13');

    const unchanged = await handler(new Request(url, { headers: { 'if-none-match': etag! } }));
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect(unchanged.body).toBeNull();
  });

  it('drops the length of an answer it rewrites', async () => {
    const handler = proxy();
    const response = await send(handler, 'GET', `${BASE}/models/predictkit/echo`);
    const text = await response.text();
    expect(response.headers.get('content-length')).toBeNull();
    expect(text).not.toContain(ORIGIN);
  });

  it.each([
    ['stays open', false],
    ['breaks off', true],
  ])('answers 499, never rejecting, when the browser leaves while its body %s', async (_, breaks) => {
    const handler = proxy();
    const leave = new AbortController();
    let body!: ReadableStreamDefaultController<Uint8Array>;
    const request = new Request(`${APP}${BASE}/predictions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          body = controller;
          controller.enqueue(new TextEncoder().encode('{"model":"predictkit/echo",'));
        },
      }),
      signal: leave.signal,
      duplex: 'half',
    } as RequestInit);
    const answer = handler(request);
    await new Promise((resolve) => setTimeout(resolve, 50));
    leave.abort();
    // Node's adapter errors the body when the socket closes; other runtimes leave it open.
    if (breaks) body.error(new Error('aborted'));
    const response = await answer;
    expect(response.status).toBe(499);
    expect(await response.json()).toEqual({
      detail: 'The client closed the request before it was answered; nothing more was forwarded.',
    });
    expect(upstreamSeen).toHaveLength(0);
  });

  it('answers 502 with a detail when the upstream is down', async () => {
    const handler = proxy({ fetch: () => Promise.reject(new TypeError('fetch failed')) });
    const response = await send(handler, 'GET', `${BASE}/predictions`);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      detail: 'The prediction service could not be reached (fetch failed). Try again shortly.',
    });
    const error = await getPrediction(browserClient(handler), 'x').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ApiError', status: 502 });
  });

  it.each([
    ['GET', '/api/predictkit/user'],
    ['GET', '/api/predictkit/files'],
    ['DELETE', '/api/predictkit/predictions/abc'],
    ['PUT', '/api/predictkit/models/predictkit/echo'],
    ['POST', '/api/predictkit/models/predictkit/echo'],
    ['GET', '/api/predictkit/v1/predictions'],
    ['GET', '/api/predictkitx/predictions'],
    ['GET', '/predictions'],
    ['GET', '/api/predictkit/predictions/a%2F..%2F..%2Fuser'],
    ['GET', '/api/predictkit/models/predictkit/echo/versions/0'],
  ])('answers 404 {detail} for %s %s', async (method, path) => {
    const response = await send(proxy(), method, path);
    expect(response.status).toBe(404);
    expect((await response.json()).detail).toMatch(
      /is not forwarded by this proxy: it passes on only the prediction and model endpoints under \/api\/predictkit\.$/,
    );
    expect(upstreamSeen).toHaveLength(0);
  });

  it('works without a base path', async () => {
    const handler = proxy({ basePath: '' });
    const response = await send(handler, 'GET', '/models/predictkit/echo');
    expect(response.status).toBe(200);
  });

  it('refuses to start without a token, an allowlist or a sane upstream', () => {
    const fetch = server.fetch;
    expect(() => createProxyHandler({ token: '', allowModels: [], fetch })).toThrow(
      'createProxyHandler: no token: pass `token`, or set WRIFTAI_ACCESS_TOKEN on the server.',
    );
    expect(() => createProxyHandler({ token: 't' } as ProxyHandlerOptions)).toThrow(
      "createProxyHandler: `allowModels` is required: list the models the browser may run, e.g. ['predictkit/echo'], or pass () => true to allow any.",
    );
    expect(() => createProxyHandler({ token: 't', allowModels: ['echo'] })).toThrow(
      'Invalid model reference "echo"',
    );
    expect(() => createProxyHandler({ token: 't', allowModels: [], upstream: '/v1' })).toThrow(
      'createProxyHandler: `upstream` must be an absolute http(s) URL, got "/v1".',
    );
    expect(() => createProxyHandler({ token: 't', allowModels: [], basePath: 'api/' })).toThrow(
      'createProxyHandler: `basePath` must start with `/` and not end with one, got "api/".',
    );
  });
});
