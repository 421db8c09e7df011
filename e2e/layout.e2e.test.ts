import type { Prediction } from '@predictkit/core';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupPlayground } from './browser.ts';
import { axeViolations, docsDir, sidewaysScroll, widerThanWindow } from './pageChecks.ts';

const { page, url, api } = setupPlayground();

async function createViaApi(model: string, input: Record<string, unknown>, wait = true): Promise<Prediction> {
  const response = await fetch(api('/predictions'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(wait && { prefer: 'wait=30' }) },
    body: JSON.stringify({ model, input }),
  });
  return (await response.json()) as Prediction;
}

let finished: Prediction;
let canceled: Prediction;
beforeAll(async () => {
  // a finished prediction with an image and a random seed, and a canceled one, to show on their pages
  finished = await createViaApi('predictkit/image-generator', {
    prompt: 'a violet aurora',
    width: 128,
    height: 128,
  });
  const running = await createViaApi('predictkit/slow-task', { duration_s: 60, steps: 10 }, false);
  const answer = await fetch(api(`/predictions/${running.id}/cancel`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: 'null',
  });
  canceled = (await answer.json()) as Prediction;
  expect(answer.ok).toBe(true);
});

/** Every page a visitor can reach, each with what shows that it has loaded. */
const pages = () => [
  { path: '/', ready: '.model-grid' },
  { path: '/models/predictkit/text-generator', ready: '[data-slot="schema-form"]' },
  { path: '/models/predictkit/image-generator', ready: '[data-slot="schema-form"]' },
  { path: '/predictions', ready: '[data-slot="list-row"]' },
  { path: `/predictions/${finished.id}`, ready: '[data-slot="prediction-details"]' },
  { path: `/predictions/${canceled.id}`, ready: '[data-slot="prediction-details"]' },
  { path: '/settings', ready: 'main h1' },
  { path: '/evaluations', ready: 'main h1' },
  { path: '/no/such/page', ready: 'main h1' },
];

async function openIn(context: BrowserContext, path: string, ready: string): Promise<Page> {
  const p = await context.newPage();
  await p.goto(url(path));
  await p.locator(ready).first().waitFor({ timeout: 20_000 });
  await p.locator('main h1').first().waitFor();
  // images and late layout (thumbnails, fonts) in place before measuring
  await p.waitForTimeout(400);
  return p;
}

/** Opens `path` at phone width in a browser context of its own, closed after `use`. */
async function atPhoneWidth(path: string, ready: string, use: (p: Page) => Promise<void>): Promise<void> {
  const browser = page().context().browser();
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  try {
    await use(await openIn(context, path, ready));
  } finally {
    await context.close();
  }
}

describe.each([
  { width: 375, height: 812, theme: 'light' as const },
  { width: 375, height: 812, theme: 'dark' as const },
  { width: 1280, height: 860, theme: 'light' as const },
  { width: 1280, height: 860, theme: 'dark' as const },
])('every page at $width px, $theme', ({ width, height, theme }) => {
  it('fits the window and has no accessibility violation', async () => {
    const browser = page().context().browser();
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme });
    const errors: string[] = [];
    try {
      const problems: string[] = [];
      for (const { path, ready } of pages()) {
        const p = await openIn(context, path, ready);
        p.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
        const scroll = await sidewaysScroll(p);
        if (scroll > 0)
          problems.push(`${path} scrolls ${scroll} px sideways: ${(await widerThanWindow(p)).join(', ')}`);
        for (const violation of await axeViolations(p)) problems.push(`${path}: ${violation}`);
        if (width === 375 && theme === 'light' && path === '/models/predictkit/image-generator') {
          await p.screenshot({ path: `${docsDir}playground-phone.png` });
        }
        if (width === 1280 && theme === 'dark' && path === '/') {
          await p.locator('.model-card-thumb img').first().waitFor();
          await p.screenshot({ path: `${docsDir}playground-gallery.png` });
        }
        await p.close();
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('details a page check does not see', () => {
  it('keeps a primary button readable on hover, and draws the form’s select arrow', async () => {
    const p = page();
    await p.goto(url('/settings'));
    const save = p.getByRole('button', { name: 'Save', exact: true });
    await save.hover();
    const [color, background] = await save.evaluate((el) => {
      const style = getComputedStyle(el);
      return [style.color, style.backgroundColor];
    });
    expect(color).not.toBe(background);
    await p.goto(url('/models/predictkit/image-generator'));
    const select = p.locator('[data-slot="schema-form"] select').first();
    await select.waitFor();
    expect(await select.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain('url(');
  });

  it('at phone width, keeps the main navigation on one row, no word broken', async () => {
    await atPhoneWidth('/', '.model-grid', async (p) => {
      const links = await p
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link')
        .evaluateAll((els) =>
          els.map((el) => ({ top: el.getBoundingClientRect().top, height: el.clientHeight })),
        );
      expect(links).toHaveLength(4);
      // One row: every link at the first one's height, each one line tall.
      expect(new Set(links.map((l) => Math.round(l.top))).size).toBe(1);
      expect(new Set(links.map((l) => l.height)).size).toBe(1);
    });
  });

  it('at phone width, hides no focused field under the header', async () => {
    await atPhoneWidth('/models/predictkit/image-generator', '[data-slot="schema-form"]', async (p) => {
      // Tab backwards from the end of the form, as a keyboard user does: each focused control is on top.
      await p.getByRole('button', { name: 'Run', exact: true }).focus();
      const hidden: string[] = [];
      for (let i = 0; i < 12; i++) {
        await p.keyboard.press('Shift+Tab');
        const covered = await p.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const box = el.getBoundingClientRect();
          const top = document.elementFromPoint(box.left + box.width / 2, Math.max(0, box.top + 2));
          return top && (el === top || el.contains(top) || top.contains(el))
            ? null
            : el.outerHTML.slice(0, 80);
        });
        if (covered) hidden.push(covered);
      }
      expect(hidden).toEqual([]);
    });
  });
});
