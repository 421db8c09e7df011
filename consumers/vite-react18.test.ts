import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeProblems, launchBrowser, openPage } from './lib/browser';
import { type Fixture, prepareFixture } from './lib/fixture';
import { explain, run } from './lib/run';
import { type RunningServer, startServer } from './lib/server';
import { serveStatic } from './lib/staticServer';

let app: Fixture;
let browser: Browser | undefined;
let api: RunningServer | undefined;
let site: Awaited<ReturnType<typeof serveStatic>> | undefined;

const installed = (name: string) =>
  JSON.parse(readFileSync(join(app.dir, 'node_modules', name, 'package.json'), 'utf8')).version as string;

beforeAll(async () => {
  app = await prepareFixture('vite-react18', inject('tarballs'), ['src']);
  console.info(`[consumers] vite-react18: ${app.install}`);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await api?.stop();
});

describe('Vite + React 18 app on the lowest @tanstack/react-query the peer range allows', () => {
  it('installs the lowest version the peer range of @predictkit/react allows', () => {
    const range = JSON.parse(
      readFileSync(join(app.dir, 'node_modules/@predictkit/react/package.json'), 'utf8'),
    ).peerDependencies['@tanstack/react-query'] as string;
    expect(`^${installed('@tanstack/react-query')}`, 'the fixture must pin the bottom of the range').toBe(
      range,
    );
    expect(installed('react')).toMatch(/^18\./);
  });

  it('type-checks with skipLibCheck: false and typed data, without zod', async () => {
    const result = await run('node_modules/.bin/tsc', ['-p', '.'], { cwd: app.dir });
    expect(result.code, explain('tsc', result)).toBe(0);
  });

  it('builds for production with vite build', async () => {
    const result = await run('node_modules/.bin/vite', ['build'], { cwd: app.dir });
    expect(result.code, explain('vite build', result)).toBe(0);
    site = await serveStatic(join(app.dir, 'dist'));
    browser = await launchBrowser();
  });

  it('renders the recent predictions list against npx predictkit-server in Chromium', async () => {
    expect(site, 'the production build failed').toBeDefined();
    api = await startServer(app.dir);
    for (const text of ['first', 'second']) {
      const created = await fetch(`${api.url}/v1/predictions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', prefer: 'wait=10' },
        body: JSON.stringify({ model: 'predictkit/echo', input: { text } }),
      });
      expect(created.status, await created.clone().text()).toBeLessThan(300);
    }
    const { page, problems } = await openPage(browser!);
    await page.goto(`${site!.url}/?api=${encodeURIComponent(`${api.url}/v1`)}`);
    await page
      .locator('[data-slot="list-row"]')
      .nth(1)
      .waitFor({ timeout: 15_000 })
      .catch(() => {
        throw new Error(`the list did not show the two predictions${describeProblems(problems)}`);
      });
    expect(await page.locator('[data-slot="list-row"]').count()).toBe(2);
    expect(problems, describeProblems(problems)).toEqual([]);
  });
});
