/**
 * The dev server's proxy to the API, as the playground's Vite config sets it up: a stream the API
 * cuts (a crash, a kill) is cut for the browser too, so the page reconnects at once rather than
 * after its idle timeout.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';

let upstream: Server;
let vite: ViteDevServer;
let base: string;

beforeAll(async () => {
  upstream = createHttpServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('event: output\ndata: "a"\n\n');
    // the API dies mid-stream: its socket goes, with no end to the answer
    setTimeout(() => request.socket.destroy(), 100);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  process.env.PREDICTKIT_SERVER_URL = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  vite = await createServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    root: fileURLToPath(new URL('..', import.meta.url)),
    server: { port: 0, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  await vite.listen();
  base = vite.resolvedUrls!.local[0]!.replace(/\/$/, '');
}, 30_000);

afterAll(async () => {
  await vite?.close();
  upstream?.close();
  delete process.env.PREDICTKIT_SERVER_URL;
});

it('cuts a stream for the browser when the API cuts it', async () => {
  const response = await fetch(`${base}/v1/predictions/p1/stream`);
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const closed = (async () => {
    while (!(await reader.read()).done);
    return 'ended';
  })().catch(() => 'cut');
  const open = new Promise((resolve) => setTimeout(() => resolve('still open'), 5000));
  // ended or cut at once, well before the page's 45 s idle timeout would notice
  expect(await Promise.race([closed, open])).not.toBe('still open');
}, 20_000);
