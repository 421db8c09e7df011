import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { demoVersion } from '../stories/demoVersion';
import { SchemaForm } from './SchemaForm';

// The form of each demo model version, from the input schema the local server publishes: what a user of
// the playground sees. Each story fills what the model needs and checks what the form would send.

const meta = {
  title: 'Demo models/SchemaForm',
  component: SchemaForm,
  args: { schema: demoVersion('echo', 1).input, onSubmit: fn() },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 640 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof SchemaForm>;

export default meta;
type Story = StoryObj<typeof meta>;

const DOT_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

/** predictkit/echo:1 — required text, and a delay with a slider. */
export const Echo: Story = {
  name: 'echo:1',
  args: { schema: demoVersion('echo', 1).input },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('slider', { name: /^Delay \(ms\)/ })).toHaveValue('0');
    await userEvent.type(canvas.getByLabelText(/^Text/), 'Hello');
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(args.onSubmit).toHaveBeenCalledWith({ text: 'Hello', delay_ms: 0 }));
  },
};

/** predictkit/text-generator:1 — a prompt, two sliders and a nullable seed; no stop sequences yet. */
export const TextGeneratorV1: Story = {
  name: 'text-generator:1',
  args: { schema: demoVersion('text-generator', 1).input },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const prompt = canvas.getByLabelText(/^Prompt/);
    await expect(prompt.tagName).toBe('TEXTAREA');
    await expect(canvas.queryByText('Stop sequences')).toBeNull();
    await userEvent.type(prompt, 'Alice was beginning');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() =>
      expect(args.onSubmit).toHaveBeenCalledWith({
        prompt: 'Alice was beginning',
        max_tokens: 128,
        temperature: 0.8,
      }),
    );
  },
};

/** predictkit/text-generator:2 — version 1's fields plus a list of up to four stop sequences. */
export const TextGeneratorV2: Story = {
  name: 'text-generator:2',
  args: { schema: demoVersion('text-generator', 2).input },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText(/^Prompt/), 'Alice was beginning');
    const stop = canvas.getByRole('group', { name: /^Stop sequences/ });
    await userEvent.click(within(stop).getByRole('button', { name: 'Add stop sequences' }));
    await userEvent.type(within(stop).getByLabelText(/^Stop sequences 1/), 'rabbit');
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    await waitFor(() =>
      expect(args.onSubmit).toHaveBeenCalledWith({
        prompt: 'Alice was beginning',
        max_tokens: 128,
        temperature: 0.8,
        stop: ['rabbit'],
      }),
    );
  },
};

/** predictkit/image-generator:1 — size sliders, a count, a style enum through `allOf`/`$ref`, a seed. */
export const ImageGenerator: Story = {
  name: 'image-generator:1',
  args: { schema: demoVersion('image-generator', 1).input },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText(/^Prompt/), 'A violet nebula');
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: /^Style/ }), 'nebula');
    const seed = canvas.getByRole('spinbutton', { name: /^Seed/ });
    await userEvent.type(seed, '7');
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    await waitFor(() =>
      expect(args.onSubmit).toHaveBeenCalledWith({
        prompt: 'A violet nebula',
        width: 512,
        height: 512,
        num_outputs: 1,
        style: 'nebula',
        seed: 7,
      }),
    );
  },
};

/** predictkit/image-filter:1 — an image to pick, drop or paste, a filter among seven, a strength. */
export const ImageFilter: Story = {
  name: 'image-filter:1',
  args: { schema: demoVersion('image-filter', 1).input, maxFileSize: 2_000_000 },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const input = canvasElement.querySelector<HTMLInputElement>('input[type=file]') as HTMLInputElement;
    await expect(input).toHaveAttribute('accept', 'image/*');
    const png = Uint8Array.from(atob(DOT_PNG), (c) => c.charCodeAt(0));
    await userEvent.upload(input, new File([png], 'dot.png', { type: 'image/png' }));
    await expect(await canvas.findByAltText('Preview of dot.png')).toBeVisible();
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: /^Filter/ }), 'sepia');
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    await waitFor(() =>
      expect(args.onSubmit).toHaveBeenCalledWith({
        image: `data:image/png;base64,${DOT_PNG}`,
        filter: 'sepia',
        strength: 1,
      }),
    );
  },
};

/** predictkit/tone-synth:1 — text, a waveform among four (radio buttons), a pace. */
export const ToneSynth: Story = {
  name: 'tone-synth:1',
  args: { schema: demoVersion('tone-synth', 1).input },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText(/^Text/), 'Do re mi');
    const waveform = canvas.getByRole('radiogroup', { name: /^Waveform/ });
    await expect(within(waveform).getByRole('radio', { name: 'sine' })).toBeChecked();
    await userEvent.click(within(waveform).getByRole('radio', { name: 'square' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    await waitFor(() =>
      expect(args.onSubmit).toHaveBeenCalledWith({
        text: 'Do re mi',
        waveform: 'square',
        words_per_minute: 140,
      }),
    );
  },
};

/** predictkit/sentiment:1 — one text field, required. */
export const Sentiment: Story = {
  name: 'sentiment:1',
  args: { schema: demoVersion('sentiment', 1).input },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    const text = canvas.getByLabelText(/^Text/);
    await waitFor(() => expect(text).toHaveFocus());
    await expect(text).toHaveAccessibleDescription(/Field required/);
    await userEvent.type(text, 'What a lovely day');
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(args.onSubmit).toHaveBeenCalledWith({ text: 'What a lovely day' }));
  },
};

/** predictkit/slow-task:1 — nothing required: the defaults run as they are; failing is opt-in. */
export const SlowTask: Story = {
  name: 'slow-task:1',
  args: { schema: demoVersion('slow-task', 1).input },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(args.onSubmit).toHaveBeenCalledWith({ duration_s: 10, steps: 20 }));
  },
};

/** predictkit/unreliable:1 — a failure rate, whose fault a failure is (two radio buttons), a seed. */
export const Unreliable: Story = {
  name: 'unreliable:1',
  args: { schema: demoVersion('unreliable', 1).input },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const rate = canvas.getByRole('spinbutton', { name: /^Failure rate/ });
    await userEvent.clear(rate);
    await userEvent.type(rate, '0.25');
    await userEvent.click(canvas.getByRole('radio', { name: 'external' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    await waitFor(() =>
      expect(args.onSubmit).toHaveBeenCalledWith({
        failure_rate: 0.25,
        error_source: 'external',
      }),
    );
  },
};
