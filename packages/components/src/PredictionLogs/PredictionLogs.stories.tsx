import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { PredictionLogs } from './PredictionLogs';

const meta = {
  title: 'Components/PredictionLogs',
  component: PredictionLogs,
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 720 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof PredictionLogs>;

export default meta;
type Story = StoryObj<typeof meta>;

const bar = (n: number, total = 50) => {
  const pct = Math.round((n / total) * 100);
  const filled = Math.round(pct / 10);
  return `Sampling: ${String(pct).padStart(3)}%|${'█'.repeat(filled)}${' '.repeat(10 - filled)}| ${n}/${total} [00:0${Math.floor(n / 10)}<00:0${Math.floor((total - n) / 10)}, 9.87it/s]`;
};

/** A tqdm progress bar in the logs becomes a progress bar above them. */
export const WithProgress: Story = {
  args: {
    status: 'started',
    logs: ['Loading pipeline…', 'Using seed: 1234', ...[5, 10, 20, 30].map((n) => bar(n))],
  },
  play: async ({ canvasElement }) => {
    const progress = within(canvasElement).getByRole('progressbar', { name: 'Sampling' });
    await expect(progress).toHaveAttribute('aria-valuenow', '60');
  },
};

function Live() {
  const [lines, setLines] = useState<string[]>(['Loading weights…']);
  useEffect(() => {
    const timer = setInterval(
      () =>
        setLines((l) =>
          l.length > 60 ? l : [...l, l.length % 3 ? bar(Math.min(50, l.length)) : `step ${l.length}: ok`],
        ),
      40,
    );
    return () => clearInterval(timer);
  }, []);
  return <PredictionLogs logs={lines} status="started" />;
}

/** New lines scroll into view unless the reader has scrolled up; then a button brings them back. */
export const Following: Story = {
  render: () => <Live />,
  play: async ({ canvasElement }) => {
    const log = within(canvasElement).getByRole('log', { name: 'Logs' });
    await waitFor(() => expect(log.scrollHeight).toBeGreaterThan(log.clientHeight + 100), { timeout: 4000 });
    await waitFor(() => expect(log.scrollHeight - log.scrollTop - log.clientHeight).toBeLessThan(30));
    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
    const jump = await within(canvasElement).findByRole('button', { name: 'New lines' }, { timeout: 3000 });
    await expect(log.scrollTop).toBe(0);
    await userEvent.click(jump);
    await expect(log.scrollHeight - log.scrollTop - log.clientHeight).toBeLessThan(30);
  },
};

export const Empty: Story = { args: { logs: [], status: 'pending' } };

export const Long: Story = {
  args: {
    status: 'succeeded',
    logs: Array.from(
      { length: 500 },
      (_, i) => `[${String(i).padStart(3, '0')}] loss=${(2 / (i + 1)).toFixed(5)} lr=3e-4`,
    ),
  },
};

/** A labelled percentage ("Image 1/2: 50% rendered") is progress too; its lines show as one that updates. */
export const LabelledPercent: Story = {
  args: {
    status: 'started',
    logs: ['Using seed: 7', 'Image: 512x512, style aurora', 'Image: 25% rendered', 'Image: 50% rendered'],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('progressbar', { name: 'Image' })).toHaveAttribute('aria-valuenow', '50');
    await expect(canvas.getByRole('log').textContent).not.toMatch(/25% rendered/);
  },
};

/** Canceled halfway: the bar stops in a neutral colour, says so, and keeps no time left. */
export const StoppedByCancel: Story = {
  args: { status: 'canceled', logs: ['Loading pipeline…', bar(20), bar(25)] },
  play: async ({ canvasElement }) => {
    const text = canvasElement.querySelector('[data-slot=logs-progress-text]');
    await expect(text).toHaveTextContent('stopped (canceled)');
    await expect(text?.textContent).not.toMatch(/left/);
  },
};
