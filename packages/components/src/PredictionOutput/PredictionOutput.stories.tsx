import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { media, pngDataUri } from '../fixtures/media';
import { imagesOutputSchema, textOutputSchema } from '../fixtures/schemas';
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

export const MarkdownDark: Story = { ...Markdown, globals: { theme: 'dark' } };
export const JsonDark: Story = { ...Json, globals: { theme: 'dark' } };
