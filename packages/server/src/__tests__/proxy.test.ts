import { request as httpRequest } from 'node:http';
import type { Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ListeningServer, listen } from '../node/listen';
import { listenProxy } from '../node/listenProxy';
import { parseCliArgs } from '../node/parseCliArgs';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function start(
  allowedHosts?: string[],
  allowModels = ['predictkit/echo'],
): Promise<{ upstream: ListeningServer; proxy: string; allowedModels: Record<string, string[]> }> {
  const upstream = await listen({ port: 0, timeScale: 0.01, tokens: ['server-secret'], onWarning: () => {} });
  closers.push(upstream.close);
  const proxy = await listenProxy({
    port: 0,
    wriftai: { url: `${upstream.url}/v1`, token: 'server-secret' },
    replicate: { url: `${upstream.url}/replicate/v1`, token: 'server-secret' },
    allowModels,
    allowDeployments: ['predictkit/echo'],
    allowedHosts,
  });
  closers.push(proxy.close);
  return { upstream, proxy: proxy.url, allowedModels: proxy.allowedModels };
}

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('predictkit-server --upstream', () => {
  it('forwards to the upstream with the server-held token, whatever the browser sends', async () => {
    const { proxy } = await start();
    const models = await fetch(`${proxy}/v1/models`, {
      headers: { authorization: 'Bearer from-the-browser' },
    });
    expect(models.status).toBe(200);
    const created = await fetch(
      `${proxy}/v1/predictions`,
      post({ model: 'predictkit/echo', input: { text: 'via proxy' } }, { prefer: 'wait=5' }),
    );
    expect(created.status).toBe(201);
    expect(((await created.json()) as Prediction).output).toBe('via proxy');
  });

  it('refuses models outside the allowlist with 403, and answers CORS preflights for local apps', async () => {
    const { proxy } = await start();
    const denied = await fetch(
      `${proxy}/v1/predictions`,
      post({ model: 'predictkit/sentiment', input: { text: 'x' } }),
    );
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { detail: string }).detail).toMatch(/predictkit\/sentiment/);
    const preflight = await fetch(`${proxy}/v1/predictions`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('keeps each browser to its own predictions, and builds URLs from no Host header', async () => {
    const { proxy } = await start(['evil.test']);
    const created = await fetch(
      `${proxy}/v1/predictions`,
      post({ model: 'predictkit/echo', input: { text: 'mine' } }, { prefer: 'wait=5', host: 'evil.test' }),
    );
    const cookie = created.headers.getSetCookie()[0]!.split(';')[0]!;
    const prediction = (await created.json()) as Prediction;
    expect(prediction.urls?.stream).toBe(`/v1/predictions/${prediction.id}/stream`);
    const mine = await fetch(`${proxy}/v1/predictions/${prediction.id}`, { headers: { cookie } });
    expect(mine.status).toBe(200);
    const theirs = await fetch(`${proxy}/v1/predictions/${prediction.id}`);
    expect(theirs.status).toBe(404);
    const list = (await (await fetch(`${proxy}/v1/predictions`)).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it('answers no other host name than this machine’s and those allowed (DNS rebinding)', async () => {
    const { proxy } = await start(['app.example.com']);
    // fetch sends its own Host: only a raw request names another
    const send = (host: string, method = 'POST') =>
      new Promise<{ status: number; body: string; cookies: string[] }>((resolve, reject) => {
        const target = new URL(proxy);
        const req = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            method,
            path: method === 'POST' ? '/v1/predictions' : '/v1/models',
            headers: { host, 'content-type': 'application/json' },
          },
          (res) => {
            let body = '';
            res.on('data', (chunk) => {
              body += chunk;
            });
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body, cookies: res.headers['set-cookie'] ?? [] }),
            );
          },
        );
        req.on('error', reject);
        req.end(
          method === 'POST' ? JSON.stringify({ model: 'predictkit/echo', input: { text: 'x' } }) : undefined,
        );
      });
    const refused = await send('rebind.attacker.test:8787');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatch(/DNS rebinding.*--allowed-host/);
    expect(refused.cookies).toEqual([]);
    expect((await send('rebind.attacker.test', 'GET')).status).toBe(403);
    for (const host of ['app.example.com', 'localhost:8787', '127.0.0.1']) {
      expect({ host, status: (await send(host)).status }).toEqual({ host, status: 201 });
    }
  });

  it('refuses the local server’s flags with --upstream, which would ignore them', () => {
    expect(() =>
      parseCliArgs(['--upstream', 'https://api.wrift.ai/v1', '--data-dir', 'x', '--token', 't']),
    ).toThrow('--upstream forwards to a real API, so --data-dir, --token do not apply: leave them out.');
    expect(() => parseCliArgs(['--upstream', 'https://api.wrift.ai/v1', '--time-scale', '2'])).toThrow(
      '--time-scale does not apply: leave it out.',
    );
  });

  it('forwards /replicate/v1 to Replicate’s API the same way, each browser to its own', async () => {
    const { proxy } = await start();
    const created = await fetch(
      `${proxy}/replicate/v1/models/predictkit/echo/predictions`,
      post(
        { input: { text: 'via the Replicate proxy' } },
        { prefer: 'wait=5', authorization: 'Bearer nope' },
      ),
    );
    expect(created.status).toBe(201);
    const cookie = created.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/Path=\/replicate\/v1/);
    const prediction = (await created.json()) as { id: string; status: string; output: string };
    expect(prediction).toMatchObject({ status: 'succeeded', output: 'via the Replicate proxy' });
    const own = await fetch(`${proxy}/replicate/v1/predictions/${prediction.id}`, {
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(own.status).toBe(200);
    expect((await fetch(`${proxy}/replicate/v1/predictions/${prediction.id}`)).status).toBe(404);
    const refused = await fetch(
      `${proxy}/replicate/v1/models/predictkit/text-generator/predictions`,
      post({ input: { prompt: 'x' } }),
    );
    expect(refused.status).toBe(403);
    const deployed = await fetch(
      `${proxy}/replicate/v1/deployments/predictkit/echo/predictions`,
      post({ input: { text: 'deployed' } }, { prefer: 'wait=5' }),
    );
    expect(deployed.status).toBe(201);
    expect(await deployed.json()).toMatchObject({ status: 'succeeded', output: 'deployed' });
  });

  it('gives each service the entries of one --allow-model list whose version it can read', async () => {
    const upstream = await listen({ port: 0, timeScale: 0.01, onWarning: () => {} });
    closers.push(upstream.close);
    const id = (
      (await (await fetch(`${upstream.url}/replicate/v1/models/predictkit/text-generator`)).json()) as {
        latest_version: { id: string };
      }
    ).latest_version.id;
    const { proxy, allowedModels } = await start(undefined, [
      'predictkit/echo:1',
      `predictkit/text-generator:${id}`,
    ]);
    expect(allowedModels).toEqual({
      '/v1': ['predictkit/echo:1'],
      '/replicate/v1': [`predictkit/text-generator:${id}`],
    });
    const create = (path: string, body: unknown) => fetch(`${proxy}${path}`, post(body));
    // WriftAI's version number goes to WriftAI only, Replicate's version id to Replicate only.
    expect(
      (await create('/v1/models/predictkit/echo/versions/1/predictions', { input: { text: 'x' } })).status,
    ).toBe(201);
    expect(
      (await create('/replicate/v1/models/predictkit/echo/predictions', { input: { text: 'x' } })).status,
    ).toBe(403);
    const byVersion = { version: `predictkit/text-generator:${id}`, input: { prompt: 'x', max_tokens: 2 } };
    expect((await create('/replicate/v1/predictions', byVersion)).status).toBe(201);
    // One service alone gets every entry, so one written the other's way stops it from starting.
    await expect(
      listenProxy({
        port: 0,
        replicate: { url: `${upstream.url}/replicate/v1`, token: 't' },
        allowModels: ['predictkit/echo:1'],
      }),
    ).rejects.toThrow('a version on Replicate is a 64-hex version id');
  });

  it('reads --replicate-upstream, alone or with --upstream', () => {
    expect(parseCliArgs(['--replicate-upstream', 'https://api.replicate.com/v1'])).toMatchObject({
      replicateUpstream: 'https://api.replicate.com/v1',
    });
    expect(() =>
      parseCliArgs(['--replicate-upstream', 'https://api.replicate.com/v1', '--data-dir', 'x']),
    ).toThrow('--replicate-upstream forwards to a real API, so --data-dir does not apply');
  });

  it('reads --upstream and --allow-model', () => {
    expect(
      parseCliArgs([
        '--upstream',
        'https://api.wrift.ai/v1',
        '--allow-model',
        'a/b',
        '--allow-model',
        'c/d:2',
      ]),
    ).toMatchObject({
      upstream: 'https://api.wrift.ai/v1',
      allowModels: ['a/b', 'c/d:2'],
    });
  });

  it('reads --allow-deployment beside --replicate-upstream, and refuses it without', () => {
    expect(
      parseCliArgs([
        '--replicate-upstream',
        'https://api.replicate.com/v1',
        '--allow-deployment',
        'acme/prod',
      ]),
    ).toMatchObject({ allowDeployments: ['acme/prod'] });
    expect(() => parseCliArgs(['--allow-deployment', 'acme/prod'])).toThrow(
      '--allow-deployment names Replicate deployments, so it needs --replicate-upstream.',
    );
  });
});
