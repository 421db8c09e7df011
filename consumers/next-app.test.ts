import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeProblems, launchBrowser, openPage } from './lib/browser';
import { type Fixture, prepareFixture } from './lib/fixture';
import { type Background, explain, run, startBackground, tail, userEnv, waitForHttp } from './lib/run';
import { type RunningServer, startServer } from './lib/server';
import { freePort } from './lib/staticServer';

const TOKEN = 'consumer-test-token';
let app: Fixture;
let api: RunningServer;
let next: Background | undefined;
let site: string | undefined;
let browser: Browser | undefined;

// The proxy's settings, as a deployment gives them: the token and the API it forwards to.
const env = () => userEnv({ WRIFTAI_ACCESS_TOKEN: TOKEN, WRIFTAI_API_BASE_URL: `${api.url}/v1` });

beforeAll(async () => {
  app = await prepareFixture('next-app', inject('tarballs'));
  console.info(`[consumers] next-app: ${app.install}`);
  // The API needs the token: only the proxy (in the route handler and the page) holds it.
  api = await startServer(app.dir, ['--token', TOKEN]);
});

afterAll(async () => {
  await browser?.close();
  await next?.stop();
  await api?.stop();
});

describe('Next.js App Router app', () => {
  it('builds with next build: a server component imports the components and prefetches with the query options', async () => {
    const result = await run('node_modules/.bin/next', ['build'], {
      cwd: app.dir,
      env: env(),
      timeoutMs: 600_000,
    });
    expect(result.code, explain('next build', result)).toBe(0);
  });

  it('serves the page from next start, with the model prefetched on the server', async () => {
    const port = await freePort();
    next = startBackground('node_modules/.bin/next', ['start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: app.dir,
      env: env(),
    });
    site = `http://127.0.0.1:${port}`;
    await waitForHttp(site, next);
    const response = await fetch(site);
    // React separates adjacent text with `<!-- -->`.
    const html = (await response.text()).replaceAll('<!-- -->', '');
    const context = `\n${tail(html, 20)}\nnext start said:\n${tail(next.output())}`;
    expect(response.status, context).toBe(200);
    expect(html, `the server component's badge${context}`).toContain('data-slot="status-badge"');
    expect(html, `a pure helper called in the server component${context}`).toContain('safe');
    expect(html, `query options called in the server component${context}`).toMatch(
      /predictkit \/ [^<]+ \/ models/,
    );
    expect(html, `query options called in the server component${context}`).toContain('prediction p1');
    // The client component read the model from the server's prefetch (dehydrated), not "loading".
    expect(html, `the hydrated model in the server-rendered HTML${context}`).toMatch(
      /predictkit\/text-generator: [^<]+<\/h1>/,
    );
  });

  it('runs a prediction in Chromium, its stream through the proxy route handler', async () => {
    expect(site, 'next start did not come up').toBeDefined();
    browser = await launchBrowser();
    const { page, problems } = await openPage(browser);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(site!);
    await page.getByRole('button', { name: 'Write' }).click();
    await page
      .locator('section [data-slot="status-badge"][data-status="succeeded"]')
      .waitFor({ timeout: 30_000 })
      .catch(() => {
        throw new Error(
          `the prediction did not succeed${describeProblems(problems)}\nrequests:\n${requests.join('\n')}\n` +
            `next start said:\n${tail(next!.output())}`,
        );
      });
    const text = await page.locator('section [data-slot="prediction-output"]').textContent();
    expect(text?.trim().length ?? 0, 'no output text').toBeGreaterThan(0);
    const seen = `requests:\n${requests.join('\n')}`;
    expect(
      requests.some((url) => url.startsWith(`${site}/api/predictkit/`) && url.includes('/stream')),
      `the stream went through the proxy\n${seen}`,
    ).toBe(true);
    expect(
      requests.filter((url) => url.startsWith(api.url)),
      `the browser talks to the proxy only\n${seen}`,
    ).toEqual([]);
    expect(problems, describeProblems(problems)).toEqual([]);
  });
});
