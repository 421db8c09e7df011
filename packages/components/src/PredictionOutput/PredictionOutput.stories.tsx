import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test';
import { media, pngDataUri } from '../fixtures/media';
import { imagesOutputSchema, textOutputSchema, transcriptionOutputSchema } from '../fixtures/schemas';
import { PredictionOutput } from './PredictionOutput';

const meta = {
  title: 'Components/PredictionOutput',
  component: PredictionOutput,
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

/** Text from an array of chunks that the output schema says to concatenate; copyable. */
export const Text: Story = {
  args: {
    output: ['Crisp leaves drift and fall,\n', 'amber light on quiet paths,\n', 'the year exhales slow.'],
    schema: textOutputSchema,
    status: 'succeeded',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/the year exhales slow/)).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Copy' })).toBeVisible();
  },
};

const TOKENS = 'The quick brown fox jumps over the lazy dog, then naps in the warm afternoon sun.'.split(
  /(?= )/,
);

function Streaming() {
  const [chunks, setChunks] = useState<string[]>([]);
  useEffect(() => {
    const timer = setInterval(
      () => setChunks((c) => (c.length < TOKENS.length ? [...c, TOKENS[c.length] as string] : c)),
      120,
    );
    return () => clearInterval(timer);
  }, []);
  const done = chunks.length === TOKENS.length;
  return (
    <PredictionOutput output={chunks} schema={textOutputSchema} status={done ? 'succeeded' : 'started'} />
  );
}

/** Tokens arriving while the model runs, with a caret until it finishes. */
export const StreamingText: Story = {
  render: () => <Streaming />,
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-slot=prediction-output]')).toHaveAttribute(
      'data-status',
      'started',
    );
    await waitFor(() => expect(within(canvasElement).getByText(/afternoon sun\./)).toBeVisible(), {
      timeout: 4000,
    });
    await expect(canvasElement.querySelector('[data-slot=caret]')).toBeNull();
  },
};

/** Running, nothing yet: a placeholder. */
export const StreamingCaret: Story = {
  args: { output: ['Thinking about', ' it'], schema: textOutputSchema, status: 'started' },
};

const markdown = `## Release notes

The model now **streams** tokens and respects *temperature* more closely. See [the docs](https://example.com/docs).

- Faster cold starts
- Smaller images
  - PNG by default
- \`seed\` is reproducible again

1. Pull the new version
2. Run it

\`\`\`python
print("hello")
\`\`\`

> Raw HTML such as <script>alert(1)</script> stays text, and [bad links](javascript:alert(1)) lose their link.`;

/** Markdown rendered to elements: never raw HTML, links only with safe schemes. */
export const Markdown: Story = {
  args: { output: markdown, markdown: true, status: 'succeeded' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: 'Release notes' })).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'the docs' })).toHaveAttribute(
      'href',
      'https://example.com/docs',
    );
    await expect(canvas.queryByRole('link', { name: 'bad links' })).toBeNull();
    await expect(canvasElement.querySelector('script')).toBeNull();
  },
};

/** Structured output as a collapsible JSON tree. */
export const Json: Story = {
  args: {
    output: {
      label: 'cat',
      score: 0.974,
      nsfw: false,
      boxes: [
        { x: 12, y: 40, w: 120, h: 96, label: 'cat' },
        { x: 180, y: 22, w: 64, h: 64, label: 'ball' },
      ],
      meta: { model: 'detector-v3', took_ms: 41, notes: null },
    },
    status: 'succeeded',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const boxes = canvas.getByText('"boxes":');
    await userEvent.click(boxes);
    await expect(canvas.queryByText('"detector-v3"')).toBeVisible();
  },
};

/** One image; Enter opens it large, Escape closes the dialog and gives focus back. */
export const OneImage: Story = {
  args: {
    output: media.sunset,
    schema: { type: 'string', format: 'uri', contentMediaType: 'image/png' },
    status: 'succeeded',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const enlarge = canvas.getByRole('button', { name: 'Enlarge image' });
    enlarge.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await canvas.findByRole('dialog', { name: 'Image' });
    await expect(dialog).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(dialog).not.toBeVisible());
    await waitFor(() => expect(enlarge).toHaveFocus());
  },
};

/** Several images as a gallery; arrow keys step through them in the dialog. */
export const Gallery: Story = {
  args: {
    output: [media.sunset, media.ocean, media.forest],
    schema: imagesOutputSchema,
    status: 'succeeded',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Enlarge image 2 of 3' }));
    await expect(await canvas.findByRole('dialog', { name: 'Image 2 of 3' })).toBeVisible();
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByRole('dialog', { name: 'Image 3 of 3' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
  },
};

/** An image sent inline as a data: URI. */
export const DataUriImage: Story = { args: { output: pngDataUri, status: 'succeeded' } };

export const Audio: Story = {
  args: {
    output: media.chime,
    schema: { type: 'string', format: 'uri', contentMediaType: 'audio/wav' },
    status: 'succeeded',
  },
};

export const Video: Story = { args: { output: media.orbit, status: 'succeeded' } };

/** Any other file: a download link. */
export const File: Story = {
  args: { output: 'https://files.example.com/outputs/mesh.glb', status: 'succeeded' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('link', { name: /mesh\.glb/ })).toHaveAttribute(
      'download',
      'mesh.glb',
    );
  },
};

/** An array of different things, each with its own viewer. */
export const MixedArray: Story = {
  args: {
    output: [
      media.forest,
      'A forest at noon, in three colors.',
      { colors: ['#1e5a32', '#e6f5d2', '#fff0aa'] },
      media.chime,
    ],
    status: 'succeeded',
  },
};

/** Unsafe URLs are shown as inert text, never as a link or a source. */
export const UnsafeUrl: Story = {
  args: {
    output: [
      'javascript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'data:image/svg+xml,<svg onload=alert(1)>',
    ],
    schema: { type: 'array', items: { type: 'string', format: 'uri' } },
    status: 'succeeded',
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryAllByRole('link')).toHaveLength(0);
    await expect(canvasElement.querySelectorAll('img, a, audio, video')).toHaveLength(0);
    await expect(within(canvasElement).getAllByText(/not a safe link/)).toHaveLength(3);
  },
};

export const WaitingForOutput: Story = { args: { output: null, status: 'started' } };
export const Empty: Story = { args: { output: null, status: 'succeeded' } };

/** A URL under a schema that says "a string": text that links, not a file to download. */
export const UrlAsText: Story = {
  args: { output: 'https://example.com/reports/42', schema: { type: 'string' }, status: 'succeeded' },
  play: async ({ canvasElement }) => {
    const link = within(canvasElement).getByRole('link', { name: 'https://example.com/reports/42' });
    await expect(link).not.toHaveAttribute('download');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  },
};

/** Text under a `format: uri` schema (a model that answered with words): text, not a relative link. */
export const TextUnderUriSchema: Story = {
  args: {
    output: 'No image: the prompt was refused.',
    schema: { type: 'string', format: 'uri' },
    status: 'succeeded',
  },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('a')).toBeNull();
    await expect(within(canvasElement).getByText('No image: the prompt was refused.')).toBeVisible();
  },
};

/** Files inside an object: links, with a small preview of images, audio and video; unsafe ones stay text. */
export const JsonWithFiles: Story = {
  args: {
    output: {
      image: media.sunset,
      thumbnail: pngDataUri,
      audio: media.chime,
      video: media.orbit,
      mesh: 'https://files.example.com/outputs/mesh.glb',
      script: 'javascript:alert(1)',
    },
    status: 'succeeded',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      canvas.getByRole('link', { name: 'https://files.example.com/outputs/mesh.glb' }),
    ).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'data:image/png,…' })).toHaveAttribute(
      'download',
      'output.png',
    );
    await expect(canvasElement.querySelectorAll('[data-slot=json-preview]')).toHaveLength(4);
    await expect(canvas.getByText('"javascript:alert(1)"')).toBeVisible();
  },
};

/**
 * An object the output schema names the properties of (a transcriber's, as Cog writes it): each
 * property under its label, shown its own way, in the schema's order; an empty one is left out.
 */
export const ObjectWithSchema: Story = {
  args: {
    schema: transcriptionOutputSchema,
    output: {
      translation: null,
      transcription: 'The quick brown fox jumps over the lazy dog. '.repeat(12),
      segments: [
        { id: 0, start: 0, end: 2.4, text: ' The quick brown fox' },
        { id: 1, start: 2.4, end: 4.1, text: ' jumps over the lazy dog.' },
      ],
      srt_file: 'https://files.example.com/outputs/transcript.srt',
      detected_language: 'english',
    },
    status: 'succeeded',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const labels = [...canvasElement.querySelectorAll('dt')].map((dt) => dt.textContent);
    await expect(labels).toEqual(['Detected language', 'Transcription', 'Segments', 'Srt file']);
    await expect(canvas.getByText(/^The quick brown fox jumps over/)).toBeVisible();
    await expect(canvas.getByRole('link', { name: /transcript\.srt/ })).toHaveAttribute(
      'href',
      'https://files.example.com/outputs/transcript.srt',
    );
    // The whole object is copied from the top, and each text from its own field.
    await expect(canvas.getAllByRole('button', { name: 'Copy' })[0]).toBeVisible();
  },
};

/** A long JSON output: long branches and strings start folded, numbers read rounded (exact in the title). */
export const LongJson: Story = {
  args: {
    output: {
      embedding: Array.from({ length: 64 }, (_, i) => Math.sin(i + 1) / 3),
      stats: { mean: 0.123456789, total: 1234567, ratio: 3.333333333, tiny: 0.000001234567 },
      transcript: 'The quick brown fox jumps over the lazy dog. '.repeat(20),
    },
    status: 'succeeded',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('0.1235')).toHaveAttribute('title', '0.123456789');
    await expect(canvas.queryByText('"embedding":')?.closest('details')).not.toHaveAttribute('open');
    await userEvent.click(canvas.getByRole('button', { name: /^Show all \d+ characters$/ }));
    await expect(canvas.queryByRole('button', { name: /^Show all \d+ characters$/ })).toBeNull();
  },
};

/** Scores per class (here an object of the picked label and its scores) as labelled meters, highest first. */
export const Classification: Story = {
  args: {
    output: {
      label: 'tabby cat',
      scores: { 'tabby cat': 0.81, 'tiger cat': 0.12, 'Egyptian cat': 0.05, lynx: 0.015, 'red fox': 0.005 },
    },
    status: 'succeeded',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const meters = canvas.getAllByRole('meter');
    await expect(meters.map((m) => m.getAttribute('aria-label'))).toEqual([
      'tabby cat',
      'tiger cat',
      'Egyptian cat',
      'lynx',
      'red fox',
    ]);
    await expect(meters[0]).toHaveAttribute('aria-valuetext', '81%');
    await expect(canvas.getByRole('list', { name: 'Scores; picked: tabby cat' })).toBeVisible();
  },
};

/** A list of `{label, score}` with more than ten classes: the top ten, and all on request. */
export const ClassificationList: Story = {
  args: {
    output: [
      'rain',
      'snow',
      'fog',
      'hail',
      'sun',
      'wind',
      'storm',
      'mist',
      'sleet',
      'haze',
      'dust',
      'smoke',
    ].map((label, i) => ({ label, score: Number((0.5 / (i + 1)).toFixed(3)) })),
    status: 'succeeded',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole('meter')).toHaveLength(10);
    await userEvent.click(canvas.getByRole('button', { name: 'Show all 12 classes' }));
    await expect(canvas.getAllByRole('meter')).toHaveLength(12);
  },
};

/** Scores that are not probabilities (logits), asked for as a classification: bars from the lowest to the highest. */
export const ClassificationOfLogits: Story = {
  args: { output: { cat: 4.2, dog: 1.3, car: -2.7 }, view: 'classification', status: 'succeeded' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('meter', { name: 'cat' })).toHaveAttribute(
      'aria-valuetext',
      '4.2',
    );
  },
};

/** Audio with its waveform, drawn from the decoded file; click it or use the keys to seek. */
export const AudioWaveform: Story = {
  args: { output: media.chime, status: 'succeeded' },
  play: async ({ canvasElement }) => {
    const seek = await within(canvasElement).findByRole('slider', { name: 'Seek' }, { timeout: 4000 });
    const audio = canvasElement.querySelector('audio') as HTMLAudioElement;
    await waitFor(() => expect(seek).not.toHaveAttribute('aria-disabled'));
    seek.focus();
    await userEvent.keyboard('{End}');
    await expect(audio.currentTime).toBeCloseTo(audio.duration, 1);
    await userEvent.keyboard('{Home}');
    await expect(audio.currentTime).toBe(0);
    await expect(canvasElement.querySelector('[data-waveform]')).toHaveAttribute('data-waveform', 'ready');
  },
};

/** Audio this browser cannot decode: the plain player, and no waveform. */
export const AudioWithoutWaveform: Story = {
  args: { output: 'data:audio/wav;base64,AAAA', status: 'succeeded' },
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-waveform]')).toHaveAttribute('data-waveform', 'unavailable'),
    );
    await expect(within(canvasElement).queryByRole('slider')).toBeNull();
    await expect(canvasElement.querySelector('audio')).toBeVisible();
  },
};

/** An image made from an input image: both under one slider, which the keyboard moves. */
export const BeforeAfter: Story = {
  args: { output: media.forest, input: { image: media.sunset, strength: 0.6 }, status: 'succeeded' },
  play: async ({ canvasElement }) => {
    const slider = within(canvasElement).getByRole('slider', { name: 'Divider between input and output' });
    // A native range input: the browser moves it by keyboard (5% a step); here its value is set as a drag would.
    await expect(slider).toHaveAttribute('step', '5');
    fireEvent.change(slider, { target: { value: '70' } });
    await expect(slider).toHaveAttribute('aria-valuetext', 'Input 70%, output 30%');
    await expect(canvasElement.querySelector('[data-slot=compare-frame]')).toHaveStyle({
      '--pk-compare': '70%',
    });
  },
};

const grid = (count: number): Story => ({
  args: {
    output: Array.from({ length: count }, (_, i) => [media.sunset, media.ocean, media.forest][i % 3]),
    schema: imagesOutputSchema,
    status: 'succeeded',
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByRole('img')).toHaveLength(count);
  },
});

/** Two images side by side. */
export const GridOfTwo: Story = grid(2);
/** Three images in a row. */
export const GridOfThree: Story = grid(3);
/** Four images in two rows of two. */
export const GridOfFour: Story = grid(4);
/** Many images in as many columns as fit. */
export const GridOfMany: Story = grid(9);

export const MarkdownDark: Story = { ...Markdown, globals: { theme: 'dark' } };
export const JsonDark: Story = { ...Json, globals: { theme: 'dark' } };
export const ObjectWithSchemaDark: Story = { ...ObjectWithSchema, globals: { theme: 'dark' } };
export const JsonWithFilesDark: Story = { ...JsonWithFiles, globals: { theme: 'dark' } };
export const ClassificationDark: Story = { ...Classification, globals: { theme: 'dark' } };
export const AudioWaveformDark: Story = { ...AudioWaveform, globals: { theme: 'dark' } };
export const BeforeAfterDark: Story = { ...BeforeAfter, globals: { theme: 'dark' } };
export const UrlAsTextDark: Story = { ...UrlAsText, globals: { theme: 'dark' } };
export const GridOfFourDark: Story = { ...GridOfFour, globals: { theme: 'dark' } };
