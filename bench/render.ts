/**
 * Rendering in Chromium, on a production build of the pages in render/ (Vite, `mode: 'production'`,
 * the workspace packages from source as everywhere else): PredictionList with many predictions,
 * SchemaForm against @rjsf/core on one schema, PredictionOutput taking streamed text. Each run is a
 * fresh page load.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { workspaceAliases } from '../aliases.ts';
import { chromiumLaunchOptions } from '../chromium.ts';
import type { FormApi, ListApi, OutputApi, Scenario, StreamOptions } from './render/api.ts';
import { textField } from './render/api.ts';

const renderDir = fileURLToPath(new URL('./render/', import.meta.url));
const outDir = fileURLToPath(new URL('./.cache/render/', import.meta.url));
/** Pages are served from this made-up origin by Playwright itself: no server, no port. */
const ORIGIN = 'http://bench.test';

/** Builds render/ for production into .cache/render. */
export async function buildRenderPages(): Promise<void> {
  await build({
    configFile: false,
    root: renderDir,
    base: './',
    mode: 'production',
    logLevel: 'warn',
    plugins: [react()],
    resolve: { alias: workspaceAliases },
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

export interface RenderBrowser {
  /** A fresh page with `scenario` loaded, its `window.bench` ready, and Chromium done opening it. */
  open(scenario: Scenario): Promise<Page>;
  close(): Promise<void>;
}

/** How long and how quiet Chromium must be before a page is measured, and the longest wait for it. */
const SETTLE = { windowMs: 250, cpuShare: 0.25, maxMs: 5000 };

/**
 * Resolves once Chromium's processes together used under a quarter of a core over 250 ms, or after
 * 5 s. For a second or so after a tab opens, Chromium keeps a renderer process other than the page's
 * busy at about a core, even for an empty page: on a two-core machine, a measure started then shows
 * that work in the page's frames. The page itself is idle while this waits (it only awaits a call).
 */
async function browserSettled(cdp: CDPSession): Promise<void> {
  const cpuSeconds = async () => {
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
    return processInfo.reduce((total, process) => total + process.cpuTime, 0);
  };
  const deadline = performance.now() + SETTLE.maxMs;
  let last = await cpuSeconds();
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE.windowMs));
    const now = await cpuSeconds();
    if ((now - last) * 1000 < SETTLE.windowMs * SETTLE.cpuShare) return;
    last = now;
  }
}

/** Chromium serving the built pages; call `buildRenderPages` first. */
export async function launchRenderBrowser(): Promise<RenderBrowser> {
  const browser: Browser = await chromium.launch(chromiumLaunchOptions);
  const cdp = await browser.newBrowserCDPSession();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = normalize(decodeURIComponent(new URL(route.request().url()).pathname)).replace(/^\/+/, '');
    try {
      const body = await readFile(join(outDir, path || 'index.html'));
      await route.fulfill({
        body,
        contentType: TYPES[extname(path || '.html')] ?? 'application/octet-stream',
      });
    } catch {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });
  return {
    async open(scenario) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${ORIGIN}/index.html?scenario=${scenario}`);
      await page
        .waitForFunction(() => window.bench !== undefined, null, { timeout: 30_000 })
        .catch(() => {
          throw new Error(`the ${scenario} page did not start: ${errors.join('; ') || 'no error reported'}`);
        });
      await browserSettled(cdp);
      return page;
    },
    async close() {
      await browser.close();
    },
  };
}

/** `work`, or an error saying `what` after `ms` (page.evaluate itself never gives up). */
async function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ListRun {
  mountMs: number;
  rowsInDom: number;
  /** Row components React rendered for one prediction's status change (counted on the fiber tree). */
  rowsRendered: number;
  /** Rows whose DOM changed (MutationObserver): the cross-check. */
  rowsMutated: number;
  /** ms from the change to the paint showing it. */
  updateMs: number;
}

/** One page load: mount a list of `rows`, then change the status of one visible prediction. */
export async function measureList(browser: RenderBrowser, rows: number): Promise<ListRun> {
  const page = await browser.open('list');
  try {
    const mounted = await page.evaluate((n) => (window.bench as ListApi).mount(n), rows);
    const changed = await page.evaluate(() => (window.bench as ListApi).changeStatus(2));
    return { ...mounted, ...changed };
  } finally {
    await page.close();
  }
}

export interface FormRun {
  mountMs: number;
  controls: number;
  /** ms from each keydown to the paint after it. */
  keystrokesMs: number[];
  /** ms from each keydown to the end of the form's render and commit (no wait for a frame). */
  handledMs: number[];
  /** Components React rendered for each of the keys typed after the timed ones (counted on the fiber tree). */
  rendersPerKey: number[];
}

/** Keys typed after the timed ones to count the components each renders. */
const COUNTED_KEYS = 5;

/**
 * One page load: mount the form on a `fields`-field schema, then type `keys` timed keys into a text
 * field, and then a few more whose renders are counted (counting walks the fiber tree in each commit,
 * which would add its own time to the keys timed).
 */
export async function measureForm(
  browser: RenderBrowser,
  form: 'schema-form' | 'rjsf',
  fields: number,
  keys: number,
): Promise<FormRun> {
  const page = await browser.open(form);
  try {
    const { mountMs, controls } = await page.evaluate((n) => (window.bench as FormApi).mount(n), fields);
    await page.focus(`input[id$="${textField(fields)}"]`);
    const keystrokesMs: number[] = [];
    const handledMs: number[] = [];
    const rendersPerKey: number[] = [];
    const all = keys + COUNTED_KEYS;
    const typed = 'predictkit'.repeat(Math.ceil(all / 10)).slice(0, all);
    for (const [n, key] of [...typed].entries()) {
      if (n === keys) await page.evaluate(() => (window.bench as FormApi).countRenders());
      // Let the page go idle, so each key is timed alone rather than queued behind the work before it:
      // the last key's, or for the first, the focus (its style and paint would count as the key's).
      await page.waitForTimeout(50);
      await page.keyboard.press(key);
      const stroke = await within(
        5000,
        page.evaluate((i) => (window.bench as FormApi).keystroke(i), n),
        `${form}: key ${n} was not seen`,
      );
      if (n < keys) {
        keystrokesMs.push(stroke.paintMs);
        handledMs.push(stroke.handledMs);
      } else {
        if (stroke.renders === null) throw new Error(`${form}: key ${n} was not counted`);
        rendersPerKey.push(stroke.renders);
      }
    }
    const value = await page.evaluate(() => (window.bench as FormApi).textValue());
    if (value !== typed) throw new Error(`${form}: typed "${typed}" but the field holds "${value}"`);
    return { mountMs, controls, keystrokesMs, handledMs, rendersPerKey };
  } finally {
    await page.close();
  }
}

export type OutputRun = Awaited<ReturnType<OutputApi['stream']>>;

/** One page load: stream text into a PredictionOutput. */
export async function measureOutput(browser: RenderBrowser, options: StreamOptions): Promise<OutputRun> {
  const page = await browser.open('output');
  try {
    const run = await page.evaluate((o) => (window.bench as OutputApi).stream(o), options);
    if (run.shownChars < options.bytes * 0.9) {
      throw new Error(`output: streamed ${options.bytes} characters but ${run.shownChars} are shown`);
    }
    return run;
  } finally {
    await page.close();
  }
}

export interface RenderOptions {
  listRows: number;
  formFields: number;
  /** Keys typed per form run. */
  keys: number;
  stream: Omit<StreamOptions, 'markdown'>;
  /**
   * A longer stream, measured alike. Default: ten times `stream`'s characters in chunks of the same
   * size, at twice its rate, so that it lasts five times as long.
   */
  largeStream?: Omit<StreamOptions, 'markdown'>;
  /** Page loads per list and form measure. */
  runs: number;
  /** Page loads per streaming measure (each lasts bytes / chunkBytes / chunksPerSecond seconds). */
  streamRuns: number;
  /** Page loads per measure of the longer stream. Default: `streamRuns`, at most 3. */
  largeStreamRuns?: number;
  onStep?: (step: string) => void;
}

export interface RenderResults {
  options: Omit<RenderOptions, 'onStep'> & Required<Pick<RenderOptions, 'largeStream' | 'largeStreamRuns'>>;
  list: ListRun[];
  schemaForm: FormRun[];
  rjsf: FormRun[];
  outputText: OutputRun[];
  outputMarkdown: OutputRun[];
  outputTextLarge: OutputRun[];
  outputMarkdownLarge: OutputRun[];
}

/** Builds the pages, then every render measure, in one Chromium. */
export async function measureRendering({ onStep, ...given }: RenderOptions): Promise<RenderResults> {
  const options = {
    ...given,
    largeStream: given.largeStream ?? {
      bytes: given.stream.bytes * 10,
      chunkBytes: given.stream.chunkBytes,
      chunksPerSecond: given.stream.chunksPerSecond * 2,
    },
    largeStreamRuns: given.largeStreamRuns ?? Math.min(given.streamRuns, 3),
  };
  const { listRows, formFields, keys, stream, runs, streamRuns, largeStream, largeStreamRuns } = options;
  onStep?.('building the pages (vite, production)');
  await buildRenderPages();
  const browser = await launchRenderBrowser();
  const results: RenderResults = {
    options,
    list: [],
    schemaForm: [],
    rjsf: [],
    outputText: [],
    outputMarkdown: [],
    outputTextLarge: [],
    outputMarkdownLarge: [],
  };
  try {
    onStep?.(`PredictionList, ${listRows} predictions`);
    for (let run = 0; run < runs; run++) results.list.push(await measureList(browser, listRows));
    onStep?.(`SchemaForm and @rjsf/core, ${formFields} fields`);
    // Alternated, so a slower moment of a shared machine does not land on one side only.
    for (let run = 0; run < runs; run++) {
      results.schemaForm.push(await measureForm(browser, 'schema-form', formFields, keys));
      results.rjsf.push(await measureForm(browser, 'rjsf', formFields, keys));
    }
    onStep?.(`PredictionOutput, ${stream.bytes} characters streamed`);
    for (let run = 0; run < streamRuns; run++) {
      results.outputText.push(await measureOutput(browser, { ...stream, markdown: false }));
      results.outputMarkdown.push(await measureOutput(browser, { ...stream, markdown: true }));
    }
    onStep?.(`PredictionOutput, ${largeStream.bytes} characters streamed`);
    for (let run = 0; run < largeStreamRuns; run++) {
      results.outputTextLarge.push(await measureOutput(browser, { ...largeStream, markdown: false }));
      results.outputMarkdownLarge.push(await measureOutput(browser, { ...largeStream, markdown: true }));
    }
  } finally {
    await browser.close();
  }
  return results;
}
