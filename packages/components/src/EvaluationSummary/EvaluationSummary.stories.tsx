import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { EvaluationSummary, type EvaluationSummaryRun } from './EvaluationSummary';

/** Summaries as Weave's evaluations write them: `{ mean }` for numbers, `{ true_count, true_fraction }` for booleans. */
const run = (id: string, label: string, summary: EvaluationSummaryRun['summary']) => ({ id, label, summary });
const small = run('ev_01', 'text-generator v1', {
  exact_match: { true_count: 12, true_fraction: 0.6 },
  relevance: { mean: 0.7125 },
  toxicity_free: { true_count: 19, true_fraction: 0.95 },
  model_latency: { mean: 1.284 },
});
const large = run('ev_02', 'text-generator v2', {
  exact_match: { true_count: 15, true_fraction: 0.75 },
  relevance: { mean: 0.8333 },
  toxicity_free: { true_count: 20, true_fraction: 1 },
  model_latency: { mean: 2.91 },
});
const tuned = run('ev_03', 'v2 + retrieval', {
  exact_match: { true_count: 17, true_fraction: 0.85 },
  relevance: { mean: 0.9012 },
  toxicity_free: { true_count: 18, true_fraction: 0.9 },
  model_latency: { mean: 3.402 },
});
// An older run, before the relevance scorer existed: that row shows a dash.
const legacy = run('ev_00', 'baseline prompt', {
  exact_match: { true_count: 9, true_fraction: 0.45 },
  toxicity_free: { true_count: 20, true_fraction: 1 },
  model_latency: { mean: 0.962 },
});

const meta = {
  title: 'Components/EvaluationSummary',
  component: EvaluationSummary,
  args: { runs: [small, large], onBaselineChange: fn() },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 820 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof EvaluationSummary>;

export default meta;
type Story = StoryObj<typeof meta>;

const dark = { globals: { theme: 'dark' } };

/** One run: its scores, nothing to compare with. */
export const OneRun: Story = {
  args: { runs: [small] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.queryByRole('combobox')).toBeNull();
    await expect(canvas.getByRole('table', { name: 'Evaluation summary' })).toBeVisible();
  },
};

/** Two runs, booleans and numbers, each compared with the first. */
export const TwoRuns: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('columnheader', { name: 'text-generator v1 (baseline)' })).toBeVisible();
    await expect(canvas.getByText('15 / 20 (75%)')).toBeVisible();
    await expect(canvas.getByText('+15 pp')).toBeVisible();
  },
};

/** Four runs, one of them without a scorer the others have. */
export const FourRuns: Story = {
  args: { runs: [legacy, small, large, tuned] },
};

/** A scorer missing from a run reads as a dash, and nothing is compared with it. */
export const MissingScorer: Story = {
  args: { runs: [legacy, large] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const row = canvas.getByRole('rowheader', { name: 'relevance' }).closest('tr') as HTMLElement;
    await expect(row.querySelector('[data-kind=missing]')).toHaveTextContent('—No value');
    await expect(canvasElement).not.toHaveTextContent('NaN');
  },
};

/** The reader picks another baseline: the differences follow it. */
export const BaselineChanged: Story = {
  args: { runs: [legacy, small, large, tuned] },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Baseline' }), 'text-generator v2');
    await expect(args.onBaselineChange).toHaveBeenCalledWith('ev_02');
    await expect(canvas.getByRole('columnheader', { name: 'text-generator v2 (baseline)' })).toBeVisible();
    await expect(canvas.getByText('+10 pp')).toBeVisible();
  },
};

/**
 * At a phone's width the page never scrolls sideways: the table scrolls in its own region, which takes
 * focus so that a keyboard can scroll it, and the scorer names stay in view.
 */
export const PhoneWidth: Story = {
  args: { runs: [legacy, small, large, tuned] },
  decorators: [
    (Story) => (
      <div style={{ width: 375, maxWidth: '100%' }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvasElement.querySelector('[data-slot=evaluation-summary]') as HTMLElement;
    await expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
    await expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(window.innerWidth);
    const region = canvas.getByRole('region', { name: /Evaluation summary/ });
    await expect(region.scrollWidth).toBeGreaterThan(region.clientWidth);
    await userEvent.tab();
    await userEvent.tab();
    await expect(region).toHaveFocus();
  },
};

export const OneRunDark: Story = { ...OneRun, ...dark };
export const TwoRunsDark: Story = { ...TwoRuns, ...dark };
export const FourRunsDark: Story = { ...FourRuns, ...dark };
export const MissingScorerDark: Story = { ...MissingScorer, ...dark };
export const BaselineChangedDark: Story = { ...BaselineChanged, ...dark };
export const PhoneWidthDark: Story = { ...PhoneWidth, ...dark };
