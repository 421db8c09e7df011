import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type ListeningServer, listen, listenProxy } from '@predictkit/server/node';
import { preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupPlayground } from './browser.ts';

const { page } = setupPlayground();
const playgroundRoot = fileURLToPath(new URL('../apps/playground/', import.meta.url));
const TOKEN = 'held-by-the-server';

let upstream: ListeningServer;
let proxy: { url: string; close(): Promise<void> };
let site: Awaited<ReturnType<typeof preview>>;
let origin: string;

/**
 * The playground served as an app with its own proxy route: the browser talks to `/v1` on the
 * page's origin, which the token-holding proxy passes to an API that takes only that token.
 */
beforeAll(async () => {
  upstream = await listen({ port: 0, timeScale: 0.25, tokens: [TOKEN], onWarning: () => {} });
  proxy = await listenProxy({ port: 0, wriftai: { url: `${upstream.url}/v1`, token: TOKEN } });
  // The playground's production build is made by the e2e global setup.
  site = await preview({
    root: playgroundRoot,
    configFile: `${playgroundRoot}vite.config.ts`,
    logLevel: 'warn',
    preview: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      proxy: { '/v1': { target: proxy.url, changeOrigin: false } },
    },
  });
  origin = `http://127.0.0.1:${(site.httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => site?.httpServer.close(() => resolve()));
  await proxy?.close();
  await upstream?.close();
});

const doneBadge = '[data-slot="prediction-details"] [data-slot="status-badge"][data-status="succeeded"]';

describe('the playground behind the token-holding proxy', () => {
  it('shows a visitor their own predictions, after a reload too, and no one else’s', async () => {
    const p = page();
    await p.goto(`${origin}/models/predictkit/echo`);
    await p.getByLabel('Text').fill('only mine');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await p
      .locator('[data-slot="playground-result"] [data-slot="status-badge"][data-status="succeeded"]')
      .waitFor({ timeout: 20_000 });
    const listed = await fetch(`${upstream.url}/v1/predictions`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const [made] = ((await listed.json()) as { items: { id: string }[] }).items;
    expect(made).toBeDefined();

    await p.goto(`${origin}/predictions/${made!.id}`);
    await p.reload();
    await p.locator(doneBadge).waitFor({ timeout: 20_000 });
    expect(await p.locator('[data-slot="prediction-output"]').textContent()).toContain('only mine');
    await p.goto(`${origin}/predictions`);
    await expect.poll(() => p.locator('[data-slot="list-row"]').count(), { timeout: 20_000 }).toBe(1);

    // Another browser: the same pages, none of the first visitor's predictions.
    const other = await p.context().browser()!.newContext();
    try {
      const q = await other.newPage();
      await q.goto(`${origin}/predictions`);
      await q.getByText('No predictions yet.').waitFor({ timeout: 20_000 });
      await q.goto(`${origin}/predictions/${made!.id}`);
      const notFound = q.getByRole('alert').filter({ hasText: 'Not found' });
      await notFound.waitFor({ timeout: 20_000 });
      // the service's own words stay one click away
      expect(await notFound.locator('details pre').textContent()).toMatch(/404: Prediction .+ not found/);
      expect(await q.locator('[data-slot="prediction-output"]').count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
