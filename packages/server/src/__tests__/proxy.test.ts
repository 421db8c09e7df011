import type { Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ListeningServer, listen } from '../node/listen';
import { listenProxy } from '../node/listenProxy';
import { parseCliArgs } from '../node/parseCliArgs';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function start(): Promise<{ upstream: ListeningServer; proxy: string }> {
  const upstream = await listen({ port: 0, timeScale: 0.01, tokens: ['server-secret'], onWarning: () => {} });
  closers.push(upstream.close);
  const proxy = await listenProxy({
    port: 0,
    upstream: `${upstream.url}/v1`,
    token: 'server-secret',
    allowModels: ['predictkit/echo'],
  });
  closers.push(proxy.close);
  return { upstream, proxy: proxy.url };
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
    const { proxy } = await start();
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
});
