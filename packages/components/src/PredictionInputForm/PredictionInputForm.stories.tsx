import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { withLocalServer } from '../stories/withLocalServer';
import { PredictionInputForm } from './PredictionInputForm';

// Live: each story runs the in-process local server's WriftAI API (see withLocalServer); the
// Replicate stories run the same ones on its Replicate API.

const meta = {
  title: 'Live/WriftAI/PredictionInputForm',
  component: PredictionInputForm,
  decorators: [
    withLocalServer,
    (Story) => (
      <div style={{ maxWidth: 560 }}>
        <Story />
      </div>
    ),
  ],
  args: { model: 'predictkit/echo', onCreated: fn() },
} satisfies Meta<typeof PredictionInputForm>;

export default meta;
type Story = StoryObj<typeof meta>;

const LONG = { timeout: 10_000 };

export const Echo: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText(/^Text/, {}, LONG), 'Hello');
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(args.onCreated).toHaveBeenCalledTimes(1), LONG);
    await expect(args.onCreated).toHaveBeenCalledWith(
      expect.objectContaining({ input: { text: 'Hello', delay_ms: 0 } }),
    );
  },
};

/**
 * The built-in validator takes any URL for a file field; this server reads only `data:` URIs and its own
 * files, so its `422` is what lands on the field, and the URL stays as typed.
 */
export const ServerValidationError: Story = {
  args: { model: 'predictkit/image-filter' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const url = await canvas.findByRole('textbox', { name: 'Image URL' }, LONG);
    await userEvent.click(url);
    await userEvent.paste('https://example.com/cat.png');
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'), LONG);
    const group = canvas.getByRole('group', { name: /^Image/ });
    await expect(group).toHaveAccessibleDescription(/URL not accepted/);
    await expect(url).toHaveValue('https://example.com/cat.png');
    await expect(url).toHaveFocus();
    await expect(args.onCreated).not.toHaveBeenCalled();
  },
};

export const SlowTaskCancel: Story = {
  args: { model: 'predictkit/slow-task' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const duration = await canvas.findByRole('spinbutton', { name: /^Duration/ }, LONG);
    await userEvent.clear(duration);
    await userEvent.type(duration, '120');
    await userEvent.click(canvas.getByRole('button', { name: 'Run' }));
    const cancel = await canvas.findByRole('button', { name: 'Cancel' }, LONG);
    await expect(canvas.getByRole('button', { name: 'Run' })).toBeDisabled();
    await userEvent.click(cancel);
    await waitFor(() => expect(canvas.queryByRole('button', { name: 'Cancel' })).toBeNull(), LONG);
    await expect(canvasElement.querySelector('[data-slot=prediction-input-form]')).toHaveAttribute(
      'data-status',
      'canceled',
    );
    await expect(canvas.getByRole('button', { name: 'Run' })).toHaveFocus();
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
