import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import { chromiumLaunchOptions } from '../chromium.ts';

export const screenshotDir = fileURLToPath(new URL('./screenshots/', import.meta.url));

/**
 * One Chromium for the file, a fresh page per test, and a check after each test that the page
 * logged no console error and threw nothing.
 */
export interface Playground {
  page: () => Page;
  url: (path: string) => string;
  /** The local server's WriftAI API, reached directly. */
  api: (path: string) => string;
  /** The local server's Replicate API, reached directly. */
  replicateApi: (path: string) => string;
  /** Console errors matching this are expected in the current test (e.g. requests to a server that is down). */
  expectConsoleErrors: (pattern: RegExp) => void;
}

export function setupPlayground(): Playground {
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];
  let expected: RegExp | undefined;
  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    browser = await chromium.launch(chromiumLaunchOptions);
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      colorScheme: 'light',
    });
    page = await context.newPage();
    problems = [];
    expected = undefined;
    page.on('console', (message) => {
      if (message.type() === 'error' && !expected?.test(message.text()))
        problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  });
  afterEach(async () => {
    await page?.context().close();
    expect(problems).toEqual([]);
  });
  return {
    page: () => page,
    url: (path) => `${inject('playgroundUrl')}${path}`,
    api: (path) => `${inject('apiUrl')}/v1${path}`,
    replicateApi: (path) => `${inject('apiUrl')}/replicate/v1${path}`,
    expectConsoleErrors: (pattern) => {
      expected = pattern;
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: false });
}
