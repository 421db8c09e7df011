import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { PredictionCode } from '../PredictionCode/PredictionCode';
import { withLocalServer } from '../stories/withLocalServer';
import { PredictionPlayground } from './PredictionPlayground';

// These stories run the demo models of the in-process local server's WriftAI API (see withLocalServer),
// at a tenth of model time; the Replicate stories run the same ones on its Replicate API. They use
// models whose outputs are text or JSON: the server's file URLs point at an origin nothing listens on
// in a browser, so image and audio outputs are shown by the static stories of PredictionOutput and
// PredictionDetails instead.

const meta = {
  title: 'Live/WriftAI/PredictionPlayground',
  component: PredictionPlayground,
  decorators: [withLocalServer],
  args: { model: 'predictkit/echo', onCreated: fn() },
} satisfies Meta<typeof PredictionPlayground>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The panel and its parts, found by what a user sees. */
const parts = (canvasElement: HTMLElement) => {
  const canvas = within(canvasElement);
  const output = () => canvas.getByRole('region', { name: 'Output' });
  return {
    canvas,
    output,
    status: () => within(output()).getByRole('status'),
    badge: () => output().querySelector('[data-slot=status-badge]'),
    recent: () => canvas.getByRole('region', { name: 'Recent predictions' }),
  };
};

const LONG = { timeout: 10_000 };

export const Echo: Story = {
  play: async ({ canvasElement, args }) => {
    const { canvas, output, status, recent } = parts(canvasElement);
    await userEvent.type(await canvas.findByLabelText(/^Text/, {}, LONG), 'Hello from a story');
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(status()).toHaveTextContent('Succeeded'), LONG);
    await expect(output().querySelector('[data-slot=status-badge]')).toHaveAttribute(
      'data-status',
      'succeeded',
    );
    await expect(within(output()).getByText('Hello from a story')).toBeVisible();
    await expect(args.onCreated).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(within(recent()).getAllByRole('listitem')).toHaveLength(1));
  },
};

export const TextGeneratorStreams: Story = {
  args: { model: 'predictkit/text-generator' },
  // At half of model time the tokens arrive slowly enough to watch them stream.
  parameters: { localServer: { timeScale: 0.5 } },
  play: async ({ canvasElement }) => {
    const { canvas, output, status } = parts(canvasElement);
    await userEvent.type(await canvas.findByLabelText(/^Prompt/, {}, LONG), 'Alice was beginning to');
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    // Text shows while the prediction is still running, then the whole of it once it has succeeded.
    await waitFor(() => {
      expect(status()).toHaveTextContent('Running');
      expect(output().querySelector('[data-slot=output-text-body]')?.textContent?.trim()).toBeTruthy();
    }, LONG);
    await waitFor(() => expect(status()).toHaveTextContent('Succeeded'), LONG);
    await expect(output().querySelector('[data-slot=prediction-output]')).toHaveAttribute(
      'data-status',
      'succeeded',
    );
  },
};

export const Sentiment: Story = {
  args: { model: 'predictkit/sentiment' },
  play: async ({ canvasElement }) => {
    const { canvas, output, status } = parts(canvasElement);
    await userEvent.type(
      await canvas.findByLabelText(/^Text/, {}, LONG),
      'I love this playground, it is wonderful!',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(status()).toHaveTextContent('Succeeded'), LONG);
    await expect(within(output()).getByRole('meter', { name: 'positive' })).toBeVisible();
  },
};

/** The code that makes the shown prediction, in a tab beside its output (`renderCode`). */
export const CodeTab: Story = {
  args: { renderCode: (p) => <PredictionCode prediction={p} /> },
  play: async ({ canvasElement }) => {
    const { canvas, output, status } = parts(canvasElement);
    await userEvent.type(await canvas.findByLabelText(/^Text/, {}, LONG), 'Code, please');
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(status()).toHaveTextContent('Succeeded'), LONG);
    await userEvent.click(within(output()).getByRole('tab', { name: 'Code' }));
    await expect(within(output()).getByRole('tabpanel', { name: 'cURL' })).toHaveTextContent(
      '"text": "Code, please"',
    );
  },
};

export const CodeTabDark: Story = { ...CodeTab, globals: { theme: 'dark' } };

export const SlowTaskCanceled: Story = {
  args: { model: 'predictkit/slow-task' },
  play: async ({ canvasElement }) => {
    const { canvas, output, status } = parts(canvasElement);
    const duration = await canvas.findByRole('spinbutton', { name: /^Duration/ }, LONG);
    await userEvent.clear(duration);
    await userEvent.type(duration, '120');
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    // The progress bar is read from the tqdm lines in the logs.
    await waitFor(
      () => expect(within(output()).getByRole('progressbar')).toHaveAttribute('aria-valuenow'),
      LONG,
    );
    await expect(status()).toHaveTextContent('Running');
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(status()).toHaveTextContent('Canceled'), LONG);
    await expect(canvas.queryByRole('button', { name: 'Cancel' })).toBeNull();
    await expect(canvas.getByRole('button', { name: 'Run' })).toBeEnabled();
  },
};

export const UnreliableFails: Story = {
  args: { model: 'predictkit/unreliable' },
  play: async ({ canvasElement }) => {
    const { canvas, output, status } = parts(canvasElement);
    const rate = await canvas.findByRole('spinbutton', { name: /^Failure rate/ }, LONG);
    await userEvent.clear(rate);
    await userEvent.type(rate, '1');
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(status()).toHaveTextContent('Failed'), LONG);
    await expect(within(output()).getByRole('alert')).toHaveTextContent(/Simulated internal error/);
  },
};

export const KeyboardOnly: Story = {
  play: async ({ canvasElement }) => {
    const { canvas, output, status } = parts(canvasElement);
    const text = await canvas.findByLabelText(/^Text/, {}, LONG);
    // From the page's start, Tab reaches the first field; Ctrl+Enter runs; focus is never lost.
    await userEvent.tab();
    await expect(text).toHaveFocus();
    await userEvent.keyboard('Typed, not clicked');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(status()).toHaveTextContent('Succeeded'), LONG);
    await expect(within(output()).getByText('Typed, not clicked')).toBeVisible();
    await expect(text).toHaveFocus();
  },
};

export const ModelNotFound: Story = {
  args: { model: 'predictkit/no-such-model' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('alert', {}, LONG)).toHaveTextContent(
      'Model predictkit/no-such-model was not found',
    );
  },
};
