import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { replicate } from '@predictkit/core/replicate';
import { createProxyHandler } from '@predictkit/core/server';
import { type ListeningServer, listen } from '@predictkit/server/node';
import type { BrowserContext, Page } from 'playwright-core';
import { preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, setupPlayground } from './browser.ts';
import { describedText } from './pageChecks.ts';

const { page, url, replicateApi, expectConsoleErrors } = setupPlayground();

const PHONE = { width: 390, height: 844 };

/** The live prediction's badge in the model page's result panel. */
const badge = (status: string) =>
  `[data-slot="playground-result"] [data-slot="status-badge"][data-status="${status}"]`;
const resultOutput = '[data-slot="playground-result"] [data-slot="prediction-output"]';

/** A prediction as the local server's Replicate API answers it. */
interface ReplicatePrediction {
  id: string;
  version: string;
  status: string;
  output: unknown;
}

/** Switches the playground to Replicate's API the way a user does, in Settings. */
async function switchToReplicate(p: Page) {
  await p.goto(url('/settings'));
  await p.getByRole('radio', { name: 'Replicate' }).check();
  await p.getByRole('status').filter({ hasText: 'Now using Replicate at /replicate/v1.' }).waitFor();
  await p.getByRole('link', { name: 'Replicate API: change in Settings' }).waitFor();
}

/** The prediction the model page's "Recent predictions" list shows first: the latest run. */
async function latestRun(p: Page): Promise<ReplicatePrediction> {
  const link = p.locator('[data-slot="playground-recent"] [data-slot="list-row"] a').first();
  await link.waitFor();
  const id = (await link.getAttribute('href'))?.split('/').pop();
  const response = await fetch(replicateApi(`/predictions/${id}`));
  expect(response.status).toBe(200);
  return (await response.json()) as ReplicatePrediction;
}

/** No part of the page is wider than the window: nothing to scroll sideways to on a phone. */
const fitsTheWidth = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function runTextGenerator(p: Page, prompt: string) {
  await p.goto(url('/models/predictkit/text-generator'));
  await p.getByLabel('Prompt').fill(prompt);
  await p.getByRole('spinbutton', { name: 'Max tokens', exact: true }).fill('240');
  // Every length the text has while the prediction still runs: more than one means it streamed in.
  await p.evaluate((selector) => {
    const seen: number[] = [];
    (window as unknown as { seen: number[] }).seen = seen;
    new MutationObserver(() => {
      const running = document.querySelector('[data-slot="playground-result"][data-status="started"]');
      const text = document.querySelector(`${selector} [data-slot="output-text-body"]`)?.textContent;
      if (running && text) seen.push(text.length);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, resultOutput);
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await p.locator(badge('succeeded')).waitFor({ timeout: 30_000 });
  const shown = (await p.locator(`${resultOutput} [data-slot="output-text-body"]`).textContent()) ?? '';
  const seen = await p.evaluate(() => (window as unknown as { seen: number[] }).seen);
  expect(new Set(seen.filter((n) => n < shown.length)).size).toBeGreaterThan(1);

  // What the page shows is the prediction's own output, on a Replicate version id.
  const run = await latestRun(p);
  expect(run.status).toBe('succeeded');
  expect(run.version).toMatch(/^[\da-f]{64}$/);
  const text = (run.output as string[]).join('');
  expect(text.trim().length).toBeGreaterThan(20);
  expect(shown.trim()).toBe(text.trim());
}

async function runImageGenerator(p: Page, prompt: string) {
  await p.goto(url('/models/predictkit/image-generator'));
  await p.getByLabel('Prompt').fill(prompt);
  await p.getByRole('spinbutton', { name: 'Width', exact: true }).fill('256');
  await p.getByRole('spinbutton', { name: 'Height', exact: true }).fill('192');
  await p.getByRole('spinbutton', { name: 'Number of outputs', exact: true }).fill('2');
  await p.getByRole('button', { name: 'Run', exact: true }).click();
  await p.locator(badge('succeeded')).waitFor({ timeout: 30_000 });
  const images = p.locator(`${resultOutput} img`);
  await expect.poll(() => images.count()).toBe(2);
  // decoded, at the size asked for: real images, not broken ones
  await expect
    .poll(() =>
      images.evaluateAll((all) =>
        all.map((img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight]),
      ),
    )
    .toEqual([
      [256, 192],
      [256, 192],
    ]);
  // the prediction's own files, through the page's origin
  const run = await latestRun(p);
  const sources = await images.evaluateAll((all) =>
    all.map((img) => new URL((img as HTMLImageElement).src).pathname),
  );
  expect(sources).toEqual((run.output as string[]).map((file) => new URL(file).pathname));
  for (const source of sources) expect(source).toMatch(/^\/replicate\/v1\/files\/[^/]+\/download$/);
}

describe('the playground on Replicate’s API', () => {
  it('switches in Settings, lists and searches the models, and explains what Replicate has not', async () => {
    const p = page();
    await switchToReplicate(p);
    await p.getByRole('link', { name: 'Models', exact: true }).click();
    const cards = p.getByRole('list', { name: 'Models' }).getByRole('listitem');
    await expect.poll(() => cards.count()).toBe(8);
    // Replicate orders and files models its own way: no sorting or categories to offer
    expect(await p.getByRole('combobox', { name: 'Sort by' }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'All', exact: true }).count()).toBe(0);
    await p.getByText('Replicate lists models in its own order, without categories').waitFor();
    await screenshot(p, 'replicate-gallery');
    await p.getByRole('searchbox', { name: 'Search models' }).fill('image');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('image-generator')]),
    );
  });

  it('runs text-generator and streams its text in', async () => {
    const p = page();
    await switchToReplicate(p);
    await runTextGenerator(p, 'Alice was beginning to get very tired');
    // the version menu names Replicate's version ids by their start and their date
    const version = p.getByRole('combobox', { name: 'Version' });
    expect(await version.locator('option').first().textContent()).toMatch(/^[\da-f]{8} · .+ \(latest\)$/);
    await screenshot(p, 'replicate-text-generator');
  });

  it('runs image-generator and shows its images', async () => {
    const p = page();
    await switchToReplicate(p);
    await runImageGenerator(p, 'a lighthouse at dusk');
    await screenshot(p, 'replicate-image-generator');
  });

  it('runs text-generator and image-generator at phone width, with nothing wider than the screen', async () => {
    const p = page();
    await p.setViewportSize(PHONE);
    await switchToReplicate(p);
    expect(await fitsTheWidth(p)).toBe(true);
    await runTextGenerator(p, 'The Queen of Hearts');
    expect(await fitsTheWidth(p)).toBe(true);
    await screenshot(p, 'replicate-phone-text-generator');
    await runImageGenerator(p, 'ocean waves, neon');
    expect(await fitsTheWidth(p)).toBe(true);
    await p.locator(`${resultOutput} img`).first().scrollIntoViewIfNeeded();
    await p.screenshot({
      path: fileURLToPath(new URL('./screenshots/replicate-phone-image-generator.png', import.meta.url)),
    });
  });

  it('pins an older version from the version menu and runs it', async () => {
    const p = page();
    await switchToReplicate(p);
    await p.goto(url('/models/predictkit/text-generator'));
    const menu = p.getByRole('combobox', { name: 'Version' });
    await menu.locator('option').nth(1).waitFor({ state: 'attached' });
    const versions = await menu
      .locator('option')
      .evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value));
    expect(versions.length).toBeGreaterThan(1);
    const older = versions.at(-1) as string;
    await menu.selectOption(older);
    await p.waitForURL(new RegExp(`\\?version=${older}$`));
    await p.getByLabel('Prompt').fill('Down the rabbit hole');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await p.locator(badge('succeeded')).waitFor({ timeout: 30_000 });
    expect((await latestRun(p)).version).toBe(older);
  });

  it('shows an invalid value on its field, from Replicate’s invalid_fields, and keeps the input', async () => {
    // the refused create, and the field's preview of a URL on a host that is not there
    expectConsoleErrors(/status of 422|ERR_NAME_NOT_RESOLVED/);
    const p = page();
    await switchToReplicate(p);
    await p.goto(url('/models/predictkit/image-filter'));
    const image = p.getByRole('textbox', { name: 'Image URL' });
    await image.fill('https://cat.invalid/cat.png');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => image.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(image)).toMatch(/URL not accepted/);
    expect(await image.inputValue()).toBe('https://cat.invalid/cat.png');
    expect(await p.locator(badge('started')).count()).toBe(0);
  });

  it('cancels slow-task and shows Canceled', async () => {
    const p = page();
    await switchToReplicate(p);
    await p.goto(url('/models/predictkit/slow-task'));
    await p.getByRole('spinbutton', { name: 'Duration (s)', exact: true }).fill('120');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await p.locator(badge('started')).waitFor({ timeout: 20_000 });
    await p.getByRole('button', { name: 'Cancel', exact: true }).click();
    await p.locator(badge('canceled')).waitFor({ timeout: 10_000 });
    expect((await latestRun(p)).status).toBe('canceled');
  });

  it('lists the runs on the Predictions page and opens one', async () => {
    const p = page();
    await switchToReplicate(p);
    await p.goto(url('/models/predictkit/echo'));
    await p.getByLabel('Text').fill('listed on Replicate');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await p.locator(badge('succeeded')).waitFor({ timeout: 20_000 });
    const run = await latestRun(p);

    await p.getByRole('link', { name: 'Predictions', exact: true }).click();
    const row = p.locator(`[data-slot="list-row"] a[href="/predictions/${run.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(`predictkit/echo:${run.version.slice(0, 8)}`);
    await row.click();
    const details = p.locator('[data-slot="prediction-details"]');
    await details.locator('[data-slot="status-badge"][data-status="succeeded"]').waitFor();
    expect(await details.locator('[data-slot="prediction-output"]').textContent()).toContain(
      'listed on Replicate',
    );
    expect(await details.getByTitle('Version ID').textContent()).toBe(run.version);
    await screenshot(p, 'replicate-prediction');
  });
});

/** A `Request → Response` handler served over HTTP on 127.0.0.1, streaming both ways. */
async function serve(handler: (request: Request) => Promise<Response>) {
  const http = createHttpServer(async (req: IncomingMessage, res: ServerResponse) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const response = await handler(
      new Request(`http://localhost${req.url}`, {
        method: req.method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
        duplex: 'half',
      } as RequestInit),
    );
    for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
    const cookies = response.headers.getSetCookie();
    if (cookies.length) res.setHeader('set-cookie', cookies);
    res.writeHead(response.status);
    if (!response.body) return void res.end();
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
    res.on('close', () => body.destroy());
    body.pipe(res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

describe('the playground behind the token-holding proxy in front of Replicate’s API', () => {
  const TOKEN = 'r8_held_by_the_server';
  const playgroundRoot = fileURLToPath(new URL('../apps/playground/', import.meta.url));
  let upstream: ListeningServer;
  let proxy: Awaited<ReturnType<typeof serve>>;
  let site: Awaited<ReturnType<typeof preview>>;
  let origin: string;

  /**
   * The proxy is mounted at `/replicate/v1` on the page's own origin, as an app mounts its route,
   * so that its visitor cookie is first-party; the API behind it takes only the proxy's token.
   */
  beforeAll(async () => {
    upstream = await listen({ port: 0, timeScale: 0.25, tokens: [TOKEN], onWarning: () => {} });
    proxy = await serve(
      createProxyHandler({
        provider: replicate,
        upstream: `${upstream.url}/replicate/v1`,
        token: TOKEN,
        basePath: '/replicate/v1',
        allowModels: () => true,
      }),
    );
    // The playground's production build is made by the e2e global setup.
    site = await preview({
      root: playgroundRoot,
      configFile: `${playgroundRoot}vite.config.ts`,
      logLevel: 'warn',
      preview: {
        host: '127.0.0.1',
        port: 0,
        strictPort: false,
        proxy: { '/replicate/v1': { target: proxy.url, changeOrigin: false } },
      },
    });
    origin = `http://127.0.0.1:${(site.httpServer.address() as AddressInfo).port}`;
  });

  /** This site serves only Replicate's API: its visitors start there (as the Settings switch leaves them). */
  const startOnReplicate = (context: BrowserContext) =>
    context.addInitScript(() =>
      localStorage.setItem('predictkit-playground:settings', JSON.stringify({ service: 'replicate' })),
    );

  afterAll(async () => {
    await new Promise<void>((resolve) => site?.httpServer.close(() => resolve()));
    await proxy?.close();
    await upstream?.close();
  });

  it('runs a model, shows its images, and lists to each visitor only their own predictions', async () => {
    const p = page();
    await startOnReplicate(p.context());
    await p.goto(`${origin}/models/predictkit/image-generator`);
    await p.getByLabel('Prompt').fill('only mine, in violet');
    await p.getByRole('spinbutton', { name: 'Width', exact: true }).fill('128');
    await p.getByRole('spinbutton', { name: 'Height', exact: true }).fill('128');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await p.locator(badge('succeeded')).waitFor({ timeout: 30_000 });
    const image = p.locator(`${resultOutput} img`);
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(128);

    await p.goto(`${origin}/predictions`);
    const rows = p.locator('[data-slot="list-row"]');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(1);
    const href = (await rows.first().locator('a').getAttribute('href')) as string;

    // Another browser: the same pages, none of the first visitor's predictions.
    const other = await p.context().browser()!.newContext();
    try {
      await startOnReplicate(other);
      const q = await other.newPage();
      await q.goto(`${origin}/predictions`);
      await q.getByText('No predictions yet.').waitFor({ timeout: 20_000 });
      await q.goto(`${origin}${href}`);
      await q.getByRole('alert').filter({ hasText: 'Not found' }).waitFor({ timeout: 20_000 });
      expect(await q.locator('[data-slot="prediction-output"]').count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
