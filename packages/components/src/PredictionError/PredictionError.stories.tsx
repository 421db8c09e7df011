import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { PredictionError } from './PredictionError';

const meta = {
  title: 'Components/PredictionError',
  component: PredictionError,
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 640 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof PredictionError>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The model failed; its traceback is one click away. */
export const ModelError: Story = {
  args: {
    error: {
      source: 'internal',
      message: 'CUDA out of memory. Tried to allocate 2.00 GiB.',
      detail:
        'Traceback (most recent call last):\n  File "predict.py", line 42, in predict\n    images = pipe(prompt)\nRuntimeError: CUDA out of memory.',
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent('CUDA out of memory');
    await userEvent.click(canvas.getByText('Details'));
    await expect(canvas.getByText(/Traceback/)).toBeVisible();
  },
};

export const RequestError: Story = {
  args: {
    error: {
      source: 'external',
      message: 'Canceled by the user.',
      detail: { canceled_at: '2026-11-22T10:00:03Z' },
    },
  },
};

export const FromAnError: Story = { args: { error: new Error('Network request failed') } };
export const FromAMessage: Story = {
  args: { error: 'The prediction timed out after 30 minutes.', title: 'Timed out' },
};
