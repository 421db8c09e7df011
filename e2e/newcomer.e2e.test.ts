import type { Prediction } from '@predictkit/core';
import { describe, expect, it } from 'vitest';
import { setupPlayground } from './browser.ts';
import { docsDir } from './pageChecks.ts';

const { page, url, api, expectConsoleErrors } = setupPlayground();

const result = '[data-slot="playground-result"]';
const badge = (status: string) => `${result} [data-slot="status-badge"][data-status="${status}"]`;

async function createAndWait(model: string, input: Record<string, unknown>): Promise<Prediction> {
  const response = await fetch(api('/predictions'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', prefer: 'wait=30' },
    body: JSON.stringify({ model, input }),
  });
  return (await response.json()) as Prediction;
}

/** Waits as long as a page under load may take (two cores, a build beside it), not the default second. */
const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 10_000, ...options });

const inputOf = (address: string) => JSON.parse(new URL(address).searchParams.get('input') ?? '{}');

describe('a newcomer’s first runs', () => {
  it('starts from an example that runs as it is, and another example is one press away', async () => {
    const p = page();
    await p.goto(url('/models/predictkit/sentiment'));
    const text = p.getByLabel('Text', { exact: false }).first();
    // the first example fills the form, so the first Run runs
    await poll(() => text.inputValue()).toBe('What a wonderful, delightful day');
    await p.getByRole('button', { name: /^Disappointed/ }).click();
    await poll(() => text.inputValue()).toBe('The service was slow and the food was cold.');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await p.locator(badge('succeeded')).waitFor({ timeout: 20_000 });
    expect(await p.locator(`${result} [data-slot="prediction-output"]`).textContent()).toMatch(/negative/);
    // the tab says how the run went
    await poll(() => p.title()).toMatch(/^✓ Succeeded · predictkit\/sentiment · PredictKit Playground$/);
    await p.getByRole('heading', { name: 'Examples' }).scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${docsDir}playground-examples.png` });
  });

  it('shows the code of a run in its tab, scrolling in its block on a phone rather than the page', async () => {
    const phone = await page()
      .context()
      .browser()!
      .newContext({ viewport: { width: 375, height: 812 } });
    try {
      const p = await phone.newPage();
      await p.goto(url('/models/predictkit/sentiment'));
      await poll(() => p.getByLabel('Text', { exact: false }).first().inputValue()).not.toBe('');
      await p.getByRole('button', { name: 'Run', exact: true }).click();
      await p.locator(badge('succeeded')).waitFor({ timeout: 20_000 });
      await p.getByRole('tab', { name: 'Code' }).click();
      const code = p.locator(`${result} [data-slot="prediction-code"] pre`).first();
      await code.waitFor();
      // the line with the URL is longer than a phone is wide
      expect(await code.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      expect(
        await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      ).toBe(0);
    } finally {
      await phone.close();
    }
  });

  it('keeps the input in the address, through a reload and a visit elsewhere', async () => {
    const p = page();
    await p.goto(url('/models/predictkit/text-generator'));
    const prompt = p.getByLabel('Prompt');
    await prompt.fill('The lighthouse keeper wrote');
    await poll(() => inputOf(p.url()).prompt).toBe('The lighthouse keeper wrote');
    await p.reload();
    await poll(() => p.getByLabel('Prompt').inputValue()).toBe('The lighthouse keeper wrote');
    // away by the navigation, and back by a model card: the draft of this tab comes back
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Predictions' }).click();
    await p.getByRole('heading', { name: 'Predictions', level: 1 }).waitFor();
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
    await p.getByRole('link', { name: /text-generator/ }).click();
    await poll(() => p.getByLabel('Prompt').inputValue()).toBe('The lighthouse keeper wrote');
    // and a link with the input opens with it, in a fresh tab
    const shared = await p.context().newPage();
    await shared.goto(
      url(
        `/models/predictkit/text-generator?input=${encodeURIComponent('{"prompt":"Shared","max_tokens":42}')}`,
      ),
    );
    await poll(() => shared.getByLabel('Prompt').inputValue()).toBe('Shared');
    expect(await shared.getByRole('spinbutton', { name: 'Max tokens', exact: true }).inputValue()).toBe('42');
  });

  it('tweaks a prediction: its model’s form with its input and the seed the logs name', async () => {
    // The seed left out, as the form leaves a blank one out: the model picks one and logs it.
    const done = await createAndWait('predictkit/image-generator', {
      prompt: 'a pastel harbour',
      width: 128,
      height: 128,
    });
    expect(done.status).toBe('succeeded');
    const p = page();
    await p.goto(url(`/predictions/${done.id}`));
    const heading = p.getByRole('heading', { level: 1 });
    await poll(() => heading.textContent()).toMatch(/predictkit\/image-generator/);
    const seed = /Using seed: (\d+)/.exec((done.logs ?? []).join('\n'))?.[1];
    expect(seed).toBeDefined();
    const inputs = p.locator('[data-slot="details-input"]');
    expect(await inputs.textContent()).toContain(`${seed} (picked at random; from the logs)`);
    expect(await inputs.textContent()).not.toMatch(/null/);
    // the focus ring of the output image is drawn inside its frame, which would clip one outside
    const enlarge = p.locator('[data-slot="output-enlarge"]').first();
    await enlarge.focus();
    expect(
      await enlarge.evaluate((el) => Number.parseFloat(getComputedStyle(el).outlineOffset)),
    ).toBeLessThan(0);
    // the code for this input is on the page, in tabs
    await p.getByRole('heading', { name: 'Run it from code' }).waitFor();
    // the tabs come with the code viewer, loaded on its own after the heading
    await p.getByRole('tab', { name: 'cURL' }).waitFor();
    expect(await p.getByRole('tab').allTextContents()).toEqual(expect.arrayContaining(['cURL']));
    // with the seed the logs name, so that it makes the same prediction
    expect(await p.locator('[data-slot="prediction-code"] pre').first().textContent()).toContain(`${seed}`);
    await p.screenshot({ path: `${docsDir}playground-prediction.png`, fullPage: true });
    await p.getByRole('link', { name: /^Tweak/ }).click();
    await p.waitForURL(/\/models\/predictkit\/image-generator\?/);
    await poll(() => p.getByLabel('Prompt').inputValue()).toBe('a pastel harbour');
    expect(await p.getByRole('spinbutton', { name: 'Width', exact: true }).inputValue()).toBe('128');
    expect(await p.getByRole('spinbutton', { name: /^Seed/ }).inputValue()).toBe(seed);
    expect(inputOf(p.url())).toMatchObject({ prompt: 'a pastel harbour', seed: Number(seed) });
  });

  it('tweaks a prediction whose input holds a file, which the address leaves out, file and all', async () => {
    // A 2×2 PNG, sent inline: too long for an address that must stay shareable.
    const image =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFElEQVR4nGP4z8DAAMIM/////w8AH+4F+7C4l8kAAAAASUVORK5CYII=';
    const done = await createAndWait('predictkit/image-filter', { image, filter: 'invert', strength: 0.5 });
    expect(done.status).toBe('succeeded');
    const p = page();
    await p.goto(url(`/predictions/${done.id}`));
    await p.getByRole('link', { name: /^Tweak/ }).click();
    await p.waitForURL(/\/models\/predictkit\/image-filter\?/);
    expect(inputOf(p.url())).toEqual({ filter: 'invert', strength: 0.5 });
    const preview = p.locator('[data-slot="file-field"] [data-slot="file-preview"] img');
    await poll(() => preview.getAttribute('src')).toBe(image);
    // Run as it is, it runs on the same file.
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await poll(() => p.locator(badge('succeeded')).count(), { timeout: 20_000 }).toBe(1);
    const again = await (
      await fetch(api(`/predictions/${new URL(p.url()).searchParams.get('prediction')}`))
    ).json();
    expect(again.input).toMatchObject({ image, filter: 'invert' });
  });

  it('moves the focus to the new page’s heading, announces it, and titles the tab', async () => {
    const p = page();
    await p.goto(url('/'));
    await p.getByRole('list', { name: 'Models' }).waitFor();
    expect(await p.title()).toBe('Models · PredictKit Playground');
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await poll(() => p.evaluate(() => document.activeElement?.textContent)).toBe('Settings');
    expect(await p.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await poll(() => p.getByTestId('route-announcer').textContent()).toBe('Settings · PredictKit Playground');
    expect(await p.title()).toBe('Settings · PredictKit Playground');
  });

  it('lists the history as one tab stop, filters it, and previews each row', async () => {
    await createAndWait('predictkit/echo', { text: 'filter me' });
    await createAndWait('predictkit/unreliable', { failure_rate: 1 });
    const p = page();
    await p.goto(url('/predictions'));
    const rows = p.locator('[data-slot="list-row"] > a');
    await rows.first().waitFor();
    const tabbable = await rows.evaluateAll(
      (links) => links.filter((a) => (a as HTMLElement).tabIndex === 0).length,
    );
    expect(tabbable).toBe(1);
    await p.locator('[data-slot="list-preview"]').first().waitFor();
    // an image output shows as a thumbnail in its row
    await p.locator('[data-slot="list-preview"] img.row-thumb').first().waitFor();
    await p.screenshot({ path: `${docsDir}playground-history.png` });
    await p.getByLabel('Status').selectOption('failed');
    await poll(() => new URL(p.url()).searchParams.get('status')).toBe('failed');
    await poll(() =>
      p.locator('[data-slot="list-row"]').evaluateAll((all) => all.map((r) => r.getAttribute('data-status'))),
    ).not.toContain('succeeded');
    await p.getByLabel('Status').selectOption('');
    await p.getByRole('searchbox', { name: 'Search by model or ID' }).fill('echo');
    await poll(() =>
      p.locator('[data-slot="list-row"] [data-slot="list-preview"]').first().textContent(),
    ).toMatch(/filter me|history/);
  });

  it('on a phone, brings the output into view after Run, and shows no shortcut hint', async () => {
    const browser = page().context().browser();
    if (!browser) throw new Error('no browser');
    const phone = await browser.newContext({ viewport: { width: 375, height: 700 }, hasTouch: true });
    try {
      const p = await phone.newPage();
      await p.goto(url('/models/predictkit/sentiment'));
      const run = p.getByRole('button', { name: 'Run', exact: true });
      await run.waitFor();
      expect(await p.locator('[data-slot="kbd"]').isVisible()).toBe(false);
      await run.click();
      await p.locator(badge('succeeded')).waitFor({ timeout: 20_000 });
      await poll(() =>
        p.locator(result).evaluate((el) => {
          const { top } = el.getBoundingClientRect();
          return top >= 0 && top < window.innerHeight;
        }),
      ).toBe(true);
    } finally {
      await phone.close();
    }
  });

  it('shows a canceled prediction calmly: no alarm, and its progress bar stopped', async () => {
    const response = await fetch(api('/predictions'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'predictkit/slow-task', input: { duration_s: 60, steps: 20 } }),
    });
    const running = (await response.json()) as Prediction;
    const p = page();
    await p.goto(url(`/predictions/${running.id}`));
    await p.locator('[data-slot="logs-progress"]').waitFor({ timeout: 20_000 });
    await fetch(api(`/predictions/${running.id}/cancel`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'null',
    });
    await p.locator('[data-slot="prediction-details"][data-status="canceled"]').waitFor({ timeout: 20_000 });
    expect(await p.getByRole('alert').count()).toBe(0);
    await poll(() => p.locator('[data-slot="logs-progress"]').getAttribute('data-state')).toBe('stopped');
    expect(await p.locator('[data-slot="logs-progress-text"]').textContent()).not.toMatch(/left/);
    await poll(() => p.title()).toMatch(/^Canceled · slow-task/);
  });

  it('says a missing prediction is not there, without offering to try again', async () => {
    expectConsoleErrors(/404/);
    const p = page();
    await p.goto(url('/predictions/00000000-0000-4000-8000-000000000000'));
    const alert = p.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Not found/);
    // plain words on show; the client's technical message is one click away, under Details
    expect(await alert.locator('[data-slot="error-message"]').textContent()).not.toMatch(/`|baseUrl/);
    expect(await alert.locator('details pre').textContent()).toMatch(/404/);
    expect(await p.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  });
});
