import { wriftai } from '@predictkit/core';
import { replicate } from '@predictkit/core/replicate';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { withLocalServer } from '../stories/withLocalServer';
import { PredictionCode } from './PredictionCode';

const meta = {
  title: 'Components/PredictionCode',
  component: PredictionCode,
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 720 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof PredictionCode>;

export default meta;
type Story = StoryObj<typeof meta>;

const input = {
  prompt: 'A "quiet" morning\nby the sea, it\'s café time ☕',
  num_outputs: 2,
  guidance: 7.5,
  safe: true,
};

/** WriftAI: cURL, TypeScript with PredictKit and Python's `wriftai` client; the token is a variable. */
export const WriftAI: Story = {
  args: { provider: wriftai, model: 'predictkit/image-generator:1', input },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'cURL',
      'TypeScript',
      'Python',
    ]);
    await expect(canvas.getByRole('tabpanel', { name: 'cURL' })).toHaveTextContent('$WRIFTAI_ACCESS_TOKEN');
    canvas.getByRole('tab', { name: 'cURL' }).focus();
    await userEvent.keyboard('{End}');
    const python = canvas.getByRole('tabpanel', { name: 'Python' });
    await expect(python).toHaveTextContent(
      '"prompt": "A \\"quiet\\" morning\\nby the sea, it\'s café time ☕"',
    );
    await expect(python).toHaveTextContent('"safe": True');
    await expect(within(python).getByRole('button', { name: 'Copy' })).toBeVisible();
  },
};

/** Replicate: the official client is the `replicate` JavaScript package. */
export const Replicate: Story = {
  args: { provider: replicate, model: `predictkit/image-generator:${'5c7d5dc6'.repeat(8)}`, input },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('tab', { name: 'JavaScript' }));
    await expect(canvas.getByRole('tabpanel', { name: 'JavaScript' })).toHaveTextContent(
      'auth: process.env.REPLICATE_API_TOKEN',
    );
  },
};

/** Before any prediction: what it needs. */
export const NoPredictionYet: Story = {
  args: { provider: wriftai },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/Run the model to see the code/)).toBeVisible();
  },
};

/** The provider of the app's client decides the tabs: here the local server's Replicate surface. */
export const FromTheClient: Story = {
  decorators: [withLocalServer],
  parameters: { localApi: 'replicate' },
  args: { model: 'predictkit/echo', input: { text: 'Hello' } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('tab', { name: 'JavaScript' })).toBeVisible();
  },
};

export const WriftAIDark: Story = { ...WriftAI, globals: { theme: 'dark' } };
export const ReplicateDark: Story = { ...Replicate, globals: { theme: 'dark' } };
