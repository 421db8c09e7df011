import { signStandardWebhook } from '@predictkit/core/server';
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

// The proxies' settings, as a deployment gives them: the token and the API each forwards to. The
// webhook secret is left out of the build, as a build server has none of the secrets.
const env = (more: Record<string, string> = {}) => {
  const { REPLICATE_WEBHOOK_SECRET: _fromTheShell, ...outer } = userEnv();
  return {
    ...outer,
    WRIFTAI_ACCESS_TOKEN: TOKEN,
    WRIFTAI_API_BASE_URL: `${api.url}/v1`,
    REPLICATE_API_TOKEN: TOKEN,
    REPLICATE_API_BASE_URL: `${api.url}/replicate/v1`,
    ...more,
  };
};

/** A read of the local server's Replicate API with the token, as a server would make it. */
const upstream = async <T>(path: string): Promise<T> =>
  (await (
    await fetch(`${api.url}/replicate/v1${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })
  ).json()) as T;
let webhookSecret = '';

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
    ({ key: webhookSecret } = await upstream<{ key: string }>('/webhooks/default/secret'));
    next = startBackground('node_modules/.bin/next', ['start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: app.dir,
      env: env({ REPLICATE_WEBHOOK_SECRET: webhookSecret }),
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

  it('creates on a Replicate version through the proxy route handler, as the official client sends it', async () => {
    expect(site, 'next start did not come up').toBeDefined();
    const model = await upstream<{ latest_version: { id: string } }>('/models/predictkit/text-generator');
    const version = model.latest_version.id;
    // The bare id (the official client's `run('owner/name:<id>')`) is looked up among the allowed
    // models' versions; the named one is checked against its model. Both read the upstream from
    // inside the route handler, where Next.js keeps a copy of every answer.
    for (const named of [version, `predictkit/text-generator:${version}`]) {
      const created = await fetch(`${site}/api/replicate/predictions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version: named, input: { prompt: 'Alice', max_tokens: 3 } }),
        signal: AbortSignal.timeout(20_000),
      });
      expect(created.status, `${named}: ${await created.clone().text()}`).toBe(201);
      expect(((await created.json()) as { version: string }).version).toBe(version);
    }
    const refused = await fetch(`${site}/api/replicate/predictions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: 'f'.repeat(64), input: {} }),
      signal: AbortSignal.timeout(20_000),
    });
    expect(refused.status).toBe(403);
  });

  it('verifies a Replicate delivery in the webhook route handler built without its secret', async () => {
    expect(site, 'next start did not come up').toBeDefined();
    const prediction = await upstream<{ results: unknown[] }>('/predictions').then((page) => page.results[0]);
    const body = JSON.stringify(prediction);
    const deliver = (headers: Record<string, string>) =>
      fetch(`${site}/api/webhooks/replicate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const forged = await deliver(await signStandardWebhook({ body, secret: `whsec_${btoa('not the one')}` }));
    expect(forged.status).toBe(401);
    const signed = await deliver(await signStandardWebhook({ body, secret: webhookSecret }));
    expect(signed.status, await signed.clone().text()).toBe(200);
    const saved = (await (await fetch(`${site}/api/webhooks/replicate`)).json()) as { id: string }[];
    expect(saved.map((p) => p.id)).toEqual([(prediction as { id: string }).id]);
  });
});
