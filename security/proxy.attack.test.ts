/**
 * The token-holding proxy, attacked as a hostile visitor would: other visitors' predictions, the
 * upstream beyond the API, models outside the allowlist, the token itself, webhooks, headers and
 * bodies. Every attack runs against the real local server as the upstream.
 */
import { replicate } from '@predictkit/core/replicate';
import { createProxyHandler, type ProxyHandlerOptions } from '@predictkit/core/server';
import { createServer, type PredictKitServer } from '@predictkit/server';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const UPSTREAM = 'http://127.0.0.1:8787/v1';
const APP = 'https://app.example.com';
const BASE = '/api/predictkit';
const TOKEN = 'tok_server_only_3f9a';
const ALLOWED = ['predictkit/echo', 'predictkit/text-generator:1'];
const JSON_BODY = { 'content-type': 'application/json' };

let server: PredictKitServer;
let upstreamSeen: Request[];

beforeEach(() => {
  server = createServer({ timeScale: 0.01, tokens: [TOKEN], onWarning: () => {} });
  upstreamSeen = [];
});
afterEach(() => server.close());

type Handler = (request: Request) => Promise<Response>;

function proxy(options: Partial<ProxyHandlerOptions> = {}): Handler {
  return createProxyHandler({
    token: TOKEN,
    upstream: UPSTREAM,
    allowModels: ALLOWED,
    basePath: BASE,
    onError: () => {},
    fetch: (request) => {
      upstreamSeen.push(request.clone());
      return server.fetch(request);
    },
    ...options,
  });
}

/** A visitor with a cookie jar, as a browser is. */
function visitor(handler: Handler) {
  let cookie = '';
  return async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const response = await handler(new Request(`${APP}${path}`, { ...init, headers }));
    cookie = response.headers.getSetCookie()[0]?.split(';')[0] ?? cookie;
    return response;
  };
}

const createBody = (text = 'x') => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', prefer: 'wait=5' },
  body: JSON.stringify({ input: { text } }),
});

async function victimPrediction(handler: Handler): Promise<string> {
  const victim = visitor(handler);
  const response = await victim(`${BASE}/models/predictkit/echo/predictions`, createBody('victim secret'));
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** The routes the proxy may pass on, as the upstream sees them (after its base path). */
const UPSTREAM_ROUTES = [
  /^\/v1\/predictions(\/[0-9a-f-]{36}(\/stream|\/cancel)?)?$/,
  /^\/v1\/models(\/[\w~-][\w.~-]*){0,2}(\/versions(\/[1-9]\d*)?)?$/,
  /^\/v1\/models\/[\w~-][\w.~-]*\/[\w~-][\w.~-]*(\/versions\/[1-9]\d*)?\/predictions$/,
  /^\/v1\/(search\/models|model_categories|hardware)$/,
  /^\/v1\/files\/[\w~-][\w.~-]*$/,
];

function expectOnlyApiRoutes() {
  for (const request of upstreamSeen) {
    const url = new URL(request.url);
    expect(url.origin).toBe(new URL(UPSTREAM).origin);
    expect(
      UPSTREAM_ROUTES.some((route) => route.test(url.pathname)),
      url.pathname,
    ).toBe(true);
  }
}

describe('another visitor’s predictions', () => {
  it('cannot be read, streamed, cancelled or listed by id, with or without a cookie of one’s own', async () => {
    const handler = proxy();
    const id = await victimPrediction(handler);
    const attacker = visitor(handler);
    await attacker(`${BASE}/models/predictkit/echo/predictions`, createBody('mine'));
    upstreamSeen = [];
    for (const [method, path] of [
      ['GET', `/predictions/${id}`],
      ['GET', `/predictions/${id}/stream`],
      ['POST', `/predictions/${id}/cancel`],
      ['GET', `/predictions/${id}/`],
      ['GET', `/predictions/${id.toUpperCase()}`],
    ] as const) {
      for (const send of [attacker, visitor(handler)]) {
        const response = await send(`${BASE}${path}`, { method });
        expect(response.status, `${method} ${path}`).toBe(404);
        expect(await response.text()).not.toContain('victim secret');
      }
    }
    const listed = await (await attacker(`${BASE}/predictions?page_size=50`)).json();
    expect(JSON.stringify(listed)).not.toContain(id);
    // Refused without asking the upstream anything about the victim's prediction.
    expect(upstreamSeen.filter((r) => r.url.includes(id))).toEqual([]);
  });

  it('stay out of reach for any id and any cookie a visitor can send (property)', async () => {
    const handler = proxy();
    const id = await victimPrediction(handler);
    upstreamSeen = [];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(id), fc.uuid(), fc.string({ minLength: 1 })),
        fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-f]{32}$/), fc.constant('')),
        fc.constantFrom('', '/stream', '/cancel'),
        async (target, cookieValue, suffix) => {
          const response = await handler(
            new Request(`${APP}${BASE}/predictions/${encodeURIComponent(target)}${suffix}`, {
              method: suffix === '/cancel' ? 'POST' : 'GET',
              headers: { cookie: `predictkit_visitor=${cookieValue.replace(/[;\r\n\0]/g, '')}` },
            }),
          );
          expect([404]).toContain(response.status);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
    expect(upstreamSeen).toEqual([]);
  });
});

describe('the upstream beyond the API', () => {
  it.each([
    '/predictions/..%2f..%2fuser',
    '/predictions/%2e%2e/%2e%2e/user',
    '/predictions/%252e%252e/user',
    '/predictions/..;/user',
    '/predictions/..\\..\\user',
    '/predictions/%5c..%5cuser',
    '/predictions/%00',
    '/predictions/%c0%ae%c0%ae/user',
    '/models/..',
    '/models/predictkit/..',
    '/models/%2e%2e/%2e%2e',
    '/models/predictkit/echo/versions/1/..%2f..%2f..%2fuser',
    '/files/..%2f..%2fuser',
    '/./user',
    '//user',
    '/user',
    '/predictions/.',
    '/models/.',
  ])('GET %s reaches nothing outside the API’s routes', async (path) => {
    // Some of these are normalised, as a browser would, into a route the proxy does serve
    // (`/models/predictkit/..` is `/models`): what matters is where the request lands upstream.
    const response = await proxy()(new Request(`${APP}${BASE}${path}`));
    expectOnlyApiRoutes();
    // `/user` answers who the token belongs to: never a visitor's to see.
    expect(await response.text()).not.toContain('Local developer');
  });

  it('reaches only the API’s routes, whatever the path (property)', async () => {
    const handler = proxy({ allowModels: () => true });
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2f',
        '%5c',
        '',
        'predictions',
        'models',
        'user',
        'files',
        'stream',
      ),
      fc.string({ maxLength: 6 }).map(encodeURIComponent),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { maxLength: 6 }),
        fc.constantFrom('GET', 'POST'),
        async (parts, method) => {
          await handler(
            new Request(`${APP}${BASE}/${parts.join('/')}`, {
              method,
              ...(method === 'POST' ? { body: '{"model":"predictkit/echo","input":{}}' } : {}),
            }),
          );
          expectOnlyApiRoutes();
        },
      ),
      { seed: 42, numRuns: 400 },
    );
  });
});

describe('models outside the allowlist', () => {
  it.each([
    ['a version of a model allowed only at another version', { model: 'predictkit/text-generator:2' }],
    ['the latest version of a model allowed only at one', { model: 'predictkit/text-generator' }],
    ['another case', { model: 'PredictKit/Echo' }],
    ['a leading zero version', { model: 'predictkit/text-generator:01' }],
    ['padding', { model: ' predictkit/echo' }],
    [
      'a second model key, the one JSON keeps',
      '{"model":"predictkit/echo","model":"predictkit/sentiment","input":{}}',
    ],
    ['an array', { model: ['predictkit/echo'] }],
    ['an object', { model: { owner: 'predictkit', name: 'sentiment' } }],
    ['a path in the name', { model: 'predictkit/echo/../sentiment' }],
  ])('are refused: %s', async (_, body) => {
    const response = await proxy()(
      new Request(`${APP}${BASE}/predictions`, {
        method: 'POST',
        headers: JSON_BODY,
        body: typeof body === 'string' ? body : JSON.stringify({ input: {}, ...body }),
      }),
    );
    expect(response.status).toBe(403);
    expect(upstreamSeen).toEqual([]);
  });

  it.each([
    '/models/predictkit/sentiment/predictions',
    '/models/predictkit%2Fsentiment/x/predictions',
    '/models/predictkit/text-generator/versions/2/predictions',
    '/models/predictkit/echo/../sentiment/predictions',
    '/models/predictkit/echo/versions/1/../../../sentiment/predictions',
  ])('are refused in the path: POST %s', async (path) => {
    const response = await proxy()(
      new Request(`${APP}${BASE}${path}`, {
        method: 'POST',
        headers: JSON_BODY,
        body: '{"input":{"text":"x"}}',
      }),
    );
    expect([403, 404]).toContain(response.status);
    expect(upstreamSeen.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('never run, whatever model a body names (property)', async () => {
    const handler = proxy();
    const names = fc.constantFrom(
      'predictkit',
      'PredictKit',
      'echo',
      'sentiment',
      'text-generator',
      '..',
      '',
    );
    const model = fc.oneof(
      fc
        .tuple(names, names, fc.option(fc.integer({ min: -1, max: 3 })))
        .map(([o, n, v]) => `${o}/${n}${v === null ? '' : `:${v}`}`),
      fc.string(),
      fc.jsonValue(),
    );
    await fc.assert(
      fc.asyncProperty(model, async (m) => {
        const before = upstreamSeen.length;
        const response = await handler(
          new Request(`${APP}${BASE}/predictions`, {
            method: 'POST',
            headers: JSON_BODY,
            body: JSON.stringify({ model: m, input: { text: 'x', prompt: 'x', max_tokens: 1 } }),
          }),
        );
        if (upstreamSeen.length > before) {
          const sent = (await upstreamSeen.at(-1)!.json()) as { model: string };
          expect(['predictkit/echo', 'predictkit/text-generator:1']).toContain(
            sent.model.replace(/^predictkit\/echo:\d+$/, 'predictkit/echo'),
          );
        } else {
          expect(response.status).toBe(403);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('the account’s private models', () => {
  /** The operator makes a private model with the server's token, as on the service's dashboard. */
  const privateModel = async () => {
    const auth = { authorization: `Bearer ${TOKEN}`, ...JSON_BODY };
    const hardware = (await (
      await server.fetch(new Request(`${UPSTREAM}/hardware`, { headers: auth }))
    ).json()) as { items: { identifier: string }[] };
    const made = await server.fetch(
      new Request(`${UPSTREAM}/models`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          name: 'unreleased',
          hardware_identifier: hardware.items[0]!.identifier,
          visibility: 'private',
          description: 'internal: do not disclose',
        }),
      }),
    );
    expect(made.status).toBe(201);
    return ((await made.json()) as { owner: { username: string } }).owner.username;
  };

  it('shows a visitor none the proxy does not let them run, in any catalog read, on either service', async () => {
    const owner = await privateModel();
    const wriftai = visitor(proxy());
    for (const path of [`/models/${owner}/unreleased`, `/models/${owner}/unreleased/versions`]) {
      const response = await wriftai(`${BASE}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('do not disclose');
    }
    for (const path of ['/models', `/models/${owner}`, '/search/models?q=unreleased']) {
      const response = await wriftai(`${BASE}${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).not.toContain('unreleased');
    }
    const rproxy = visitor(
      // Replicate names versions by id, not number: its list allows text-generator at any version.
      proxy({
        provider: replicate,
        upstream: 'http://127.0.0.1:8787/replicate/v1',
        allowModels: ['predictkit/echo', 'predictkit/text-generator'],
      }),
    );
    expect((await rproxy(`${BASE}/models/${owner}/unreleased`)).status).toBe(404);
    expect((await rproxy(`${BASE}/models/${owner}/unreleased/versions`)).status).toBe(404);
    for (const [path, init] of [
      ['/models', {}],
      ['/models', { method: 'QUERY', body: 'unreleased', headers: { 'content-type': 'text/plain' } }],
    ] as const) {
      const response = await rproxy(`${BASE}${path}`, init);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).not.toContain('unreleased');
    }
  });

  it('answers a hidden model as one that does not exist, and reads no version while unsure', async () => {
    const owner = await privateModel();
    const v = visitor(proxy());
    const hidden = await v(`${BASE}/models/${owner}/unreleased`);
    const absent = await v(`${BASE}/models/${owner}/never-made`);
    expect([hidden.status, absent.status]).toEqual([404, 404]);
    expect((await hidden.json()) as unknown).toEqual({ detail: `Model ${owner}/unreleased not found.` });
    expect((await absent.json()) as unknown).toEqual({ detail: `Model ${owner}/never-made not found.` });
    expect([...hidden.headers.keys()].sort()).toEqual([...absent.headers.keys()].sort());
    // The model's read fails: its versions are not read meanwhile.
    const failing = proxy({
      fetch: (request) => {
        upstreamSeen.push(request.clone());
        return new URL(request.url).pathname.endsWith('/unreleased')
          ? Promise.resolve(Response.json({ detail: 'Unavailable' }, { status: 503 }))
          : server.fetch(request);
      },
    });
    upstreamSeen = [];
    const versions = await visitor(failing)(`${BASE}/models/${owner}/unreleased/versions`);
    expect(versions.status).toBe(503);
    expect(upstreamSeen.map((r) => new URL(r.url).pathname)).toEqual([`/v1/models/${owner}/unreleased`]);
    // A model's answer that cannot be read says nothing of whether it may be seen: not shown.
    const garbled = proxy({
      fetch: (request) => {
        upstreamSeen.push(request.clone());
        return new URL(request.url).pathname.endsWith('/unreleased')
          ? Promise.resolve(
              new Response('<html>maintenance</html>', { headers: { 'content-type': 'text/html' } }),
            )
          : server.fetch(request);
      },
    });
    upstreamSeen = [];
    const unread = await visitor(garbled)(`${BASE}/models/${owner}/unreleased/versions`);
    expect(unread.status).toBe(404);
    expect(upstreamSeen).toHaveLength(1);
  });

  it('reads a version of a model allowed at every version in one request, as the list says all it needs', async () => {
    const v = visitor(proxy());
    upstreamSeen = [];
    expect((await v(`${BASE}/models/predictkit/echo/versions/1`)).status).toBe(200);
    expect(upstreamSeen.map((r) => new URL(r.url).pathname)).toEqual([
      '/v1/models/predictkit/echo/versions/1',
    ]);
    // one allowed at some versions only needs its model's visibility first
    upstreamSeen = [];
    expect((await v(`${BASE}/models/predictkit/text-generator/versions/1`)).status).toBe(200);
    expect(upstreamSeen).toHaveLength(2);
  });

  it('shows of one allowed at a version that version only, and answers any other as missing', async () => {
    const owner = await privateModel();
    const auth = { authorization: `Bearer ${TOKEN}`, ...JSON_BODY };
    const upstream = (path: string, init: RequestInit = {}) =>
      server.fetch(new Request(`${UPSTREAM}${path}`, { headers: auth, ...init }));
    const echo = (await (await upstream('/models/predictkit/echo/versions/1')).json()) as {
      container_image_digest: string;
      schemas: unknown;
    };
    for (const notes of ['the released one', 'secret next one']) {
      const made = await upstream(`/models/${owner}/unreleased/versions`, {
        method: 'POST',
        body: JSON.stringify({
          release_notes: notes,
          schemas: echo.schemas,
          container_image_digest: echo.container_image_digest,
        }),
      });
      expect(made.status).toBe(201);
    }
    // version 9 is allowed but not made (yet): its 404 must not list the versions there are either
    const v = visitor(proxy({ allowModels: [...ALLOWED, `${owner}/unreleased:1`, `${owner}/unreleased:9`] }));
    const model = await v(`${BASE}/models/${owner}/unreleased`);
    expect(model.status).toBe(200);
    expect(((await model.json()) as { latest_version: unknown }).latest_version).toBeNull();
    const versions = await v(`${BASE}/models/${owner}/unreleased/versions`);
    expect(((await versions.json()) as { items: { number: number }[] }).items.map((i) => i.number)).toEqual([
      1,
    ]);
    expect((await v(`${BASE}/models/${owner}/unreleased/versions/1`)).status).toBe(200);
    const hidden = await v(`${BASE}/models/${owner}/unreleased/versions/2`);
    const absent = await v(`${BASE}/models/${owner}/unreleased/versions/7`);
    expect([hidden.status, absent.status]).toEqual([404, 404]);
    expect((await hidden.json()) as unknown).toEqual({
      detail: `Version 2 of ${owner}/unreleased not found.`,
    });
    expect((await absent.json()) as unknown).toEqual({
      detail: `Version 7 of ${owner}/unreleased not found.`,
    });
    expect((await (await v(`${BASE}/models/${owner}/unreleased/versions/9`)).json()) as unknown).toEqual({
      detail: `Version 9 of ${owner}/unreleased not found.`,
    });
    for (const path of ['/models', `/models/${owner}`, '/search/models?q=unreleased']) {
      expect(await (await v(`${BASE}${path}`)).text(), path).not.toContain('secret next one');
    }
    // the operator's token still sees it all
    expect(await (await upstream(`/models/${owner}/unreleased/versions`)).text()).toContain(
      'secret next one',
    );
  });

  it('shows one the proxy lets visitors run, so its form can be drawn', async () => {
    const owner = await privateModel();
    const allowed = visitor(proxy({ allowModels: [...ALLOWED, `${owner}/unreleased`] }));
    expect((await allowed(`${BASE}/models/${owner}/unreleased`)).status).toBe(200);
    expect((await allowed(`${BASE}/models/${owner}/unreleased/versions`)).status).toBe(200);
    expect(await (await allowed(`${BASE}/models/${owner}`)).text()).toContain('unreleased');
  });
});

describe('the token', () => {
  it('never appears in an answer, a header, a stream or an error (property)', async () => {
    const handler = proxy({ allowModels: () => true });
    const send = visitor(handler);
    const id = (
      (await (await send(`${BASE}/models/predictkit/echo/predictions`, createBody())).json()) as {
        id: string;
      }
    ).id;
    const paths = fc.constantFrom(
      `/predictions/${id}`,
      `/predictions/${id}/stream`,
      `/predictions/${id}/cancel`,
      '/predictions',
      '/models/predictkit/echo',
      '/models/nobody/nothing',
      '/search/models?q=echo',
      '/predictions?page_size=4',
      '/user',
      '/files/none',
    );
    await fc.assert(
      fc.asyncProperty(paths, fc.constantFrom('GET', 'POST'), async (path, method) => {
        const response = await send(`${BASE}${path}`, { method });
        const text = `${[...response.headers].join('\n')}\n${await response.text()}`;
        expect(text).not.toContain(TOKEN);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('is what the upstream gets, whatever Authorization, cookies or forwarding headers the browser sends', async () => {
    await proxy()(
      new Request(`${APP}${BASE}/models/predictkit/echo`, {
        headers: {
          authorization: 'Bearer attacker',
          'x-forwarded-for': '127.0.0.1',
          'x-forwarded-host': 'internal',
          'x-http-method-override': 'DELETE',
          cookie: 'predictkit_visitor=00000000000000000000000000000000; admin=1',
          'proxy-authorization': 'Basic x',
        },
      }),
    );
    const sent = upstreamSeen[0]!;
    expect(sent.method).toBe('GET');
    expect(sent.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    for (const name of [
      'cookie',
      'x-forwarded-for',
      'x-forwarded-host',
      'x-http-method-override',
      'proxy-authorization',
    ]) {
      expect(sent.headers.get(name), name).toBeNull();
    }
  });
});

describe('webhooks, hosts and bodies', () => {
  it.each([
    { url: 'http://169.254.169.254/latest/meta-data/' },
    { url: 'http://localhost:6379/' },
    'http://evil.test/',
    { url: 'https://evil.test/', secret: 's' },
  ])('refuses a browser’s webhook %j with 400, sending nothing', async (webhook) => {
    for (const [path, extra] of [
      ['/predictions', { model: 'predictkit/echo' }],
      ['/models/predictkit/echo/predictions', {}],
      ['/models/predictkit/echo/versions/1/predictions', {}],
    ] as const) {
      const response = await proxy()(
        new Request(`${APP}${BASE}${path}`, {
          method: 'POST',
          headers: JSON_BODY,
          body: JSON.stringify({ ...extra, input: { text: 'x' }, webhook }),
        }),
      );
      expect(response.status).toBe(400);
    }
    expect(upstreamSeen).toEqual([]);
  });

  it('refuses a create whose body is not a JSON object, which it could not check, with 400', async () => {
    const handler = proxy({ webhook: { url: 'https://app.example.com/hooks' } });
    // A looser parser upstream (Python's reads NaN) would run what JSON.parse refused, webhook and all.
    const webhook = '"webhook":{"url":"http://169.254.169.254/"}';
    for (const body of [
      `{"input":{"text":"x","seed":NaN},${webhook}}`,
      `{"input":{"text":"x"},${webhook}`,
      '[{"input":{"text":"x"}}]',
      'null',
      '',
    ]) {
      for (const path of [
        '/models/predictkit/echo/predictions',
        '/models/predictkit/echo/versions/1/predictions',
      ]) {
        const response = await handler(
          new Request(`${APP}${BASE}${path}`, { method: 'POST', headers: JSON_BODY, body }),
        );
        expect(response.status, body).toBe(400);
        expect(((await response.json()) as { detail: string }).detail).toMatch(/JSON object/);
      }
    }
    expect(upstreamSeen).toEqual([]);
  });

  it('takes no change from another site’s page, even one that carries the visitor’s cookie', async () => {
    const handler = proxy({ publicOrigin: APP });
    const victim = visitor(handler);
    const made = await victim(`${BASE}/models/predictkit/echo/predictions`, {
      ...createBody('mine'),
      headers: { ...JSON_BODY, 'sec-fetch-site': 'same-origin', origin: APP },
    });
    const { id } = (await made.json()) as { id: string };
    upstreamSeen = [];
    // What an <form> or a no-cors fetch on another page can send: simple content types, no preflight.
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=b',
    ]) {
      const response = await victim(`${BASE}/models/predictkit/echo/predictions`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: '{"input":{"text":"forged"}}',
      });
      expect(response.status, type).toBe(415);
    }
    for (const headers of [
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' } as Record<string, string>,
      { 'sec-fetch-site': 'same-site', origin: 'https://sub.app.example.com' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ]) {
      const response = await victim(`${BASE}/predictions/${id}/cancel`, { method: 'POST', headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    expect(upstreamSeen).toEqual([]);
  });

  it('builds no URL from the request’s Host or forwarding headers', async () => {
    const handler = proxy();
    const response = await handler(
      new Request(`http://evil.test${BASE}/models/predictkit/echo/predictions`, {
        method: 'POST',
        headers: {
          host: 'evil.test',
          'x-forwarded-host': 'evil.test',
          'x-forwarded-proto': 'http',
          prefer: 'wait=5',
          ...JSON_BODY,
        },
        body: '{"input":{"text":"x"}}',
      }),
    );
    expect(`${[...response.headers]}${await response.text()}`).not.toMatch(/evil\.test|127\.0\.0\.1:8787/);
  });

  it('refuses bodies over the limit, however their length is told', async () => {
    const handler = proxy({ maxBodyBytes: 1024 });
    const big = JSON.stringify({ input: { text: 'x'.repeat(4096) } });
    const lying = await handler(
      new Request(`${APP}${BASE}/models/predictkit/echo/predictions`, {
        method: 'POST',
        headers: { 'content-length': '10', ...JSON_BODY },
        body: big,
      }),
    );
    expect(lying.status).toBe(413);
    const chunked = await handler(
      new Request(`${APP}${BASE}/models/predictkit/echo/predictions`, {
        method: 'POST',
        headers: JSON_BODY,
        body: new Blob([big]).stream(),
        duplex: 'half',
      } as RequestInit),
    );
    expect(chunked.status).toBe(413);
    expect(upstreamSeen).toEqual([]);
  });

  it('drops cookies the upstream sets and hop-by-hop headers', async () => {
    const handler = proxy({
      fetch: async () =>
        new Response('{"items":[]}', {
          headers: {
            'content-type': 'application/json',
            'set-cookie': 'upstream_session=1',
            connection: 'close',
            'keep-alive': 'timeout=5',
          },
        }),
    });
    const response = await handler(new Request(`${APP}${BASE}/models`));
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get('keep-alive')).toBeNull();
  });
});

describe('the proxy in front of Replicate', () => {
  const RUPSTREAM = 'http://127.0.0.1:8787/replicate/v1';
  const rproxy = (options: Partial<ProxyHandlerOptions> = {}) =>
    proxy({ provider: replicate, upstream: RUPSTREAM, allowModels: ['predictkit/echo'], ...options });
  const versionOf = async (model: string) => {
    const res = await server.fetch(
      new Request(`${RUPSTREAM}/models/${model}`, { headers: { authorization: `Bearer ${TOKEN}` } }),
    );
    return ((await res.json()) as { latest_version: { id: string } }).latest_version.id;
  };

  it('never runs another model’s version, however the version is named (property)', async () => {
    const handler = rproxy();
    const echo = await versionOf('predictkit/echo');
    const others = await Promise.all(['predictkit/sentiment', 'predictkit/slow-task'].map(versionOf));
    const version = fc.oneof(
      fc.constantFrom(...others, ...others.map((v) => `predictkit/echo:${v}`), 'predictkit/sentiment'),
      fc.constantFrom(echo, `predictkit/echo:${echo}`, 'predictkit/echo'),
      fc.stringMatching(/^[\da-f]{64}$/),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(version, async (v) => {
        const before = upstreamSeen.filter((r) => r.method === 'POST').length;
        await handler(
          new Request(`${APP}${BASE}/predictions`, {
            method: 'POST',
            headers: JSON_BODY,
            body: JSON.stringify({ version: v, input: { text: 'x' } }),
          }),
        );
        const posts = upstreamSeen.filter((r) => r.method === 'POST');
        if (posts.length > before) {
          const sent = ((await posts.at(-1)!.json()) as { version: string }).version;
          // echo's own version, however named (bare, the official client's way, is looked up).
          expect([`predictkit/echo:${echo}`, echo, 'predictkit/echo']).toContain(sent);
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('refuses deployments not listed, and a browser’s webhook in either field', async () => {
    const handler = rproxy();
    for (const [path, body] of [
      ['/deployments/predictkit/echo/predictions', { input: { text: 'x' } }],
      ['/models/predictkit/echo/predictions', { input: { text: 'x' }, webhook: 'http://169.254.169.254/' }],
      ['/models/predictkit/echo/predictions', { input: { text: 'x' }, webhook_events_filter: ['logs'] }],
    ] as const) {
      const response = await handler(
        new Request(`${APP}${BASE}${path}`, {
          method: 'POST',
          headers: JSON_BODY,
          body: JSON.stringify(body),
        }),
      );
      expect([400, 403]).toContain(response.status);
    }
    expect(upstreamSeen.filter((r) => r.method === 'POST')).toEqual([]);
  });
});
