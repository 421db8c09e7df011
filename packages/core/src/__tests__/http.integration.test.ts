import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ListeningServer, listen } from '@predictkit/server/node';
import { afterEach, describe, expect, it } from 'vitest';
import { getUser } from '../catalog/index';
import {
  ConnectionError,
  createClient,
  createPrediction,
  getPrediction,
  type Prediction,
  runPrediction,
} from '../index';
import { createProxyHandler } from '../server/index';
import { watchPrediction } from '../stream/index';

let running: ListeningServer[] = [];
const start = async (options: Parameters<typeof listen>[0] = {}) => {
  const server = await listen({ port: 0, timeScale: 0.01, onWarning: () => {}, ...options });
  running.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(running.map((s) => s.close()));
  running = [];
});

/** The adapter the README shows for mounting the proxy in a plain Node server. */
function toNodeHandler(handler: (request: Request) => Promise<Response>) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/')) return void res.writeHead(400).end();
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    try {
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const response = await handler(
        new Request(`http://localhost${req.url}`, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
          duplex: 'half',
          signal: controller.signal,
        } as RequestInit),
      );
      const headers: Record<string, string | string[]> = Object.fromEntries(response.headers);
      // Several cookies are several headers: joined with commas they would be one broken cookie.
      if (response.headers.has('set-cookie')) headers['set-cookie'] = response.headers.getSetCookie();
      res.writeHead(response.status, headers);
      if (response.body) await pipeline(Readable.fromWeb(response.body as never), res);
      else res.end();
    } catch (error) {
      if (res.headersSent) res.destroy(error as Error);
      else res.writeHead(500).end();
    }
  };
}

describe('over HTTP', () => {
  it('streams with real fetch, resuming after cuts, ending on what GET says', async () => {
    const { url } = await start({ faults: { streamCutRate: 0.1, seed: 9 } });
    const client = createClient({ baseUrl: `${url}/v1` });
    const created = await createPrediction(client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 60, seed: 4 },
    });
    const snapshots: Prediction[] = [];
    for await (const s of watchPrediction(client, created)) snapshots.push(s);
    const final = await getPrediction(client, created.id);
    expect(snapshots.at(-1)).toEqual(final);
    const lengths = snapshots.map((s) => (Array.isArray(s.output) ? s.output.length : 0));
    expect(new Set(lengths).size).toBe((final.output as string[]).length + 1);
  });

  it('aborts a real request in flight', async () => {
    const { url } = await start({ faults: { latencyMs: 3000 } });
    const client = createClient({ baseUrl: `${url}/v1` });
    const t0 = performance.now();
    await expect(getUser(client, { signal: AbortSignal.timeout(50) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('reports a refused connection as a ConnectionError after retrying', async () => {
    const server = await start();
    await server.close();
    running = [];
    const client = createClient({ baseUrl: `${server.url}/v1`, retries: 1 });
    const error = await getUser(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe(
      `getUser: cannot reach ${server.url}/v1/user (fetch failed). Check \`baseUrl\` and the network.`,
    );
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('serves the proxy from a plain Node server, streams included', async () => {
    const upstream = await start({ tokens: ['tok'] });
    let handler: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
    const app = createHttpServer(toNodeHandler((request) => handler(request)));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = app.address() as AddressInfo;
      handler = createProxyHandler({
        token: 'tok',
        upstream: `${upstream.url}/v1`,
        allowModels: ['predictkit/text-generator'],
        basePath: '/api/predictkit',
        publicOrigin: `http://127.0.0.1:${port}`,
      });
      // The visitor's cookie, kept and sent back as a browser would.
      let cookie = '';
      const client = createClient({
        baseUrl: `http://127.0.0.1:${port}/api/predictkit`,
        fetch: async (request) => {
          if (cookie) request.headers.set('cookie', cookie);
          const response = await fetch(request);
          cookie = response.headers.getSetCookie()[0]?.split(';')[0] ?? cookie;
          return response;
        },
      });
      const created = await createPrediction(client, {
        model: 'predictkit/text-generator',
        input: { prompt: 'Alice', max_tokens: 12 },
      });
      expect(created.urls?.stream).toBe(
        `http://127.0.0.1:${port}/api/predictkit/predictions/${created.id}/stream`,
      );
      const snapshots: Prediction[] = [];
      for await (const s of watchPrediction(client, created)) snapshots.push(s);
      expect(snapshots.at(-1)).toEqual(await getPrediction(client, created.id));
      await expect(runPrediction(client, 'predictkit/echo', { text: 'no' })).rejects.toMatchObject({
        status: 403,
      });
    } finally {
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    }
  });

  it('routes on the path Node read, whatever the Host header says', async () => {
    const handler = await echoProxy();
    const app = createHttpServer(toNodeHandler(handler));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = app.address() as AddressInfo;
      // Node takes this `Host`; built into the URL, it would make the proxy answer its catalog.
      const answer = await fetchRaw(
        port,
        'GET /x HTTP/1.1\r\nhost: 127.0.0.1/api/predictkit/models?\r\nconnection: close\r\n\r\n',
      );
      expect(answer).toMatch(/^HTTP\/1\.1 404 /);
      // Nor a path that a URL parser would read as a host, nor an absolute target.
      for (const [target, status] of [
        ['//evil/api/predictkit/models', 404],
        ['http://evil/api/predictkit/models', 400],
      ] as const) {
        const response = await fetchRaw(
          port,
          `GET ${target} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`,
        );
        expect(response, target).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      }
    } finally {
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    }
  });

  it('answers 499, never rejecting, when the browser leaves during a Prefer: wait create', async () => {
    const upstream = await start({ tokens: ['tok'], timeScale: 1 });
    const handler = createProxyHandler({
      token: 'tok',
      upstream: `${upstream.url}/v1`,
      allowModels: ['predictkit/slow-task'],
      basePath: '/api/predictkit',
    });
    const leave = new AbortController();
    setTimeout(() => leave.abort(), 200);
    const t0 = performance.now();
    const response = await handler(
      new Request('http://app.test/api/predictkit/models/predictkit/slow-task/predictions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', prefer: 'wait=30' },
        body: JSON.stringify({ input: { duration_s: 20, steps: 2 } }),
        signal: leave.signal,
      }),
    );
    expect(response.status).toBe(499);
    expect((await response.json()).detail).toMatch(/^The client closed the request/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('resolves every request of a browser that disconnects mid-body, behind the Node adapter', async () => {
    const handler = await echoProxy();
    const answers: Promise<Response>[] = [];
    const app = createHttpServer(
      toNodeHandler((request) => {
        const answer = handler(request);
        answers.push(answer);
        return answer;
      }),
    );
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = app.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        'POST /api/predictkit/predictions HTTP/1.1\r\nhost: 127.0.0.1\r\n' +
          'content-type: application/json\r\ncontent-length: 1000\r\n\r\n{"model":"predictkit/echo",',
      );
      while (!answers.length) await new Promise((resolve) => setTimeout(resolve, 10));
      socket.destroy();
      const response = await answers[0]!;
      expect(response.status).toBe(499);
    } finally {
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    }
  });
});

/** The proxy, at `/api/predictkit`, of a fresh local server, running echo. */
async function echoProxy() {
  const upstream = await start({ tokens: ['tok'] });
  return createProxyHandler({
    token: 'tok',
    upstream: `${upstream.url}/v1`,
    allowModels: ['predictkit/echo'],
    basePath: '/api/predictkit',
  });
}

/** A request written as it is to 127.0.0.1:`port`, and the whole answer. */
async function fetchRaw(port: number, request: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk) => {
    answer += chunk;
  });
  socket.write(request);
  await new Promise((resolve) => socket.once('close', resolve));
  return answer;
}
