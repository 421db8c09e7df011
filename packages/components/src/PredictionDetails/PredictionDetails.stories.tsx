import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { media, pngDataUri } from '../fixtures/media';
import { makePrediction, runningPrediction } from '../fixtures/predictions';
import { demoVersion } from '../stories/demoVersion';
import { PredictionDetails } from './PredictionDetails';

const textGenerator = demoVersion('text-generator', 2);
const imageFilter = demoVersion('image-filter', 1);

const meta = {
  title: 'Components/PredictionDetails',
  component: PredictionDetails,
  args: {
    prediction: makePrediction(),
    inputSchema: textGenerator.input,
    outputSchema: textGenerator.output,
  },
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
    await expect(canvas.getByText('Max tokens')).toBeVisible();
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

/** An input image at a URL: a preview, and a link that opens it. */
export const ImageFilter: Story = {
  args: {
    prediction: makePrediction({
      model: { owner: 'predictkit', name: 'image-filter', version_number: 1 },
      input: { image: media.sunset, filter: 'sepia', strength: 0.8 },
      output: media.sunset,
      logs: [],
    }),
    inputSchema: imageFilter.input,
    outputSchema: imageFilter.output,
  },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement.querySelector('[data-slot=details-input]') as HTMLElement);
    await expect(input.getByRole('img', { name: 'Image' })).toBeVisible();
    await expect(input.getByRole('link', { name: media.sunset })).toHaveAttribute('target', '_blank');
  },
};

/**
 * An input image sent inline, as the form sends files by default: a `data:` URI cannot be opened in a
 * tab (Chrome blocks it), so it is offered as a download beside its preview.
 */
export const InlineInputImage: Story = {
  args: {
    prediction: makePrediction({
      model: { owner: 'predictkit', name: 'image-filter', version_number: 1 },
      input: { image: pngDataUri, filter: 'invert', strength: 1 },
      output: media.forest,
      logs: [],
    }),
    inputSchema: imageFilter.input,
    outputSchema: imageFilter.output,
  },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement.querySelector('[data-slot=details-input]') as HTMLElement);
    await expect(input.getByRole('img', { name: 'Image' })).toBeVisible();
    const download = input.getByRole('link', { name: 'Download input.png' });
    await expect(download).toHaveAttribute('download', 'input.png');
    await expect(download).toHaveAttribute('href', pngDataUri);
    await expect(download).not.toHaveAttribute('target');
  },
};

async function dataUriOf(url: string): Promise<string> {
  const blob = await (await fetch(url)).blob();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** An inline audio input: a player, and a download. */
export const InlineInputAudio: Story = {
  loaders: [async () => ({ recording: await dataUriOf(media.chime) })],
  args: { inputSchema: null, outputSchema: null },
  render: (args, { loaded }) => (
    <PredictionDetails
      {...args}
      prediction={makePrediction({
        model: { owner: 'acme', name: 'speech-to-text', version_number: 12 },
        input: { recording: loaded.recording, language: 'en' },
        output: 'A single chime.',
        logs: [],
      })}
    />
  ),
  play: async ({ canvasElement }) => {
    const input = within(canvasElement.querySelector('[data-slot=details-input]') as HTMLElement);
    const audio = canvasElement.querySelector('[data-slot=input-audio]');
    await expect(audio).toHaveAccessibleName('Recording');
    await expect(audio?.getAttribute('src')).toMatch(/^data:audio\/(x-)?wav;base64,/);
    await expect(input.getByRole('link', { name: /^Download input\.(x-)?wav$/ })).toHaveAttribute('download');
  },
};

/** A Replicate prediction read after its data was removed (an hour after it ended). */
export const DataRemoved: Story = {
  args: {
    prediction: makePrediction({ input: {}, output: null, logs: [], data_removed: true }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByText(/^Removed by the service/)).toHaveLength(2);
  },
};

export const FailedDark: Story = { ...Failed, globals: { theme: 'dark' } };
