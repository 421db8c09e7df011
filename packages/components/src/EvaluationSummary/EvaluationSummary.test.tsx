import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EvaluationSummary, type EvaluationSummaryRun } from './EvaluationSummary';
import { readEvaluationSummary } from './readEvaluationSummary';

afterEach(cleanup);

const runs: EvaluationSummaryRun[] = [
  {
    id: 'r1',
    label: 'gpt-small',
    summary: {
      exact_match: { true_count: 2, true_fraction: 0.5 },
      relevance: { mean: 0.75 },
      model_latency: { mean: 1.2 },
    },
  },
  {
    id: 'r2',
    label: 'gpt-large',
    summary: {
      exact_match: { true_count: 3, true_fraction: 0.75 },
      relevance: { mean: 0.8333333 },
      model_latency: { mean: 2.5 },
    },
  },
  {
    id: 'r3',
    label: 'no-latency',
    summary: { exact_match: { true_count: 1, true_fraction: 0.25 }, relevance: 0.6 },
  },
];

/** The text of the cell of `scorer` under the run `label`, found through the table's headers. */
function cell(scorer: string, label: string) {
  const table = screen.getByRole('table');
  const col = within(table)
    .getAllByRole('columnheader')
    .findIndex((h) => h.textContent?.startsWith(label));
  const row = within(table).getByRole('rowheader', { name: scorer }).closest('tr') as HTMLElement;
  return row.children[col] as HTMLElement;
}

describe('readEvaluationSummary', () => {
  it('reads means, plain numbers, boolean counts and the fields of object scorers; skips the rest', () => {
    const m = readEvaluationSummary({
      a: { mean: 0.5 },
      b: 3,
      c: { true_count: 3, true_fraction: 0.75 },
      d: { true_count: 0, true_fraction: 0 },
      judge: { correct: { true_count: 1, true_fraction: 1 }, score: { mean: 4 } },
      e: 'text',
      f: null,
      g: { mean: Number.NaN },
    });
    expect(Object.fromEntries(m)).toEqual({
      a: { kind: 'mean', mean: 0.5 },
      b: { kind: 'mean', mean: 3 },
      c: { kind: 'fraction', count: 3, fraction: 0.75, total: 4 },
      d: { kind: 'fraction', count: 0, fraction: 0 },
      'judge.correct': { kind: 'fraction', count: 1, fraction: 1, total: 1 },
      'judge.score': { kind: 'mean', mean: 4 },
    });
    expect(readEvaluationSummary(null).size).toBe(0);
  });
});

describe('EvaluationSummary', () => {
  it('is a captioned table with column and row headers in a focusable scrolling region', () => {
    const { container } = render(<EvaluationSummary runs={runs} className="mine" />);
    expect(container.firstChild).toHaveAttribute('data-slot', 'evaluation-summary');
    expect(container.firstChild).toHaveClass('pk', 'mine');
    const region = screen.getByRole('region', { name: /Evaluation summary/ });
    expect(region).toHaveAttribute('tabindex', '0');
    const table = within(region).getByRole('table', {
      name: 'Evaluation summary, differences from gpt-small',
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.getAttribute('scope')),
    ).toEqual(['col', 'col', 'col', 'col']);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['exact_match', 'relevance', 'model_latency']);
    // A narrow column wraps a name after its `_`, not mid-word.
    expect(screen.getByRole('rowheader', { name: 'model_latency' }).innerHTML).toBe('model_<wbr>latency');
    for (const bar of container.querySelectorAll('[data-slot=summary-bar]')) {
      expect(bar).toHaveAttribute('aria-hidden', 'true');
    }
  });

  it('shows means and booleans as count / total (fraction), with differences from the first run', () => {
    render(<EvaluationSummary runs={runs} />);
    expect(screen.getByRole('columnheader', { name: 'gpt-small (baseline)' })).toBeInTheDocument();
    expect(cell('exact_match', 'gpt-small')).toHaveTextContent(/^2 \/ 4 \(50%\)$/);
    expect(cell('exact_match', 'gpt-large')).toHaveTextContent('3 / 4 (75%)+25 pp from baseline');
    expect(cell('relevance', 'gpt-small')).toHaveTextContent(/^0\.75$/);
    expect(cell('relevance', 'gpt-large')).toHaveTextContent('0.833+0.0833 from baseline');
    expect(cell('relevance', 'no-latency')).toHaveTextContent('0.6-0.15 from baseline');
  });

  it('colors a difference by whether it is better, lower being better for latency', () => {
    render(<EvaluationSummary runs={runs} />);
    const diff = (scorer: string, label: string) =>
      cell(scorer, label).querySelector('[data-slot=summary-diff]');
    expect(diff('relevance', 'gpt-large')).toHaveAttribute('data-change', 'better');
    expect(diff('relevance', 'no-latency')).toHaveAttribute('data-change', 'worse');
    expect(diff('model_latency', 'gpt-large')).toHaveAttribute('data-change', 'worse');
    expect(diff('model_latency', 'gpt-large')).toHaveTextContent('+1.3');
  });

  it('shows a dash for a missing scorer, never NaN, and no difference against it', () => {
    render(<EvaluationSummary runs={runs} />);
    const missing = cell('model_latency', 'no-latency');
    expect(missing).toHaveAttribute('data-kind', 'missing');
    expect(missing).toHaveTextContent(/^—No value$/);
    expect(missing.querySelector('[data-slot=summary-diff]')).toBeNull();
    expect(screen.getByRole('table')).not.toHaveTextContent('NaN');
  });

  it('compares nothing with a baseline that lacks the scorer', () => {
    render(<EvaluationSummary runs={runs} defaultBaselineId="r3" />);
    expect(cell('model_latency', 'gpt-large')).toHaveTextContent(/^2\.5$/);
    expect(cell('model_latency', 'gpt-small').querySelector('[data-slot=summary-diff]')).toBeNull();
    expect(screen.getByRole('table')).not.toHaveTextContent('NaN');
  });

  it('compares with the baseline the reader picks', async () => {
    const onBaselineChange = vi.fn();
    render(<EvaluationSummary runs={runs} onBaselineChange={onBaselineChange} />);
    const select = screen.getByRole('combobox', { name: 'Baseline' });
    expect(select).toHaveValue('r1');
    await userEvent.selectOptions(select, 'gpt-large');
    expect(onBaselineChange).toHaveBeenCalledWith('r2');
    expect(screen.getByRole('columnheader', { name: 'gpt-large (baseline)' })).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Evaluation summary, differences from gpt-large' }),
    ).toBeInTheDocument();
    expect(cell('exact_match', 'gpt-small')).toHaveTextContent('2 / 4 (50%)-25 pp from baseline');
    expect(cell('exact_match', 'gpt-large').querySelector('[data-slot=summary-diff]')).toBeNull();
  });

  it('takes a controlled baseline and falls back to the first run for an unknown one', () => {
    const { rerender } = render(<EvaluationSummary runs={runs} baselineId="r3" />);
    expect(screen.getByRole('combobox', { name: 'Baseline' })).toHaveValue('r3');
    rerender(<EvaluationSummary runs={runs} baselineId="gone" />);
    expect(screen.getByRole('combobox', { name: 'Baseline' })).toHaveValue('r1');
  });

  it('shows one run without a baseline or differences', () => {
    render(<EvaluationSummary runs={runs.slice(0, 1)} />);
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.getByRole('table', { name: 'Evaluation summary' })).not.toHaveTextContent('baseline');
  });

  it('sizes bars: fractions as they are, means against the largest of their row', () => {
    render(<EvaluationSummary runs={runs} />);
    const width = (scorer: string, label: string) =>
      (cell(scorer, label).querySelector('[data-slot=summary-bar] > span') as HTMLElement).style.width;
    expect(width('exact_match', 'gpt-large')).toBe('75%');
    expect(width('relevance', 'gpt-small')).toBe('75%');
    expect(width('model_latency', 'gpt-large')).toBe('100%');
    expect(width('model_latency', 'gpt-small')).toBe('48%');
  });

  it('shows only the scorers asked for, in their order, and says when there are none', () => {
    const { rerender } = render(<EvaluationSummary runs={runs} scorers={['relevance', 'exact_match']} />);
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['relevance', 'exact_match']);
    rerender(<EvaluationSummary runs={[{ id: 'x', label: 'empty', summary: null }]} />);
    expect(screen.getByText('No scores yet.')).toBeInTheDocument();
  });
});
