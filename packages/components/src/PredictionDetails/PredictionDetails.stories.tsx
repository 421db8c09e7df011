import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { media } from '../fixtures/media';
import { makePrediction, runningPrediction } from '../fixtures/predictions';
import {
  imageFilterSchema,
  imagesOutputSchema,
  textGenerationSchema,
  textOutputSchema,
} from '../fixtures/schemas';
import { PredictionDetails } from './PredictionDetails';

const meta = {
  title: 'Components/PredictionDetails',
  component: PredictionDetails,
  args: { prediction: makePrediction(), inputSchema: textGenerationSchema, outputSchema: textOutputSchema },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 960 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof PredictionDetails>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Succeeded: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: 'predictkit/text-generator:2' })).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveTextContent('Succeeded');
    await expect(canvas.getByText(/the year exhales slow/)).toBeVisible();
    await expect(canvas.getByText('Max Tokens')).toBeVisible();
  },
};

export const Running: Story = {
  args: {
    prediction: runningPrediction({
      logs: ['loading weights', 'generating: 40%|████      | 26/64 [00:01<00:01, 21.3it/s]'],
    }),
  },
};

export const Failed: Story = {
  args: {
    prediction: makePrediction({
      status: 'failed',
      output: null,
      error: {
        source: 'internal',
        message: 'The model ran out of memory.',
        detail: 'RuntimeError: CUDA out of memory',
      },
      logs: ['loading weights', 'RuntimeError: CUDA out of memory'],
    }),
  },
};

export const Canceled: Story = {
  args: {
    prediction: makePrediction({
      status: 'canceled',
      execution_time: null,
      output: ['Crisp leaves'],
      error: { source: 'external', message: 'Canceled by the user.' },
    }),
  },
};

export const ImageFilter: Story = {
  args: {
    prediction: makePrediction({
      model: { owner: 'predictkit', name: 'image-filter', version_number: 1 },
      input: { image: media.sunset, filter: 'sepia', strength: 0.8 },
      output: [media.sunset],
      logs: [],
    }),
    inputSchema: imageFilterSchema,
    outputSchema: imagesOutputSchema,
  },
};

export const FailedDark: Story = { ...Failed, globals: { theme: 'dark' } };
