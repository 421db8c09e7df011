import type { Prediction } from '@predictkit/core';
import { describe, expect, it } from 'vitest';
import { screenshot, setupPlayground } from './browser.ts';
import { describedText, docsDir } from './pageChecks.ts';

const { page, url, api } = setupPlayground();

/** The live prediction's badge: on a model page the playground's result panel, else the details view. */
const badge = (status: string, scope = '[data-slot="playground-result"]') =>
  `${scope} [data-slot="status-badge"][data-status="${status}"]`;
const detailsBadge = (status: string) => badge(status, '[data-slot="prediction-details"]');

async function createViaApi(model: string, input: Record<string, unknown>): Promise<Prediction> {
  const response = await fetch(api('/predictions'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, input }),
  });
  return (await response.json()) as Prediction;
}

describe('the playground', () => {
  it('lists the models, and searches and filters them', async () => {
    const p = page();
    await p.goto(url('/'));
    const cards = p.getByRole('list', { name: 'Models' }).getByRole('listitem');
    await expect.poll(() => cards.count()).toBe(8);
    await screenshot(p, 'gallery');
    await p.getByRole('searchbox', { name: 'Search models' }).fill('image');
    await expect.poll(() => cards.count()).toBe(2);
    await p.getByRole('searchbox', { name: 'Search models' }).fill('');
    await p.getByRole('button', { name: 'Audio' }).click();
    await expect.poll(() => cards.count()).toBe(1);
    await expect.poll(() => cards.first().textContent()).toContain('tone-synth');
  });

  it('runs text-generator and streams the text in', async () => {
    const p = page();
    await p.goto(url('/models/predictkit/text-generator'));
    await p.getByLabel('Prompt').fill('Alice was beginning to get very tired');
    await p.getByRole('spinbutton', { name: 'Max tokens', exact: true }).fill('120');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await p.locator(badge('started')).waitFor();
    const output = p.locator('[data-slot="playground-result"] [data-slot="prediction-output"]');
    const lengths: number[] = [];
    for (let i = 0; i < 6; i++) {
      lengths.push((await output.textContent())?.length ?? 0);
      await p.waitForTimeout(150);
    }
    await p.locator(badge('succeeded')).waitFor({ timeout: 30_000 });
    const final = (await output.textContent())?.length ?? 0;
    // the text arrived in pieces while it ran, not all at once at the end
    expect(new Set(lengths.filter((n) => n > 0 && n < final)).size).toBeGreaterThan(1);
    await screenshot(p, 'model-text-generator');
  });

  it('runs image-generator and shows the images', async () => {
    const p = page();
    await p.goto(url('/models/predictkit/image-generator'));
    await p.getByLabel('Prompt').fill('a lighthouse at dusk');
    await p.getByRole('spinbutton', { name: 'Width', exact: true }).fill('256');
    await p.getByRole('spinbutton', { name: 'Height', exact: true }).fill('256');
    await p.getByRole('spinbutton', { name: 'Number of outputs', exact: true }).fill('2');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await p.locator(badge('succeeded')).waitFor({ timeout: 30_000 });
    const images = p.locator('[data-slot="playground-result"] [data-slot="prediction-output"] img');
    await expect.poll(() => images.count()).toBe(2);
    await expect
      .poll(() =>
        images.evaluateAll((all) => all.every((img) => (img as HTMLImageElement).naturalWidth === 256)),
      )
      .toBe(true);
    await screenshot(p, 'model-image-generator');
    // the README's first picture
    await p.evaluate(() => window.scrollTo(0, 0));
    await p.screenshot({ path: `${docsDir}playground.png` });
  });

  it('shows an invalid value on its field and keeps the input', async () => {
    const p = page();
    await p.goto(url('/models/predictkit/image-generator'));
    await p.getByLabel('Prompt').fill('keep me');
    const width = p.getByRole('spinbutton', { name: 'Width', exact: true });
    await width.fill('10');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => width.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(width)).toMatch(/64/);
    expect(await p.getByLabel('Prompt').inputValue()).toBe('keep me');
    expect(await width.inputValue()).toBe('10');
    expect(await p.locator(badge('started')).count()).toBe(0);
  });

  it('says a number it cannot read ("1e") on its field rather than sending it as blank', async () => {
    const p = page();
    await p.goto(url('/models/predictkit/image-generator'));
    await p.getByLabel('Prompt').fill('a fox');
    const width = p.getByRole('spinbutton', { name: 'Width', exact: true });
    await width.fill('');
    await width.pressSequentially('1e');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => width.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(width)).toContain('Enter a number');
    expect(await p.locator(badge('started')).count()).toBe(0);
  });

  it('cancels slow-task and shows Canceled', async () => {
    const p = page();
    await p.goto(url('/models/predictkit/slow-task'));
    await p.getByRole('spinbutton', { name: 'Duration (s)', exact: true }).fill('120');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await p.locator(badge('started')).waitFor({ timeout: 20_000 });
    await p.getByRole('button', { name: 'Cancel', exact: true }).click();
    await p.locator(badge('canceled')).waitFor({ timeout: 10_000 });
  });

  it('shows the error view when unreliable fails', async () => {
    const p = page();
    await p.goto(url('/models/predictkit/unreliable'));
    await p.getByRole('spinbutton', { name: 'Failure rate', exact: true }).fill('1');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await p.locator(badge('failed')).waitFor({ timeout: 20_000 });
    const error = p.locator('[data-slot="playground-result"] [data-slot="prediction-error"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/internal|fail/i);
  });

  it('loads a second page of the history', async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => createViaApi('predictkit/echo', { text: `history ${i}` })),
    );
    const p = page();
    await p.goto(url('/predictions'));
    const firstRow = p.locator('[data-slot="list-row"]').first();
    await firstRow.waitFor();
    // rows are windowed, so the list's size is on each row, not in the number of rows rendered
    const loaded = async () => Number(await firstRow.getAttribute('aria-setsize'));
    expect(await loaded()).toBe(25);
    await p.getByRole('button', { name: 'Load more', exact: true }).click();
    await expect.poll(loaded).toBeGreaterThan(25);
    await screenshot(p, 'history');
  });

  it('reloads a running prediction’s page and sees it finish', async () => {
    // 15 s at the e2e server's pace: still running after the page has opened and reloaded on a busy machine
    const running = await createViaApi('predictkit/slow-task', { duration_s: 60, steps: 12 });
    const p = page();
    await p.goto(url(`/predictions/${running.id}`));
    await p.locator(detailsBadge('started')).waitFor({ timeout: 20_000 });
    await p.reload();
    await p.locator(detailsBadge('started')).waitFor();
    await screenshot(p, 'prediction');
    await p.locator(detailsBadge('succeeded')).waitFor({ timeout: 30_000 });
  });

  it('reloads a model page mid-run and still shows the run, with its Cancel', async () => {
    const p = page();
    await p.goto(url('/models/predictkit/slow-task'));
    const runs = p.getByText(/^[\d,]+ runs?$/);
    const count = async () => Number((await runs.textContent())?.replace(/\D/g, ''));
    const before = await count();
    await p.getByRole('spinbutton', { name: 'Duration (s)', exact: true }).fill('600');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await p.locator(badge('started')).waitFor({ timeout: 20_000 });
    // the model's count of runs takes this one in
    await expect.poll(count).toBe(before + 1);
    await p.reload();
    await p.locator(badge('started')).waitFor({ timeout: 20_000 });
    await p.locator('[data-slot="playground-result"]').getByRole('button', { name: 'Cancel' }).click();
    await p.locator(badge('canceled')).waitFor({ timeout: 10_000 });
  });

  it('cancels from a prediction’s page by keyboard, the focus going on to Tweak', async () => {
    const running = await createViaApi('predictkit/slow-task', { duration_s: 600, steps: 10 });
    const p = page();
    await p.goto(url(`/predictions/${running.id}`));
    await p.locator(detailsBadge('started')).waitFor({ timeout: 20_000 });
    await p.getByRole('button', { name: 'Cancel', exact: true }).focus();
    await p.keyboard.press('Enter');
    await p.locator(detailsBadge('canceled')).waitFor({ timeout: 10_000 });
    await expect
      .poll(() => p.evaluate(() => document.activeElement?.getAttribute('data-action')))
      .toBe('tweak');
  });

  it('does one whole run by keyboard only', async () => {
    const p = page();
    await p.goto(url('/'));
    // tab from the top of the page to the sentiment model's card
    for (let i = 0; i < 40; i++) {
      await p.keyboard.press('Tab');
      const text = await p.evaluate(() => document.activeElement?.textContent ?? '');
      if (text.includes('sentiment')) break;
    }
    await p.keyboard.press('Enter');
    await p.waitForURL(/\/models\/predictkit\/sentiment$/);
    for (let i = 0; i < 40; i++) {
      await p.keyboard.press('Tab');
      const label = await p.evaluate(() => (document.activeElement as HTMLElement | null)?.id ?? '');
      const isText = await p.evaluate(
        (id) => (id ? document.querySelector(`label[for="${id}"]`)?.textContent : '') ?? '',
        label,
      );
      if (/^Text/.test(isText.trim())) break;
    }
    await p.keyboard.type('What a wonderful, delightful day');
    await p.keyboard.press('Control+Enter');
    await p.locator(badge('succeeded')).waitFor({ timeout: 20_000 });
    expect(
      await p.locator('[data-slot="playground-result"] [data-slot="prediction-output"]').textContent(),
    ).toMatch(/positive/);
  });

  it('switches to dark mode', async () => {
    const p = page();
    await p.goto(url('/settings'));
    await p.getByRole('radio', { name: 'Dark' }).check();
    expect(await p.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const background = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
    expect((r ?? 255) + (g ?? 255) + (b ?? 255)).toBeLessThan(120);
    await p.goto(url('/models/predictkit/sentiment'));
    await screenshot(p, 'model-dark');
    expect(await p.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });
});
