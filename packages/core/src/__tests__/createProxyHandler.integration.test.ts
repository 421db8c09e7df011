import { createServer, type PredictKitServer } from '@predictkit/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getModel, listHardware, listModelCategories, searchModels } from '../catalog/index';
import {
  ApiError,
  cancelPrediction,
  createClient,
  createPrediction,
  getPrediction,
  listPredictions,
  type Prediction,
  paginate,
  runPrediction,
} from '../index';
import { createMemoryOwnershipStore, createProxyHandler, type ProxyHandlerOptions } from '../server/index';
import { watchPrediction } from '../stream/index';
import { ORIGIN } from './localServer';
import { withCookies } from './withCookies';

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
      upstreamSeen.push(request.clone());
      return server.fetch(request);
    },
    ...options,
  });
}

type Handler = (request: Request) => Promise<Response>;

/** A browser's cookie jar in front of `handler`: it keeps what the proxy sets and sends it back. */
function browser(handler: Handler) {
  const fetch = withCookies(handler);
  return { fetch, jar: fetch.jar, client: createClient({ baseUrl: `${APP}${BASE}`, fetch }) };
}

/** A browser-side client: no token, the proxy's path as its base, cookies kept. */
const browserClient = (handler: Handler) => browser(handler).client;

/** A request as a browser's `fetch` sends it: a body goes as JSON unless said otherwise. */
const send = (
  handler: (r: Request) => Promise<Response>,
  method: string,
  path: string,
  init: RequestInit = {},
) => {
  const headers = new Headers(init.headers);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return handler(new Request(`${APP}${path}`, { method, ...init, headers }));
};

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
    for (const body of ['{"input":{}}', '{"model":"a/b/c"}']) {
      const response = await send(handler, 'POST', `${BASE}/predictions`, { body });
      expect(response.status).toBe(403);
      expect((await response.json()).detail).toMatch(
        /^This proxy could not tell which model to run \(.+\); send JSON/,
      );
    }
    const text = await send(handler, 'POST', `${BASE}/predictions`, { body: 'not json' });
    expect(text.status).toBe(400);
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
    const handler = proxy({ fetch: (request) => slow.fetch(request), publicOrigin: APP });
    const { client, fetch } = browser(handler);
    const created = await createPrediction(client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 5, steps: 5 },
    });
    expect(created.urls?.stream).toBe(`${APP}${BASE}/predictions/${created.id}/stream`);
    const response = await fetch(
      new Request(`${APP}${BASE}/predictions/${created.id}/stream`, {
        headers: { accept: 'text/event-stream' },
      }),
    );
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
    const handler = proxy({ allowModels: () => true, publicOrigin: APP });
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
    const handler = proxy({ allowModels: () => true, publicOrigin: APP });
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
    // the API's own URLs are the proxy's; an owner's avatar is an image elsewhere, as on the real service
    expect(text).not.toContain(`${ORIGIN}/v1`);
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
    const response = await send(handler, 'GET', `${BASE}/models`);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      detail: 'The prediction service could not be reached (fetch failed). Try again shortly.',
    });
    const error = await getModel(browserClient(handler), 'predictkit/echo').catch((e: unknown) => e);
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
      "createProxyHandler: `allowModels` is required: list the models the browser may run, e.g. ['predictkit/echo'], or ['*'] to allow any.",
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
    expect(() => createProxyHandler({ token: 't', allowModels: [], cookieSecret: 'short' })).toThrow(
      'createProxyHandler: `cookieSecret` must be a string of 16 characters or more',
    );
  });
});

describe('createProxyHandler: who reaches which prediction', () => {
  const echo = (client: ReturnType<typeof browserClient>, text = 'mine') =>
    createPrediction(client, { model: 'predictkit/echo', input: { text }, wait: 5 });

  it('lets a browser read, stream, cancel and list only the predictions it created here', async () => {
    const handler = proxy();
    const alice = browser(handler);
    const mallory = browser(handler);
    const created = await echo(alice.client);
    expect((await getPrediction(alice.client, created.id)).output).toBe('mine');
    expect((await listPredictions(alice.client)).items.map((p) => p.id)).toEqual([created.id]);

    expect((await listPredictions(mallory.client)).items).toEqual([]);
    for (const [method, path] of [
      ['GET', `${BASE}/predictions/${created.id}`],
      ['GET', `${BASE}/predictions/${created.id}/stream`],
      ['POST', `${BASE}/predictions/${created.id}/cancel`],
    ] as const) {
      for (const fetch of [mallory.fetch, handler]) {
        const response = await fetch(new Request(`${APP}${path}`, { method }));
        expect(response.status).toBe(404);
        // The same words as for an id that does not exist: a refusal says nothing.
        expect(await response.json()).toEqual({ detail: `Prediction ${created.id} not found.` });
      }
    }
    const slow = await createPrediction(alice.client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 30, steps: 3 },
    });
    expect((await cancelPrediction(alice.client, slow.id)).id).toBe(slow.id);
  });

  it('never reaches predictions made with the token elsewhere', async () => {
    const handler = proxy();
    const direct = createClient({ baseUrl: `${ORIGIN}/v1`, token: TOKEN, fetch: (r) => server.fetch(r) });
    const elsewhere = await createPrediction(direct, {
      model: 'predictkit/echo',
      input: { text: 'private' },
    });
    const visitor = browser(handler);
    await echo(visitor.client);
    const response = await visitor.fetch(new Request(`${APP}${BASE}/predictions/${elsewhere.id}`));
    expect(response.status).toBe(404);
    const listed = await listPredictions(visitor.client);
    expect(listed.items.map((p) => p.id)).not.toContain(elsewhere.id);
    expect(listed.items).toHaveLength(1);
  });

  it('gives a new visitor an HttpOnly, SameSite=Lax cookie, a __Host- one on https, once, on a successful create', async () => {
    const handler = proxy({ publicOrigin: 'https://app.example.com' });
    const refused = await send(handler, 'POST', `${BASE}/models/predictkit/sentiment/predictions`, {
      body: '{"input":{}}',
    });
    expect(refused.headers.getSetCookie()).toEqual([]);
    const visitor = browser(handler);
    const first = await visitor.fetch(
      new Request(`${APP}${BASE}/models/predictkit/echo/predictions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"input":{"text":"a"}}',
      }),
    );
    const [cookie, ...more] = first.headers.getSetCookie();
    expect(more).toEqual([]);
    expect(cookie).toMatch(
      /^__Host-predictkit_visitor_[0-9a-f]{8}=[0-9a-f]{32}\.[0-9a-z]+\.[\w-]{43}; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax; Secure$/,
    );
    const again = await visitor.fetch(
      new Request(`${APP}${BASE}/models/predictkit/echo/predictions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"input":{"text":"b"}}',
      }),
    );
    expect(again.headers.getSetCookie()).toEqual([]);
    expect((await listPredictions(visitor.client)).items).toHaveLength(2);
  });

  it('sets the __Host- cookie on a request made over https, even without an https publicOrigin', async () => {
    const handler = proxy();
    const created = await handler(
      new Request(`https://app.example.com${BASE}/models/predictkit/echo/predictions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"input":{"text":"a"}}',
      }),
    );
    const [cookie] = created.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-predictkit_visitor_[0-9a-f]{8}=[\w.-]+; .*Path=\/; .*; Secure$/);
    // A cookie planted without the prefix is not read on https.
    const least = '0'.repeat(32);
    const planted = await handler(
      new Request(`https://app.example.com${BASE}/predictions`, {
        headers: { cookie: `predictkit_visitor_00000000=${least}; ${cookie!.split(';')[0]}` },
      }),
    );
    expect(planted.status).toBe(200);
    expect(planted.headers.getSetCookie()).toEqual([]);
    expect(((await planted.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('keeps every prediction of creates a new visitor sends at once, under one cookie after', async () => {
    const handler = proxy();
    const visitor = browser(handler);
    const made = await Promise.all(['a', 'b', 'c'].map((text) => echo(visitor.client, text)));
    expect(visitor.jar.size).toBe(3);
    // The next answer keeps the least id and expires the others, whose predictions it took over.
    const listed = await listPredictions(visitor.client);
    expect(listed.items.map((p) => p.id).sort()).toEqual(made.map((p) => p.id).sort());
    expect(visitor.jar.size).toBe(1);
    for (const p of made) expect((await getPrediction(visitor.client, p.id)).id).toBe(p.id);
    const other = browser(handler);
    expect((await listPredictions(other.client)).items).toEqual([]);
  });

  it('on https, takes no cookie a page of another host could plant, so no planted id takes over a visitor', async () => {
    const handler = proxy({ publicOrigin: 'https://app.example.com' });
    const victim = browser(handler);
    const made = await echo(victim.client);
    // A sibling subdomain can set a cookie for this host, but not a __Host- one.
    const least = '0'.repeat(32);
    victim.jar.set('predictkit_visitor_00000000', least);
    victim.jar.set('predictkit_visitor', least);
    expect((await listPredictions(victim.client)).items.map((p) => p.id)).toEqual([made.id]);
    expect([...victim.jar.keys()].filter((name) => name.startsWith('__Host-'))).toHaveLength(1);
    const planted = await handler(
      new Request(`${APP}${BASE}/predictions`, {
        headers: { cookie: `predictkit_visitor_00000000=${least}` },
      }),
    );
    expect((await planted.json()).items).toEqual([]);
  });

  it('takes over a few predictions of each other id, once, whatever the names they come under', async () => {
    const handler = proxy();
    const a = browser(handler);
    const b = browser(handler);
    await Promise.all(['1', '2', '3'].map((text) => echo(a.client, text)));
    await listPredictions(a.client);
    const theirs = await echo(b.client, 'b');
    const [aName, aId] = [...a.jar][0]!;
    const bId = [...b.jar.values()][0]!;
    // b's id twice under other names: taken over once, and each name expired
    const cookie = `${aName}=${aId}; predictkit_visitor_x=${bId}; predictkit_visitor_y=${bId}`;
    const answer = await handler(new Request(`${APP}${BASE}/predictions`, { headers: { cookie } }));
    const ids = ((await answer.json()) as { items: { id: string }[] }).items.map((p) => p.id);
    expect(ids).toHaveLength(4);
    expect(ids).toContain(theirs.id);
    // every name but the one kept (the earliest minted id's: a's) is expired
    const names = ['predictkit_visitor_x', 'predictkit_visitor_y'];
    expect(
      answer.headers
        .getSetCookie()
        .map((line) => line.split('=')[0])
        .sort(),
    ).toEqual(names.sort());
  });

  it('takes only the visitor ids it signed, so that none can be made up', async () => {
    const handler = proxy();
    const visitor = browser(handler);
    await echo(visitor.client);
    const [name, value] = [...visitor.jar][0]!;
    const [id, minted, mac] = value!.split('.') as [string, string, string];
    const other = '0'.repeat(32);
    const elsewhere = browser(proxy({ cookieSecret: 'another secret, 16+ characters' }));
    await echo(elsewhere.client);
    for (const forged of [
      id,
      other,
      value!.toUpperCase(),
      `${value}0`,
      `${id}.${minted}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      `${other}.${minted}.${mac}`,
      `${id}.${(Number.parseInt(minted, 36) + 1).toString(36)}.${mac}`,
      [...elsewhere.jar.values()][0]!,
      '',
    ]) {
      const response = await handler(
        new Request(`${APP}${BASE}/predictions`, { headers: { cookie: `${name}=${forged}` } }),
      );
      expect((await response.json()).items, forged).toEqual([]);
    }
    // Nor does one made up beside the visitor's own take its predictions over.
    const both = await handler(
      new Request(`${APP}${BASE}/predictions`, {
        headers: { cookie: `predictkit_visitor_00000000=${other}.${minted}.${mac}; ${name}=${value}` },
      }),
    );
    expect((await both.json()).items).toHaveLength(1);
    expect(both.headers.getSetCookie()).toEqual([]);
    // Nor do cookies it did not sign, however many, hide the visitor's own.
    const stale = Array.from({ length: 12 }, (_, i) => `predictkit_visitor_${i}=${other}.${minted}.${mac}`);
    const crowded = await handler(
      new Request(`${APP}${BASE}/predictions`, {
        headers: { cookie: `${stale.join('; ')}; ${name}=${value}` },
      }),
    );
    expect((await crowded.json()).items).toHaveLength(1);
  });

  it('refuses ids not minted together, one of which a page of another port planted, and moves nothing', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const handler = proxy();
      const attacker = browser(handler);
      await echo(attacker.client, 'theirs');
      vi.setSystemTime(Date.now() + 10 * 60_000);
      const victim = browser(handler);
      const made = await echo(victim.client, 'mine');
      const [plantedName, planted] = [...attacker.jar][0]!;
      victim.jar.set(plantedName, planted!);
      const refused = await victim.fetch(new Request(`${APP}${BASE}/predictions`));
      expect(refused.status).toBe(403);
      expect((await refused.json()).detail).toMatch(/not given out together/);
      expect(refused.headers.getSetCookie()).toEqual([]);
      expect(victim.jar.size).toBe(2);
      // The attacker's id holds its own prediction alone.
      const theirs = (await listPredictions(attacker.client)).items;
      expect(theirs.map((p) => p.id)).not.toContain(made.id);
      expect(theirs).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers a visitor’s own predictions with no-store, so that no shared cache keeps them', async () => {
    const handler = proxy();
    const visitor = browser(handler);
    const made = await echo(visitor.client);
    for (const path of [`/predictions/${made.id}`, '/predictions']) {
      const answer = await visitor.fetch(new Request(`${APP}${BASE}${path}`));
      expect(answer.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('pages the list newest first, refilling a page past rows the upstream no longer has', async () => {
    const handler = proxy();
    const { client } = browser(handler);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.unshift((await echo(client, `n${i}`)).id);
    const first = await listPredictions(client, { pageSize: 5 });
    expect(first.items.map((p) => p.id)).toEqual(ids.slice(0, 5));
    expect(first.items[0]).not.toHaveProperty('input');
    expect(first.items[0]).not.toHaveProperty('output');
    expect(first.next_url).toBe(`${BASE}/predictions?cursor=${first.next_cursor}&page_size=5`);
    const second = await listPredictions(client, { pageSize: 5, cursor: first.next_cursor! });
    expect(second.items.map((p) => p.id)).toEqual(ids.slice(5));
    expect(second.next_cursor).toBeNull();
    expect(first.previous_cursor).toBeNull();
    expect(second.previous_url).toBe(`${BASE}/predictions?cursor=${second.previous_cursor}&page_size=5`);
    // Back from the second page, after two more were made: the page before it, whole, and a way
    // back to the two newest, on the first page, whole too.
    for (let i = 7; i < 9; i++) ids.unshift((await echo(client, `n${i}`)).id);
    const back = await listPredictions(client, { pageSize: 5, cursor: second.previous_cursor! });
    expect(back.items.map((p) => p.id)).toEqual(ids.slice(2, 7));
    expect(back.next_cursor).toBe(first.next_cursor);
    const newest = await listPredictions(client, { pageSize: 5, cursor: back.previous_cursor! });
    expect(newest.items.map((p) => p.id)).toEqual(ids.slice(0, 5));
    expect(newest.previous_cursor).toBeNull();
    expect(newest).toEqual(await listPredictions(client, { pageSize: 5 }));
    const all: string[] = [];
    for await (const p of paginate(client, listPredictions, { pageSize: 5 })) all.push(p.id);
    expect(all).toEqual(ids);

    const gone = new Set(ids.slice(1, 3));
    const forgetful = proxy({
      fetch: (request) =>
        [...gone].some((id) => request.url.endsWith(id))
          ? Promise.resolve(Response.json({ detail: 'Prediction not found.' }, { status: 404 }))
          : server.fetch(request),
    });
    const visitor = browser(forgetful);
    const mine: string[] = [];
    for (let i = 0; i < 7; i++) mine.unshift((await echo(visitor.client, `m${i}`)).id);
    gone.clear();
    for (const id of mine.slice(1, 3)) gone.add(id);
    const page = await listPredictions(visitor.client, { pageSize: 5 });
    expect(page.items.map((p) => p.id)).toEqual([mine[0], ...mine.slice(3, 7)]);
    expect(page.next_cursor).toBeNull();
    // Back from the rows after the missing ones, the page is refilled past them, back to the newest
    // and then onwards: the first page, whole.
    const after = await listPredictions(visitor.client, { pageSize: 5, cursor: mine[2] });
    expect(after.items.map((p) => p.id)).toEqual(mine.slice(3, 7));
    const whole = await listPredictions(visitor.client, { pageSize: 5, cursor: after.previous_cursor! });
    expect(whole.items.map((p) => p.id)).toEqual([mine[0], ...mine.slice(3, 7)]);
    expect([whole.previous_cursor, whole.next_cursor]).toEqual([null, null]);
  });

  it('leads back to the last page from a page past the end, once its rows are forgotten', async () => {
    const handler = proxy({ ownership: createMemoryOwnershipStore({ maxPredictionsPerVisitor: 10 }) });
    const { client } = browser(handler);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.unshift((await echo(client, `n${i}`)).id);
    const first = await listPredictions(client, { pageSize: 5 });
    // Five more make the store forget the five oldest: the first page's cursor is now the last row.
    for (let i = 10; i < 15; i++) ids.unshift((await echo(client, `n${i}`)).id);
    ids.splice(10);
    const past = await listPredictions(client, { pageSize: 5, cursor: first.next_cursor! });
    expect([past.items, past.next_cursor]).toEqual([[], null]);
    const last = await listPredictions(client, { pageSize: 5, cursor: past.previous_cursor! });
    expect(last.items.map((p) => p.id)).toEqual(ids.slice(5));
    expect(last.next_cursor).toBeNull();
    const before = await listPredictions(client, { pageSize: 5, cursor: last.previous_cursor! });
    expect(before.items.map((p) => p.id)).toEqual(ids.slice(0, 5));
    expect(before.previous_cursor).toBeNull();
  });

  it('reads a finished prediction’s row from the upstream once, and a running one every time', async () => {
    const handler = proxy();
    const { client } = browser(handler);
    const done = await echo(client, 'done');
    const running = await createPrediction(client, {
      model: 'predictkit/slow-task',
      input: { duration_s: 60, steps: 2 },
    });
    const reads = () => upstreamSeen.filter((r) => r.method === 'GET' && /\/predictions\/[^/]+$/.test(r.url));
    await listPredictions(client);
    expect(reads().map((r) => r.url.split('/').at(-1))).toEqual(
      expect.arrayContaining([done.id, running.id]),
    );
    upstreamSeen = [];
    const again = await listPredictions(client);
    expect(again.items.map((p) => p.id)).toEqual([running.id, done.id]);
    expect(reads().map((r) => r.url.split('/').at(-1))).toEqual([running.id]);
    await cancelPrediction(client, running.id);
  });

  it('takes changes only as JSON from pages on its own origin', async () => {
    const handler = proxy({ publicOrigin: APP });
    const visitor = browser(handler);
    const made = await echo(visitor.client);
    const attempts: [string, Record<string, string>, number][] = [
      ['/models/predictkit/echo/predictions', { 'content-type': 'text/plain' }, 415],
      ['/models/predictkit/echo/predictions', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
      ['/models/predictkit/echo/predictions', { 'content-type': 'multipart/form-data; boundary=x' }, 415],
      ['/models/predictkit/echo/predictions', { 'content-type': 'application/jsonp' }, 415],
      [`/predictions/${made.id}/cancel`, { 'sec-fetch-site': 'cross-site' }, 403],
      [`/predictions/${made.id}/cancel`, { 'sec-fetch-site': 'same-site' }, 403],
      [`/predictions/${made.id}/cancel`, { origin: 'https://evil.example' }, 403],
      ['/predictions', { 'content-type': 'application/json', origin: 'https://evil.example' }, 403],
    ];
    for (const [path, headers, status] of attempts) {
      const response = await visitor.fetch(
        new Request(`${APP}${BASE}${path}`, { method: 'POST', headers, body: '{"input":{"text":"x"}}' }),
      );
      expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(status);
    }
    expect(upstreamSeen.filter((r) => r.method === 'POST')).toHaveLength(1);
    const ok = await visitor.fetch(
      new Request(`${APP}${BASE}/models/predictkit/echo/predictions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/vnd.api+json; charset=utf-8',
          'sec-fetch-site': 'same-origin',
          origin: APP,
        },
        body: '{"input":{"text":"x"}}',
      }),
    );
    expect(ok.status).toBe(201);
  });

  it('refuses a page size or cursor it cannot honour with 422', async () => {
    const handler = proxy();
    const visitor = browser(handler);
    await echo(visitor.client);
    for (const query of ['page_size=4', 'page_size=51', 'page_size=x', 'cursor=nope']) {
      const response = await visitor.fetch(new Request(`${APP}${BASE}/predictions?${query}`));
      expect(response.status).toBe(422);
      expect((await response.json()).detail[0].loc[0]).toBe('query');
    }
  });

  it('lets `authorize` widen and narrow access, told the prediction and who asks', async () => {
    const seen: [string, string, boolean][] = [];
    const widened = proxy({
      authorize: (_request, prediction, { visitor, owned }) => {
        seen.push([prediction.id, visitor ?? 'nobody', owned]);
        return true;
      },
    });
    const alice = browser(widened);
    const bob = browser(widened);
    const made = await echo(alice.client, 'shared');
    expect((await getPrediction(bob.client, made.id)).output).toBe('shared');
    expect(seen.at(-1)).toEqual([made.id, 'nobody', false]);
    const stream = await handler404Free(widened, `${BASE}/predictions/${made.id}/stream`);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    await stream.body?.cancel();

    const narrowed = proxy({ authorize: (_request, p, { owned }) => owned && p.input?.text !== 'secret' });
    const carol = browser(narrowed);
    const open = await echo(carol.client, 'open');
    const hidden = await echo(carol.client, 'secret');
    expect((await getPrediction(carol.client, open.id)).id).toBe(open.id);
    for (const path of [`/predictions/${hidden.id}`, `/predictions/${hidden.id}/stream`]) {
      expect((await carol.fetch(new Request(`${APP}${BASE}${path}`))).status).toBe(404);
    }
    expect((await listPredictions(carol.client)).items.map((p) => p.id)).toEqual([open.id]);
    expect((await browser(narrowed).fetch(new Request(`${APP}${BASE}/predictions/${open.id}`))).status).toBe(
      404,
    );
  });

  it('follows the app’s own users through `identify`, from device to device, and sets no cookie', async () => {
    const handler = proxy({ identify: (request) => request.headers.get('x-user') });
    const asUser = (user?: string) =>
      createClient({
        baseUrl: `${APP}${BASE}`,
        fetch: handler,
        headers: user ? { 'x-user': user } : {},
      });
    const laptop = asUser('u1');
    const made = await createPrediction(laptop, { model: 'predictkit/echo', input: { text: 'x' } });
    expect((await getPrediction(asUser('u1'), made.id)).id).toBe(made.id);
    expect((await listPredictions(asUser('u2'))).items).toEqual([]);
    const anonymous = await send(handler, 'POST', `${BASE}/models/predictkit/echo/predictions`, {
      body: '{"input":{"text":"y"}}',
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.getSetCookie()).toEqual([]);
    expect(upstreamSeen.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('refuses a browser’s webhook with 400 unless allowed, and attaches the server’s own', async () => {
    const body = JSON.stringify({ input: { text: 'x' }, webhook: { url: 'http://169.254.169.254/steal' } });
    const strict = await send(proxy(), 'POST', `${BASE}/models/predictkit/echo/predictions`, { body });
    expect(strict.status).toBe(400);
    expect((await strict.json()).detail).toMatch(/does not forward a webhook from the browser/);
    const viaBody = await send(proxy(), 'POST', `${BASE}/predictions`, {
      body: JSON.stringify({ model: 'predictkit/echo', input: {}, webhook: { url: 'https://x.test' } }),
    });
    expect(viaBody.status).toBe(400);
    expect(upstreamSeen).toHaveLength(0);

    const open = await send(proxy({ allowBrowserWebhooks: true }), 'POST', `${BASE}/predictions`, {
      body: JSON.stringify({ model: 'predictkit/echo', input: {}, webhook: { url: 'https://x.test/h' } }),
    });
    expect(open.status).toBe(201);
    expect(await upstreamSeen[0]!.json()).toMatchObject({ webhook: { url: 'https://x.test/h' } });

    const own = { url: 'https://app.example.com/hooks/predictions', secret: 'whsec' };
    const served = await send(proxy({ webhook: own }), 'POST', `${BASE}/models/predictkit/echo/predictions`, {
      body: '{"input":{"text":"z"}}',
    });
    expect(served.status).toBe(201);
    expect(await upstreamSeen.at(-1)!.json()).toEqual({ input: { text: 'z' }, webhook: own });
  });

  it('rewrites URLs to root-relative ones or to `publicOrigin`, never to the request’s Host', async () => {
    const hostile = async (handler: Handler) => {
      const created = await handler(
        new Request(`http://evil.test${BASE}/models/predictkit/echo/predictions`, {
          method: 'POST',
          headers: {
            host: 'evil.test',
            'x-forwarded-host': 'evil.test',
            prefer: 'wait=5',
            'content-type': 'application/json',
          },
          body: '{"input":{"text":"u"}}',
        }),
      );
      const text = await created.text();
      expect(text).not.toContain('evil.test');
      expect(text).not.toContain(ORIGIN);
      expect(created.headers.get('location')).not.toContain('evil.test');
      return JSON.parse(text) as Prediction;
    };
    const relative = await hostile(proxy());
    expect(relative.urls?.stream).toBe(`${BASE}/predictions/${relative.id}/stream`);
    const absolute = await hostile(proxy({ publicOrigin: 'https://app.example.com' }));
    expect(absolute.urls?.stream).toBe(`https://app.example.com${BASE}/predictions/${absolute.id}/stream`);
  });

  it('answers 500 {detail}, never rejecting, when its own callbacks fail, and says so to onError', async () => {
    const errors: unknown[] = [];
    const handler = proxy({
      identify: () => {
        throw new Error('session store down');
      },
      onError: (error) => errors.push(error),
    });
    const response = await send(handler, 'GET', `${BASE}/predictions`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      detail: 'This proxy failed to handle the request; the server log says why.',
    });
    expect(String(errors[0])).toContain('session store down');
  });

  it('reads the token at the first request, so that a build without the server’s secrets can load it', async () => {
    const errors: unknown[] = [];
    vi.stubEnv('WRIFTAI_ACCESS_TOKEN', '');
    try {
      const handler = createProxyHandler({
        upstream: `${ORIGIN}/v1`,
        allowModels: ['predictkit/echo'],
        basePath: BASE,
        fetch: (request) => server.fetch(request),
        onError: (error) => errors.push(error),
      });
      const before = await send(handler, 'GET', `${BASE}/models/predictkit/echo`);
      expect(before.status).toBe(500);
      expect(String(errors[0])).toContain(
        'no token: pass `token`, or set WRIFTAI_ACCESS_TOKEN on the server.',
      );
      vi.stubEnv('WRIFTAI_ACCESS_TOKEN', TOKEN);
      expect((await send(handler, 'GET', `${BASE}/models/predictkit/echo`)).status).toBe(200);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('checks its access options up front', () => {
    const base = { token: 't', allowModels: [] };
    expect(() => createProxyHandler({ ...base, publicOrigin: 'https://app.example.com/api' })).toThrow(
      'createProxyHandler: `publicOrigin` must be an http(s) origin with no path, such as "https://app.example.com", got "https://app.example.com/api".',
    );
    expect(() => createProxyHandler({ ...base, publicOrigin: 'app.example.com' })).toThrow(/publicOrigin/);
    // A misspelt option would be ignored, and the check it names left at its default.
    expect(() => createProxyHandler({ ...base, publicorigin: 'https://app.example.com' } as never)).toThrow(
      'createProxyHandler: unknown option `publicorigin`; known: provider,token,upstream,allowModels,',
    );
    expect(() => createProxyHandler({ ...base, ownership: {} as never })).toThrow(
      'createProxyHandler: `ownership` must have `add`, `owns` and `list` methods (see createMemoryOwnershipStore).',
    );
    expect(() => createProxyHandler({ ...base, authorize: true as never })).toThrow(
      'createProxyHandler: `authorize` must be a function.',
    );
    expect(() => createProxyHandler({ ...base, webhook: { url: '/hooks' } })).toThrow(/`webhook` must be/);
  });

  it('refuses, as it is made, what WriftAI would never be asked for', () => {
    const base = { token: 't', allowModels: [] };
    expect(() => createProxyHandler({ ...base, allowModels: [`predictkit/echo:${'a'.repeat(64)}`] })).toThrow(
      `createProxyHandler: \`allowModels\` has "predictkit/echo:${'a'.repeat(64)}": a version on WriftAI is a whole number ≥ 1 (\`owner/name:N\`).`,
    );
    expect(() => createProxyHandler({ ...base, allowDeployments: ['acme/echo'] })).toThrow(
      'createProxyHandler: `allowDeployments` has "acme/echo": WriftAI has no deployments.',
    );
    expect(() =>
      createProxyHandler({ ...base, webhook: { url: 'https://app.test/hooks', events: ['completed'] } }),
    ).toThrow('createProxyHandler: `webhook`: `events` is not available on WriftAI: leave it out.');
    // The provider's name, a string, is not the provider.
    expect(() => createProxyHandler({ ...base, provider: 'replicate' as never })).toThrow(
      'createProxyHandler: `provider` must be `wriftai` (from @predictkit/core) or `replicate` (from @predictkit/core/replicate), the object itself, got "replicate".',
    );
    expect(() => createProxyHandler({ ...base, provider: null as never })).toThrow(
      /the object itself, got null\./,
    );
  });
});

describe('createMemoryOwnershipStore', () => {
  it('forgets the least recently seen visitor and each visitor’s oldest predictions past its bounds', () => {
    const store = createMemoryOwnershipStore({ maxVisitors: 2, maxPredictionsPerVisitor: 3 });
    store.add('a', '1');
    store.add('b', '2');
    expect(store.owns('a', '1')).toBe(true); // a is now the most recently seen
    store.add('c', '3');
    expect(store.list('b')).toEqual([]);
    expect(store.list('a')).toEqual(['1']);
    for (const id of ['4', '5', '6']) store.add('a', id);
    expect(store.list('a')).toEqual(['6', '5', '4']);
    expect(store.owns('a', '1')).toBe(false);
    expect(() => createMemoryOwnershipStore({ maxVisitors: 0 })).toThrow(
      'createMemoryOwnershipStore: `maxVisitors` must be a whole number > 0, got 0.',
    );
  });

  it('keeps a visitor who came back through a flood of visitors seen once', () => {
    const store = createMemoryOwnershipStore({ maxVisitors: 100 });
    store.add('victim', 'mine');
    expect(store.owns('victim', 'mine')).toBe(true);
    // A script's creates without a cookie: each one a new visitor, never seen again.
    for (let i = 0; i < 10_000; i++) store.add(`flood${i}`, `p${i}`);
    expect(store.list('victim')).toEqual(['mine']);
    // Those who came back keep at most four fifths of the room: new visitors are still remembered.
    for (let i = 0; i < 200; i++) {
      store.add(`back${i}`, `q${i}`);
      store.owns(`back${i}`, `q${i}`);
    }
    store.add('new', 'n');
    store.add('newer', 'm');
    expect([store.list('new'), store.list('newer')]).toEqual([['n'], ['m']]);
  });

  it('stays within its bounds under a flood of visitors', () => {
    const store = createMemoryOwnershipStore({ maxVisitors: 100 });
    for (let i = 0; i < 10_000; i++) store.add(`v${i}`, `p${i}`);
    let remembered = 0;
    for (let i = 0; i < 10_000; i++) remembered += (store.list(`v${i}`) as string[]).length;
    expect(remembered).toBe(100);
  });
});

/** A GET that must not be refused. */
async function handler404Free(handler: Handler, path: string) {
  const response = await handler(new Request(`${APP}${path}`));
  expect(response.status).toBe(200);
  return response;
}
