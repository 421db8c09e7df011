import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { PredictionFeedback } from './PredictionFeedback';

const meta = {
  title: 'Components/PredictionFeedback',
  component: PredictionFeedback,
  args: { predictionId: 'p_7mqr2k', onScore: fn(async () => ({ score_id: 's_1' })) },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 560 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof PredictionFeedback>;

export default meta;
type Story = StoryObj<typeof meta>;

const dark = { globals: { theme: 'dark' } };
// A request that never answers holds the component in its pending state for as long as the story shows.
const never = () => new Promise<never>(() => {});

/** Nothing chosen yet. */
export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('group', { name: 'Was this helpful?' })).toHaveAttribute(
      'data-status',
      'idle',
    );
    await expect(canvas.getByRole('button', { name: 'Thumbs up' })).toHaveAttribute('aria-pressed', 'false');
  },
};

/** Thumbs up chosen, its score on the way. */
export const Pending: Story = {
  args: { onScore: fn(never) },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Thumbs up' }));
    await expect(args.onScore).toHaveBeenCalledWith({ kind: 'thumbs', value: 1, predictionId: 'p_7mqr2k' });
    await expect(canvas.getByRole('status')).toHaveTextContent('Sending…');
  },
};

/** The score was recorded. */
export const Recorded: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Thumbs down' }));
    await expect(await canvas.findByText('Feedback recorded')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Thumbs down' })).toHaveAttribute('aria-pressed', 'true');
  },
};

/** Sending failed: the choice stays, with the reason and a retry. */
export const Failed: Story = {
  args: { onScore: fn(() => Promise.reject(new Error('Weave answered 503 Service Unavailable'))) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Thumbs up' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('503 Service Unavailable');
    await expect(canvas.getByRole('button', { name: 'Thumbs up' })).toHaveAttribute('aria-pressed', 'true');
    await expect(canvas.getByRole('button', { name: 'Retry' })).toBeVisible();
  },
};

/** Disabled, e.g. while the prediction is still running, with an earlier choice shown. */
export const Disabled: Story = {
  args: { disabled: true, rating: true, defaultValue: { thumbs: 1, rating: 4 } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Thumbs up' })).toBeDisabled();
  },
};

/** With the 1–5 rating: arrow keys move it, Enter sends it. */
export const WithRating: Story = {
  args: { rating: true },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('radio', { name: '3' }));
    await expect(args.onScore).toHaveBeenLastCalledWith({
      kind: 'rating',
      value: 3,
      predictionId: 'p_7mqr2k',
    });
    await userEvent.keyboard('{ArrowRight}{Enter}');
    await expect(args.onScore).toHaveBeenLastCalledWith({
      kind: 'rating',
      value: 4,
      predictionId: 'p_7mqr2k',
    });
    await expect(args.onScore).toHaveBeenCalledTimes(2);
    await expect(await canvas.findByText('Feedback recorded')).toBeVisible();
  },
};

/** A rating that failed to send, still checked. */
export const RatingFailed: Story = {
  args: { rating: true, onScore: fn(() => Promise.reject(new Error('Network request failed'))) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('radio', { name: '5' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Network request failed');
    await expect(canvas.getByRole('radio', { name: '5' })).toBeChecked();
  },
};

export const IdleDark: Story = { ...Idle, ...dark };
export const PendingDark: Story = { ...Pending, ...dark };
export const RecordedDark: Story = { ...Recorded, ...dark };
export const FailedDark: Story = { ...Failed, ...dark };
export const DisabledDark: Story = { ...Disabled, ...dark };
export const WithRatingDark: Story = { ...WithRating, ...dark };
export const RatingFailedDark: Story = { ...RatingFailed, ...dark };
