import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeProblems, launchBrowser, openPage } from './lib/browser';
import { isOpaque, readColors } from './lib/colors';
import { type Fixture, prepareFixture } from './lib/fixture';
import { explain, run } from './lib/run';
import { type RunningServer, startServer } from './lib/server';
import { serveStatic } from './lib/staticServer';

let app: Fixture;
let browser: Browser | undefined;
let api: RunningServer | undefined;
let site: Awaited<ReturnType<typeof serveStatic>> | undefined;

beforeAll(async () => {
  app = await prepareFixture('vite-react19', inject('tarballs'), ['src']);
  console.info(`[consumers] vite-react19: ${app.install}`);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await api?.stop();
});

describe('Vite + React 19 app (strict TypeScript, production build)', () => {
  it('type-checks with skipLibCheck: false, data typed (not any), defineModel typed by zod', async () => {
    const result = await run('node_modules/.bin/tsc', ['-p', '.'], { cwd: app.dir });
    expect(result.code, explain('tsc', result)).toBe(0);
  });

  it('builds for production with vite build', async () => {
    const result = await run('node_modules/.bin/vite', ['build'], { cwd: app.dir });
    expect(result.code, explain('vite build', result)).toBe(0);
    site = await serveStatic(join(app.dir, 'dist'));
    browser = await launchBrowser();
  });

  it('colours the primary button and the status badge in light and dark, by preference and by data-theme', async () => {
    expect(site, 'the production build failed').toBeDefined();
    const { page, problems } = await openPage(browser!);
    await page.goto(`${site!.url}/?view=theme`);
    await page.locator('#dark [data-slot="status-badge"]').waitFor();
    const sections = ['auto', 'light', 'dark'];
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await readColors(page, sections);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await readColors(page, sections);
    const seen = `${JSON.stringify({ prefersLight: light, prefersDark: dark }, null, 2)}${describeProblems(problems)}`;
    for (const colors of [light, dark]) {
      for (const [section, { button, buttonText, badge }] of Object.entries(colors)) {
        expect(
          isOpaque(button) && isOpaque(buttonText) && isOpaque(badge),
          `${section}: not real colours:\n${seen}`,
        ).toBe(true);
        expect(button, `${section}: the button's text has the button's own colour:\n${seen}`).not.toBe(
          buttonText,
        );
      }
    }
    expect(light.auto, `prefers light: the default follows it\n${seen}`).toEqual(light.light);
    expect(dark.auto, `prefers dark: the default follows it\n${seen}`).toEqual(dark.dark);
    expect(light.dark, `data-theme="dark" wins over a light preference\n${seen}`).toEqual(dark.dark);
    expect(dark.light, `data-theme="light" wins over a dark preference\n${seen}`).toEqual(light.light);
    expect(light.light?.button, `light and dark buttons are the same colour\n${seen}`).not.toBe(
      dark.dark?.button,
    );
    expect(light.light?.badge, `light and dark badges are the same colour\n${seen}`).not.toBe(
      dark.dark?.badge,
    );
  });

  it('runs a prediction end to end against npx predictkit-server', async () => {
    expect(site, 'the production build failed').toBeDefined();
    api = await startServer(app.dir);
    const { page, problems } = await openPage(browser!);
    await page.goto(`${site!.url}/?api=${encodeURIComponent(`${api.url}/v1`)}`);
    await page.getByRole('button', { name: 'Write' }).click();
    const done = page.locator('[data-slot="status-badge"][data-status="succeeded"]');
    await done.waitFor({ timeout: 30_000 }).catch(() => {
      throw new Error(`the prediction did not succeed${describeProblems(problems)}\n${api!.output()}`);
    });
    const text = await page.locator('[data-slot="prediction-output"]').textContent();
    expect(text?.trim().length ?? 0, `no output text${describeProblems(problems)}`).toBeGreaterThan(0);
    expect(problems, describeProblems(problems)).toEqual([]);
  });
});
