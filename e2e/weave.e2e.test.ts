import { describe, expect, inject, it } from 'vitest';
import { setupPlayground } from './browser.ts';

const { page, url } = setupPlayground();

/** One of the local Weave surface's JSONL lists, as W&B's API answers it. */
async function weaveList(path: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${inject('apiUrl')}/weave/v2/predictkit/playground/${path}`);
  expect(res.ok).toBe(true);
  return (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('the playground with Weave logging on', () => {
  it('records a prediction and the feedback given on it in the local Weave surface', async () => {
    const p = page();
    await p.goto(url('/settings'));
    await p.getByLabel('Log predictions and feedback to Weave').check();
    await expect.poll(() => p.getByRole('status').filter({ hasText: 'Logging to Weave.' }).count()).toBe(1);

    await p.goto(url('/models/predictkit/echo'));
    await p.getByLabel('Text').fill('logged to weave');
    await p.getByRole('button', { name: 'Run', exact: true }).click();
    await p
      .locator('[data-slot="playground-result"] [data-slot="status-badge"][data-status="succeeded"]')
      .waitFor({ timeout: 20_000 });
    // feedback right under the result
    const under = p
      .locator('[data-slot="playground-result"]')
      .getByRole('group', { name: 'Was this useful?' });
    await under.getByRole('button', { name: 'Thumbs down' }).click();
    await under.getByText('Feedback recorded').waitFor();
    // the prediction went through the playground's server: its list is this visitor's
    const { items } = (await p.evaluate(() => fetch('/app/wriftai/predictions').then((r) => r.json()))) as {
      items: { id: string }[];
    };
    const id = items[0]!.id;

    await p.goto(url(`/predictions/${id}`));
    const feedback = p.getByRole('group', { name: 'Was this useful?' });
    await feedback.getByRole('button', { name: 'Thumbs up' }).click();
    await feedback.getByText('Feedback recorded').waitFor();
    await feedback.getByRole('radio', { name: '4' }).check();
    await expect.poll(() => feedback.getByRole('status').textContent()).toBe('Feedback recorded');

    const logged = (await weaveList('predictions')).filter(
      (w) => (w.inputs as Record<string, unknown>)._predictkit_id === id,
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]!.inputs).toMatchObject({ text: 'logged to weave' });
    await expect.poll(async () => (await weaveList('scores')).map((s) => s.value)).toEqual([0, 1, 4]);
  });

  it('runs an evaluation with a progress bar and compares it with the runs before it', async () => {
    const p = page();
    await p.goto(url('/evaluations'));
    await p.getByRole('heading', { name: 'Evaluations', level: 1 }).waitFor();
    for (const dataset of ['reviews', 'hard']) {
      await p.getByLabel('Dataset').selectOption(dataset);
      // From the keyboard, as a keyboard user runs it: the focus stays on the button through the run.
      await p.getByRole('button', { name: 'Run evaluation' }).focus();
      await p.keyboard.press('Enter');
      await p.getByRole('status').filter({ hasText: 'Finished' }).waitFor({ timeout: 30_000 });
      expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Run evaluation');
      const bar = p.getByRole('progressbar', { name: 'Rows scored' });
      expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
    }
    const table = p.locator('[data-slot="evaluation-summary"] table, table').first();
    await expect
      .poll(() => table.textContent())
      .toMatch(/everyday-reviews[\s\S]*hard-cases|hard-cases[\s\S]*everyday-reviews/);
    await expect.poll(() => table.textContent()).toMatch(/exact_match/);
  });
});
