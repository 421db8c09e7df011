import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { media } from '../fixtures/media';
import { demoVersion } from '../stories/demoVersion';
import { PredictionOutput } from './PredictionOutput';

// Each demo model's output, shown through the output schema the local server publishes. Text and JSON
// values are what the models returned in real runs; file outputs use the static media fixtures, as the
// server's file URLs name an origin nothing serves in a browser.

const meta = {
  title: 'Demo models/PredictionOutput',
  component: PredictionOutput,
  args: { status: 'succeeded' },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 720 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof PredictionOutput>;

export default meta;
type Story = StoryObj<typeof meta>;

const view = (canvasElement: HTMLElement) =>
  canvasElement.querySelector('[data-slot=prediction-output]')?.getAttribute('data-view');

/** predictkit/echo — a string, as text. */
export const Echo: Story = {
  name: 'echo',
  args: { schema: demoVersion('echo', 1).output, output: 'Hello from PredictKit' },
  play: async ({ canvasElement }) => {
    await expect(view(canvasElement)).toBe('text');
    await expect(within(canvasElement).getByText('Hello from PredictKit')).toBeVisible();
  },
};

/** predictkit/text-generator (both versions) — tokens the schema says to concatenate (`x-cog-array-display`). */
export const TextGenerator: Story = {
  name: 'text-generator',
  args: {
    schema: demoVersion('text-generator', 2).output,
    // Tokens as the model streams them: a word with its leading space, or a punctuation mark.
    output:
      ' to see it written up somewhere. There was no one to dream that she had never before seen a rabbit with either a waistcoat-pocket, or she fell very slowly.'.split(
        /(?=[ .,])/,
      ),
  },
  play: async ({ canvasElement }) => {
    await expect(view(canvasElement)).toBe('text');
    await expect(
      within(canvasElement).getByText(/^to see it written up somewhere\. There was .* very slowly\.$/),
    ).toBeVisible();
  },
};

/** predictkit/image-generator — an array of PNG URLs, as a gallery. */
export const ImageGenerator: Story = {
  name: 'image-generator',
  args: { schema: demoVersion('image-generator', 1).output, output: [media.sunset, media.ocean] },
  play: async ({ canvasElement }) => {
    await expect(view(canvasElement)).toBe('gallery');
    await expect(within(canvasElement).getAllByRole('img')).toHaveLength(2);
  },
};

/** predictkit/image-filter — one PNG URL made from the input image, as a before/after comparison. */
export const ImageFilter: Story = {
  name: 'image-filter',
  args: {
    schema: demoVersion('image-filter', 1).output,
    output: media.forest,
    input: { image: media.sunset },
  },
  play: async ({ canvasElement }) => {
    await expect(view(canvasElement)).toBe('compare');
    await expect(within(canvasElement).getByRole('img', { name: 'After: the output' })).toBeVisible();
  },
};

/** predictkit/tone-synth — a WAV URL, as its waveform over an audio player, with a download link. */
export const ToneSynth: Story = {
  name: 'tone-synth',
  args: { schema: demoVersion('tone-synth', 1).output, output: media.chime },
  play: async ({ canvasElement }) => {
    await expect(view(canvasElement)).toBe('audio');
    await expect(canvasElement.querySelector('audio')).toHaveAttribute('src', media.chime);
    await expect(within(canvasElement).getByRole('link', { name: 'Download audio' })).toBeVisible();
    await expect(await within(canvasElement).findByRole('slider', { name: 'Seek' })).toBeVisible();
  },
};

/** predictkit/sentiment — an object of a label and scores, as labelled bars. */
export const Sentiment: Story = {
  name: 'sentiment',
  args: {
    schema: demoVersion('sentiment', 1).output,
    output: {
      label: 'positive',
      score: 0.9724345330178913,
      scores: { positive: 0.9724345330178913, neutral: 0.021184744544474443, negative: 0.006380722437634301 },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(view(canvasElement)).toBe('classification');
    await expect(canvas.getByRole('meter', { name: 'positive' })).toHaveAttribute('aria-valuetext', '97.2%');
    await expect(canvas.getByRole('meter', { name: 'neutral' })).toHaveAttribute('aria-valuetext', '2.1%');
  },
};

/** predictkit/slow-task — a summary of the work done, each property under its label. */
export const SlowTask: Story = {
  name: 'slow-task',
  args: {
    schema: demoVersion('slow-task', 1).output,
    output: { steps_completed: 4, duration_s: 2, checksum: 'dd44c70d' },
  },
  play: async ({ canvasElement }) => {
    await expect(view(canvasElement)).toBe('fields');
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Steps completed').nextElementSibling).toHaveTextContent('4');
    await expect(canvas.getByText('dd44c70d')).toBeVisible();
  },
};

/** predictkit/unreliable — a string when it does not fail, as text. */
export const Unreliable: Story = {
  name: 'unreliable',
  args: { schema: demoVersion('unreliable', 1).output, output: 'success after 4 checks' },
  play: async ({ canvasElement }) => {
    await expect(view(canvasElement)).toBe('text');
    await expect(within(canvasElement).getByText('success after 4 checks')).toBeVisible();
  },
};
