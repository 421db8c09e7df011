import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { makePrediction, runningPrediction } from '../fixtures/predictions';
import { PredictionTimings } from './PredictionTimings';

const meta = {
  title: 'Components/PredictionTimings',
  component: PredictionTimings,
  args: { prediction: makePrediction() },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 480 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof PredictionTimings>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Queued, setup and running from `created_at`, `setup_time` and `execution_time`. */
export const Succeeded: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Setup').nextElementSibling).toHaveTextContent('250ms');
    await expect(canvas.getByText('Running').nextElementSibling).toHaveTextContent('1.5s');
    await expect(canvas.getByText('Total').nextElementSibling).toHaveTextContent('2.1s');
  },
};

export const Running: Story = { args: { prediction: runningPrediction() } };

export const Queued: Story = {
  args: { prediction: runningPrediction({ status: 'pending', setup_time: null }) },
};

export const ColdStart: Story = {
  args: {
    prediction: makePrediction({
      setup_time: 'PT14.2S',
      execution_time: 'PT3.1S',
      updated_at: '2026-11-22T10:00:19.000000Z',
    }),
  },
};

/** Every phase took 0 ms (an instant answer): the bar stays empty rather than split in thirds. */
export const Instant: Story = {
  args: {
    prediction: makePrediction({
      created_at: '2026-11-22T10:00:00.000000Z',
      updated_at: '2026-11-22T10:00:00.000000Z',
      setup_time: 'PT0S',
      execution_time: 'PT0S',
    }),
  },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelectorAll('[data-slot=timings-segment]')).toHaveLength(0);
  },
};
