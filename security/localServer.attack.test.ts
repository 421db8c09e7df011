/**
 * The local server (`@predictkit/server`), attacked as a hostile web page, a careless client and a
 * second process would: changes from other sites, inputs built to exhaust it, headers built to fill
 * its memory, a second server on its data folder, a shutdown with work under way, and the classic
 * tricks on paths, methods, headers and bodies. Every case that holds today is here so it stays held.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prediction } from '@predictkit/core';
import { createServer, type PredictKitServer, type ServerOptions } from '@predictkit/server';
import { DataDirInUseError, type ListeningServer, listen, SqliteStore } from '@predictkit/server/node';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const ORIGIN = 'http://127.0.0.1:8787';
const EVIL = 'https://evil.example';
const TOKEN = 'tok_local_5e1f';
const JSON_TYPE = { 'content-type': 'application/json' };
const ECHO = JSON.stringify({ model: 'predictkit/echo', input: { text: 'hi' } });

const servers: PredictKitServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close({ graceMs: 0 })));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function server(options: ServerOptions = {}) {
  const instance = createServer({ timeScale: 0.01, onWarning: () => {}, ...options });
  servers.push(instance);
  const request = (path: string, init?: RequestInit) => instance.fetch(new Request(`${ORIGIN}${path}`, init));
  const count = async () =>
    ((await (await request('/v1/predictions', authorized(options))).json()) as { items: unknown[] }).items
      .length;
  return { instance, request, count };
}

const authorized = (options: ServerOptions): RequestInit =>
  options.tokens ? { headers: { authorization: `Bearer ${options.tokens[0]}` } } : {};

const detail = async (response: Response) => ((await response.json()) as { detail: unknown }).detail;

/** `[[[…]]]` as text, `levels` deep: built without recursion. */
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

async function settle(request: (path: string) => Promise<Response>, id: string): Promise<Prediction> {
  for (;;) {
    const p = (await (await request(`/v1/predictions/${id}`)).json()) as Prediction;
    if (['succeeded', 'failed', 'canceled'].includes(p.status)) return p;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('a page on another site cannot change anything', () => {
  it('refuses a text/plain create (a simple request no preflight guards) and creates nothing', async () => {
    const { request, count } = server();
    const response = await request('/v1/predictions', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: EVIL },
      body: ECHO,
    });
    expect(response.status).toBe(403);
    expect(await detail(response)).toMatch(/--cors-origin/);
    expect(await count()).toBe(0);
  });

  it.each([
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=----x'],
    ['no type', undefined],
  ])('refuses %s with 415 even without an Origin, saying what to send', async (_, type) => {
    const { request, count } = server();
    const response = await request('/v1/predictions', {
      method: 'POST',
      headers: type ? { 'content-type': type } : {},
      body: new TextEncoder().encode(ECHO),
    });
    expect(response.status).toBe(415);
    expect(await detail(response)).toMatch(/application\/json/);
    expect(await count()).toBe(0);
  });

  it('refuses a cancel from another origin, Sec-Fetch-Site: cross-site, and Origin: null', async () => {
    const { request } = server();
    const created = (await (
      await request('/v1/predictions', {
        method: 'POST',
        headers: JSON_TYPE,
        body: JSON.stringify({ model: 'predictkit/slow-task', input: { duration_s: 600, steps: 2 } }),
      })
    ).json()) as Prediction;
    const headerSets: Record<string, string>[] = [
      { origin: EVIL },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
      { origin: 'http://localhost.evil.example:5173' },
      { origin: 'http://127.0.0.1.evil.example' },
    ];
    for (const headers of headerSets) {
      const cancel = await request(`/v1/predictions/${created.id}/cancel`, { method: 'POST', headers });
      expect({ headers, status: cancel.status }).toEqual({ headers, status: 403 });
    }
    expect(((await (await request(`/v1/predictions/${created.id}`)).json()) as Prediction).status).not.toBe(
      'canceled',
    );
    // a bodiless cancel from no page at all, as the official clients send it, works
    expect((await request(`/v1/predictions/${created.id}/cancel`, { method: 'POST' })).status).toBe(200);
  });

  it('lets a valid token through from any origin, and no wrong one', async () => {
    const { request } = server({ tokens: [TOKEN] });
    const from = (authorization: string) =>
      request('/v1/predictions', {
        method: 'POST',
        headers: { ...JSON_TYPE, origin: EVIL, authorization },
        body: ECHO,
      });
    expect((await from(`Bearer ${TOKEN}`)).status).toBe(201);
    expect((await from('Bearer nope')).status).toBe(403);
  });
});

describe('a page on a name that resolves to this machine (DNS rebinding) cannot read anything', () => {
  const REBOUND = 'rebind.evil.example';

  it('refuses every read and change that names another Host, with no CORS grant', async () => {
    const { request, count } = server();
    const created = (await (
      await request('/v1/predictions', {
        method: 'POST',
        headers: { ...JSON_TYPE, prefer: 'wait=10' },
        body: JSON.stringify({
          model: 'predictkit/image-generator',
          input: { prompt: 'x', width: 64, height: 64 },
        }),
      })
    ).json()) as Prediction;
    const file = new URL((created.output as string[])[0] as string).pathname;
    // same-origin for the page: its own name, any port, and its Origin to match
    const page = (port: string) => ({ host: `${REBOUND}${port}`, origin: `http://${REBOUND}${port}` });
    for (const port of ['', ':8787']) {
      for (const path of [
        '/v1/predictions',
        `/v1/predictions/${created.id}`,
        `/v1/predictions/${created.id}/stream`,
        file,
        '/v1/user',
        '/v1/models',
      ]) {
        const response = await request(path, { headers: page(port) });
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
        expect(await detail(response)).toMatch(/--allowed-host/);
      }
      const create = await request('/v1/predictions', {
        method: 'POST',
        headers: { ...JSON_TYPE, ...page(port) },
        body: ECHO,
      });
      expect(create.status).toBe(403);
    }
    expect(await count()).toBe(1);
  });

  it('is not fooled by spellings of a local name', async () => {
    const { request } = server();
    for (const host of [
      'localhost.evil.example',
      '127.0.0.1.evil.example',
      'evil.example#localhost',
      'evil.example@127.0.0.1',
      'xn--localhost-xyz.example',
      'localhost-evil.example',
      '0x7f000001.evil.example',
    ]) {
      const response = await request('/v1/models', { headers: { host } });
      expect({ host, status: response.status }).toEqual({ host, status: 403 });
    }
  });

  it('refuses another Host even with a valid token: the Host is checked first', async () => {
    const { request } = server({ tokens: [TOKEN] });
    const response = await request('/v1/models', {
      headers: { host: REBOUND, authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(403);
  });
});

describe('inputs built to exhaust the server', () => {
  it('refuses input 6,000 levels deep with a 422 before creating anything, in memory and SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'predictkit-attack-'));
    dirs.push(dir);
    for (const options of [{}, { store: new SqliteStore(dir) }]) {
      const { request, count } = server(options);
      const response = await request('/v1/predictions', {
        method: 'POST',
        headers: JSON_TYPE,
        body: `{"model":"predictkit/echo","input":{"text":"x","deep":${nested(6000)}}}`,
      });
      expect(response.status).toBe(422);
      expect(await detail(response)).toEqual([
        expect.objectContaining({ type: 'too_deep', loc: expect.arrayContaining(['body', 'input', 'deep']) }),
      ]);
      expect(await count()).toBe(0);
    }
  });

  it('refuses a million tiny values with 413, and 26 MB with 413 with or without a Content-Length', async () => {
    const { request, count } = server();
    const many = await request('/v1/predictions', {
      method: 'POST',
      headers: JSON_TYPE,
      body: `{"model":"predictkit/echo","input":{"text":"x","l":[${'0,'.repeat(1_000_001)}0]}}`,
    });
    expect(many.status).toBe(413);
    const big = `{"model":"predictkit/echo","input":{"text":"${'x'.repeat(26 * 1024 * 1024)}"}}`;
    expect((await request('/v1/predictions', { method: 'POST', headers: JSON_TYPE, body: big })).status).toBe(
      413,
    );
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const chunked = await request('/v1/predictions', {
      method: 'POST',
      headers: JSON_TYPE,
      body: streamed,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await count()).toBe(0);
  });

  it('answers 100,000 wrong list items with a 422, never a 500', async () => {
    const { request } = server();
    const response = await request('/v1/predictions', {
      method: 'POST',
      headers: { ...JSON_TYPE, 'validate-input': 'true' },
      body: `{"model":"predictkit/text-generator","input":{"prompt":"x","stop":[${'0,'.repeat(100_000)}0]}}`,
    });
    expect(response.status).toBe(422);
  });

  it('keeps every prediction it creates readable and streamable, odd keys and numbers included', async () => {
    const { request } = server();
    const body = `{"model":"predictkit/echo","input":{"text":"x","__proto__":{"polluted":1},"constructor":{"prototype":{}},"n":[1e400,-0,1e-400],"s":"\\ud800\\u0000","deep":${nested(63)}}}`;
    const created = await request('/v1/predictions', { method: 'POST', headers: JSON_TYPE, body });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as Prediction;
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
    await settle(request, id);
    expect((await request(`/v1/predictions/${id}`)).status).toBe(200);
    const stream = await request(`/v1/predictions/${id}/stream`);
    expect(stream.status).toBe(200);
    expect(await stream.text()).toMatch(/event: done/);
  });
});

describe('headers built to fill its memory', () => {
  it('does not give every made-up Authorization its own rate-limit window', async () => {
    const { request } = server({ faults: { rateLimit: { requests: 3, windowMs: 60_000 } } });
    const padding = 'x'.repeat(8 * 1024);
    const known = `Bearer regular-${padding}`;
    for (let i = 0; i < 2; i++)
      expect((await request('/v1/user', { headers: { authorization: known } })).status).toBe(200);
    let limited = 0;
    for (let i = 0; i < 20_000; i++) {
      const response = await request('/v1/user', { headers: { authorization: `Bearer ${i}-${padding}` } });
      if (response.status === 429) limited++;
    }
    // the table is full of live windows: the flood shares one, and runs into the limit as one client
    expect(limited).toBeGreaterThan(9000);
    // the client it knew kept its own window and count through the flood
    const again = await request('/v1/user', { headers: { authorization: known } });
    expect(again.status).toBe(200);
    expect(again.headers.get('x-ratelimit-remaining')).toBe('0');
    // 20 000 requests: more than the default 5 s on a busy 2-core machine.
  }, 30_000);
});

describe('a second server on the same data folder', () => {
  it('refuses at once, naming the first, before opening the database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'predictkit-attack-'));
    dirs.push(dataDir);
    const first = await listen({ port: 0, dataDir, onWarning: () => {} });
    try {
      const created = (await (
        await fetch(`${first.url}/v1/predictions`, {
          method: 'POST',
          headers: JSON_TYPE,
          body: JSON.stringify({ model: 'predictkit/slow-task', input: { duration_s: 60, steps: 2 } }),
        })
      ).json()) as Prediction;
      const second = listen({ port: 0, dataDir, onWarning: () => {} });
      await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(second).rejects.toThrow(`pid ${process.pid}`);
      const after = (await (await fetch(`${first.url}/v1/predictions/${created.id}`)).json()) as Prediction;
      expect(after.error).toBeNull();
      expect(['pending', 'started']).toContain(after.status);
    } finally {
      await first.close({ graceMs: 0 });
    }
  });

  it('a start that fails on a taken port changes nothing and leaves the folder free', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'predictkit-attack-'));
    dirs.push(dataDir);
    const blocker = createNetServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      await expect(listen({ port, dataDir })).rejects.toThrow(/EADDRINUSE/);
      const next = await listen({ port: 0, dataDir, onWarning: () => {} });
      await next.close();
    } finally {
      blocker.close();
    }
  });
});

describe('a shutdown with work under way', () => {
  it('answers waits and streams, refuses creates with 503, and sends terminal webhooks', async () => {
    const delivered: Prediction[] = [];
    const { instance, request } = server({
      timeScale: 1,
      shutdownGraceMs: 100,
      webhooks: {
        fetch: async (_url, init) => {
          delivered.push(JSON.parse(String(init?.body)) as Prediction);
          return new Response(null, { status: 204 });
        },
      },
    });
    const slow = JSON.stringify({
      model: 'predictkit/slow-task',
      input: { duration_s: 60, steps: 2 },
      webhook: { url: 'https://hooks.example/x' },
    });
    const waiting = request('/v1/predictions', {
      method: 'POST',
      headers: { ...JSON_TYPE, prefer: 'wait=60' },
      body: slow,
    });
    const created = (await (
      await request('/v1/predictions', { method: 'POST', headers: JSON_TYPE, body: slow })
    ).json()) as Prediction;
    const stream = request(`/v1/predictions/${created.id}/stream`).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = instance.close();
    const refused = await request('/v1/predictions', { method: 'POST', headers: JSON_TYPE, body: ECHO });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    await closing;
    const answered = (await (await waiting).json()) as Prediction;
    expect(answered).toMatchObject({ status: 'failed', error: { source: 'internal' } });
    expect(await stream).toMatch(/event: done\ndata: \{[^\n]*"status":"failed"/);
    const terminal = delivered.filter((p) => p.status === 'failed').map((p) => p.id);
    expect(terminal).toEqual(expect.arrayContaining([answered.id, created.id]));
    expect((await request('/v1/models')).status).toBe(503);
  });
});

describe('tricks on paths', () => {
  let http: ListeningServer;
  let fileId: string;
  let predictionId: string;
  beforeAll(async () => {
    http = await listen({ port: 0, timeScale: 0.01, onWarning: () => {} });
    const created = (await (
      await fetch(`${http.url}/v1/predictions`, {
        method: 'POST',
        headers: { ...JSON_TYPE, prefer: 'wait=30' },
        body: JSON.stringify({
          model: 'predictkit/image-generator',
          input: { prompt: 'x', width: 64, height: 64 },
        }),
      })
    ).json()) as Prediction;
    predictionId = created.id;
    fileId = ((created.output as string[])[0] as string).split('/').at(-1) as string;
  });
  afterAll(() => http.close({ graceMs: 0 }));

  /** Sends the path as written, with no URL parser normalising it first. */
  function raw(path: string, method = 'GET'): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const { port } = new URL(http.url);
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
      });
      socket.on('end', () => resolve({ status: Number(text.slice(9, 12)), body: text }));
      socket.on('error', reject);
    });
  }

  it.each([
    '/v1/files/../../../../etc/passwd',
    '/v1/files/..%2f..%2f..%2fetc%2fpasswd',
    '/v1/files/%2e%2e/%2e%2e/etc/passwd',
    '/v1/files/%252e%252e%252fetc%252fpasswd',
    '/v1/files/..\\..\\..\\windows\\win.ini',
    '/v1/files/..%5c..%5cetc%5cpasswd',
    '/v1/files/%00',
    '/v1/files/x%00.png',
    '/v1/files/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    '/v1/files/%ff%fe',
    '/v1/predictions/..%2fmodels',
    '/v1/predictions/%2e%2e',
    '/v1/predictions/%252e%252e%252f',
    '/v1/predictions/..\\..\\user',
    '/v1/predictions/%00/stream',
    '/v1/predictions/%ed%a0%80',
    '/v1/../v1/user/../../etc/passwd',
    '/v1/%2e%2e/etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
  ])('%s reaches nothing outside the API, and never a 500', async (path) => {
    const { status, body } = await raw(path);
    expect(status).not.toBe(500);
    expect(body).not.toMatch(/root:|\[fonts\]|"username":"local"/);
    expect([400, 404, 422]).toContain(status);
  });

  it.each([
    (id: string) => `/v1/files/${id}%00`,
    (id: string) => `/v1/files/${id}/..`,
    (id: string) => `/v1/files/x/../${id}/%2e%2e`,
    (id: string) => `/v1/files/${id}%2f..`,
    (id: string) => `/v1/files/${encodeURIComponent(encodeURIComponent(id))}x`,
  ])('a file id dressed up (%#) is not that file, nor a 500', async (dress) => {
    const { status } = await raw(dress(fileId));
    expect([400, 404]).toContain(status);
  });

  it('the real file and prediction are served, odd Range headers included', async () => {
    expect((await raw(`/v1/files/${fileId}`)).status).toBe(200);
    expect((await raw(`/v1/predictions/${predictionId}`)).status).toBe(200);
    for (const range of [
      'bytes=-0',
      'bytes=99999999999999999999-',
      'bytes=0-1,2-3',
      'bytes=--1',
      'items=0-1',
      'bytes=5-1',
    ]) {
      const response = await fetch(`${http.url}/v1/files/${fileId}`, { headers: { range } });
      expect({ range, ok: [200, 206, 416].includes(response.status) }).toEqual({ range, ok: true });
    }
  });

  it('refuses oversized headers and bodies over a real socket, never with a 500', async () => {
    const huge = await fetch(`${http.url}/v1/models`, { headers: { 'x-big': 'x'.repeat(64 * 1024) } }).then(
      (r) => r.status,
      () => 'closed',
    );
    expect([431, 'closed']).toContain(huge);
    const many = new Headers();
    for (let i = 0; i < 3000; i++) many.set(`x-h${i}`, 'v');
    const manyStatus = await fetch(`${http.url}/v1/models`, { headers: many }).then(
      (r) => r.status,
      () => 'closed',
    );
    expect([200, 431, 'closed']).toContain(manyStatus);
    const body = await fetch(`${http.url}/v1/predictions`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: `{"model":"predictkit/echo","input":{"text":"${'x'.repeat(26 * 1024 * 1024)}"}}`,
    }).then(
      (r) => r.status,
      () => 'closed',
    );
    expect([413, 'closed']).toContain(body);
  });
});

describe('malformed bodies and method tricks', () => {
  it.each([
    '{',
    '{"model":"predictkit/echo","input":}',
    '{"model":"predictkit/echo","input":{},}',
    '{"model":"predictkit/echo","input":{"text":NaN}}',
    '{"model":"predictkit/echo","input":{"text":"\\x"}}',
    "{'model':'predictkit/echo'}",
    '\u0000',
    '[]',
    '"just a string"',
    'null',
  ])('%j is a 422, not a 500', async (body) => {
    const { request, count } = server();
    const response = await request('/v1/predictions', { method: 'POST', headers: JSON_TYPE, body });
    expect(response.status).toBe(422);
    expect(await count()).toBe(0);
  });

  it('ignores X-HTTP-Method-Override and friends: a POST stays a guarded POST, a GET stays a GET', async () => {
    const { request, count } = server();
    for (const name of ['x-http-method-override', 'x-http-method', 'x-method-override']) {
      const post = await request('/v1/predictions', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: EVIL, [name]: 'GET' },
        body: ECHO,
      });
      expect(post.status).toBe(403);
      const get = await request('/v1/predictions', { headers: { [name]: 'POST' } });
      expect(get.status).toBe(200);
    }
    const query = await request('/v1/predictions?_method=GET', {
      method: 'POST',
      headers: { origin: EVIL },
      body: ECHO,
    });
    expect(query.status).toBe(403);
    expect(await count()).toBe(0);
  });

  it('answers HEAD and OPTIONS without acting, and refuses PUT, DELETE and PATCH', async () => {
    const { request, count } = server();
    expect((await request('/v1/predictions', { method: 'HEAD' })).status).toBe(200);
    expect((await request('/v1/predictions', { method: 'OPTIONS' })).status).toBe(204);
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const response = await request('/v1/predictions', { method, headers: JSON_TYPE, body: ECHO });
      expect({ method, status: response.status }).toEqual({ method, status: 404 });
      const foreign = await request('/v1/predictions', {
        method,
        headers: { ...JSON_TYPE, origin: EVIL },
        body: ECHO,
      });
      expect({ method, status: foreign.status }).toEqual({ method, status: 403 });
    }
    expect(await count()).toBe(0);
  });

  it('gives a foreign origin no CORS grant on a preflight, and a local one its grant', async () => {
    const { request } = server();
    const preflight = (origin: string) =>
      request('/v1/predictions', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const foreign = await preflight(EVIL);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(foreign.headers.get('access-control-allow-credentials')).toBeNull();
    const local = await preflight('http://localhost:5173');
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});

describe('the Replicate surface of a server started with --token', () => {
  const auth = { authorization: `Bearer ${TOKEN}` };

  async function made(request: (path: string, init?: RequestInit) => Promise<Response>) {
    const create = await request('/replicate/v1/models/predictkit/image-generator/predictions', {
      method: 'POST',
      headers: { ...JSON_TYPE, ...auth, prefer: 'wait=10' },
      body: JSON.stringify({ input: { prompt: 'x', width: 64, height: 64 } }),
    });
    const generated = (await create.json()) as { id: string; output: string[] };
    const text = await request('/replicate/v1/models/predictkit/text-generator/predictions', {
      method: 'POST',
      headers: { ...JSON_TYPE, ...auth },
      body: JSON.stringify({ input: { prompt: 'x', max_tokens: 3 } }),
    });
    const streamed = (await text.json()) as { id: string; urls: { stream: string } };
    return {
      generated,
      download: new URL(generated.output[0] as string),
      streamed,
      stream: new URL(streamed.urls.stream),
    };
  }

  it('keeps every route behind the token, a signed stream or download opening only itself', async () => {
    const { request } = server({ tokens: [TOKEN] });
    const { generated, download, streamed, stream } = await made(request);
    for (const path of [
      '/replicate/v1/predictions',
      `/replicate/v1/predictions/${generated.id}`,
      `/replicate/v1/predictions/${streamed.id}/stream`,
      '/replicate/v1/files',
      '/replicate/v1/webhooks/default/secret',
      '/replicate/v1/account',
      // a signature carried to a route it was not made for
      `/replicate/v1/predictions/${streamed.id}${stream.search}`,
      `/replicate/v1/webhooks/default/secret${stream.search}`,
      `/replicate/v1/files${download.search}`,
      `${download.pathname}/..${download.search}`,
    ]) {
      expect({ path, status: (await request(path)).status }).toEqual({ path, status: 401 });
    }
    expect((await request(`${stream.pathname}${stream.search}`)).status).toBe(200);
    expect((await request(`${download.pathname}${download.search}`)).status).toBe(200);
    // the signatures are not interchangeable, nor good for another id, nor for a change
    const fileId = download.pathname.split('/')[4] as string;
    for (const [path, method] of [
      [`/replicate/v1/files/${fileId}/download${stream.search}`, 'GET'],
      [`/replicate/v1/predictions/${generated.id}/stream${stream.search}`, 'GET'],
      [
        `/replicate/v1/files/${fileId}/download?signature=${encodeURIComponent(download.searchParams.get('signature') as string)}`,
        'GET',
      ],
      [`${stream.pathname}${stream.search}`, 'POST'],
      [`/replicate/v1/files/${fileId}${download.search}`, 'DELETE'],
    ] as const) {
      const status = (await request(path, { method })).status;
      expect({ path, method, status: [401, 403].includes(status) }).toEqual({ path, method, status: true });
    }
    expect((await request(`/replicate/v1/files/${fileId}/download`, { headers: auth })).status).toBe(200);
  });

  it('takes no multipart upload or create from a page elsewhere, token or not in the page’s hands', async () => {
    const { request } = server({ tokens: [TOKEN] });
    const form = new FormData();
    form.append('content', new Blob(['x']), 'x.txt');
    const upload = await request('/replicate/v1/files', {
      method: 'POST',
      headers: { origin: EVIL },
      body: form,
    });
    expect(upload.status).toBe(403);
    const formCreate = new FormData();
    formCreate.append('input', '{"text":"x"}');
    const create = await request('/replicate/v1/models/predictkit/echo/predictions', {
      method: 'POST',
      headers: auth,
      body: formCreate,
    });
    expect(create.status).toBe(415);
    const list = await request('/replicate/v1/files', { headers: auth });
    expect(((await list.json()) as { results: unknown[] }).results).toEqual([]);
  });
});

describe('a server started with --token', () => {
  it.each([
    ['no header', undefined, 401],
    ['a wrong token', 'Bearer nope', 401],
    ['the token in another case', `Bearer ${TOKEN.toUpperCase()}`, 401],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`, 401],
    ['the token with more after it', `Bearer ${TOKEN}x`, 401],
    ['another scheme', `Basic ${TOKEN}`, 401],
    ['no scheme', TOKEN, 401],
    ['an empty bearer', 'Bearer ', 401],
    ['two tokens', `Bearer nope, Bearer ${TOKEN}`, 401],
    ['the token inside', `Bearer a ${TOKEN}`, 401],
    ['the token', `Bearer ${TOKEN}`, 200],
    ['the scheme in lower case', `bearer ${TOKEN}`, 200],
    ['the scheme in upper case', `BEARER ${TOKEN}`, 200],
    ['spaces around and between', `  Bearer    ${TOKEN}  `, 200],
    ['a tab between', `Bearer\t${TOKEN}`, 200],
  ])('%s → %i', async (_, authorization, status) => {
    const { request } = server({ tokens: [TOKEN] });
    const response = await request('/v1/models', {
      headers: authorization === undefined ? {} : { authorization },
    });
    expect(response.status).toBe(status);
    if (status === 401) expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('keeps every route behind the token, files and streams included', async () => {
    const { request } = server({ tokens: [TOKEN] });
    for (const path of [
      '/v1/predictions',
      '/v1/user',
      `/v1/files/${crypto.randomUUID()}`,
      `/v1/predictions/${crypto.randomUUID()}/stream`,
    ]) {
      expect({ path, status: (await request(path)).status }).toEqual({ path, status: 401 });
    }
  });
});

describe('any request', () => {
  const segment = fc.oneof(
    fc.constantFrom('..', '%2e%2e', '%2f', '%252e', '\\', '%00', '%ff', '%ed%a0%80', '~', '.', ''),
    fc.constantFrom(
      'predictions',
      'models',
      'files',
      'predictkit',
      'echo',
      'versions',
      'stream',
      'cancel',
      'user',
      'deployments',
      'download',
      'account',
      'webhooks',
      'secret',
      'search',
    ),
    fc.uuid(),
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
    fc.integer({ min: -2, max: 100_000 }).map(String),
  );
  const path = fc
    .array(segment, { maxLength: 6 })
    .chain((parts) => fc.constantFrom('/v1/', '/replicate/v1/').map((base) => `${base}${parts.join('/')}`))
    .chain((p) =>
      fc
        .option(
          fc.constantFrom(
            '?page_size=-1',
            '?cursor=%%%',
            '?page_size=5&cursor=eyJzIjoiYSJ9',
            '?sort_by=__proto__',
            '?q=%00',
          ),
          {
            nil: undefined,
          },
        )
        .map((q) => p + (q ?? '')),
    );
  const header = fc.oneof(
    fc.tuple(
      fc.constant('content-type'),
      fc.constantFrom(
        'application/json',
        'text/plain',
        'application/x+json; charset=x',
        '',
        'application/json; boundary=x',
      ),
    ),
    fc.tuple(
      fc.constant('origin'),
      fc.constantFrom(EVIL, 'null', 'http://localhost:3000', 'http://[::1]', ''),
    ),
    fc.tuple(
      fc.constant('authorization'),
      fc.constantFrom(`Bearer ${TOKEN}`, 'Bearer', 'Basic x', `bearer  ${TOKEN} `),
    ),
    fc.tuple(fc.constant('prefer'), fc.constantFrom('wait=1', 'wait=-1', 'wait=999999999999', 'wait')),
    fc.tuple(fc.constant('cancel-after'), fc.constantFrom('1s', '0', '-1s', '99999999999h', 'x', '1e9s')),
    fc.tuple(fc.constant('validate-input'), fc.constantFrom('true', 'TRUE', 'false', '1')),
    fc.tuple(fc.constant('last-event-id'), fc.constantFrom('0', '-1', '99999999999999999999999', 'x', ' 3 ')),
    fc.tuple(fc.constant('range'), fc.constantFrom('bytes=0-1', 'bytes=-5', 'bytes=9-1', 'bytes=x')),
    fc.tuple(fc.constant('sec-fetch-site'), fc.constantFrom('cross-site', 'same-origin', 'none')),
    fc.tuple(fc.constant('x-http-method-override'), fc.constantFrom('GET', 'DELETE', 'PUT')),
  );
  const body = fc.oneof(
    fc.constant(undefined),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc
      .record({
        model: fc.constantFrom('predictkit/echo', 'predictkit/sentiment', 'predictkit/nope', 'x'),
        input: fc.jsonValue({ maxDepth: 3 }),
      })
      .map((v) => JSON.stringify(v)),
    fc
      .record({
        version: fc.constantFrom('predictkit/echo', 'a'.repeat(64), 'x/y:z', ''),
        input: fc.jsonValue({ maxDepth: 3 }),
        webhook: fc.constantFrom(undefined, 'http://127.0.0.1:9/x', 'ftp://x'),
        webhook_events_filter: fc.constantFrom(undefined, ['start'], ['nope'], 'start'),
      })
      .map((v) => JSON.stringify(v)),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc
      .integer({ min: 60, max: 120 })
      .map((levels) => `{"model":"predictkit/echo","input":{"x":${nested(levels)}}}`),
  );
  const request = fc.record({
    method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'QUERY'),
    path,
    headers: fc.array(header, { maxLength: 5 }),
    body,
  });

  it('never gets a 500 from the server', async () => {
    const plain = server();
    const guarded = server({ tokens: [TOKEN] });
    await fc.assert(
      fc.asyncProperty(request, fc.boolean(), async ({ method, path, headers, body }, withToken) => {
        let url: string;
        try {
          url = new URL(path, ORIGIN).href;
        } catch {
          return;
        }
        const init: RequestInit = {
          method,
          headers: headers as [string, string][],
          ...(body !== undefined && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
        };
        const target = withToken ? guarded : plain;
        const response = await target.instance.fetch(new Request(url, init));
        expect(response.status, `${method} ${path}`).not.toBe(500);
        expect(response.status).toBeLessThan(500);
        await response.body?.cancel();
      }),
      { seed: 42, numRuns: 400 },
    );
  });
});
