import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import { PredictionStatusBadge } from './PredictionStatusBadge';

const meta = {
  title: 'Components/PredictionStatusBadge',
  component: PredictionStatusBadge,
  args: { status: 'succeeded' },
  argTypes: {
    status: {
      control: 'select',
      options: [
        'pending',
        'started',
        'succeeded',
        'failed',
        'canceled',
        'cancelled',
        'aborted',
        'canceling',
        'warming_up',
      ],
    },
  },
} satisfies Meta<typeof PredictionStatusBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

export const Pending: Story = { args: { status: 'pending' } };

export const Started: Story = {
  args: { status: 'started', since: ago(2_300) },
  play: async ({ canvasElement }) => {
    const badge = canvasElement.querySelector('[data-slot=status-badge]');
    await expect(badge).toHaveAttribute('data-status', 'started');
    await expect(canvasElement.querySelector('[data-slot=spinner]')).toBeInTheDocument();
    await expect(within(canvasElement).getByText('Running')).toBeVisible();
  },
};

export const Succeeded: Story = {
  args: { status: 'succeeded', since: '2026-11-22T10:00:00.000000Z', until: '2026-11-22T10:00:01.532000Z' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('1.5s')).toBeVisible();
  },
};

export const Failed: Story = { args: { status: 'failed' } };
export const Canceled: Story = { args: { status: 'canceled' } };
export const CancelledAlias: Story = { args: { status: 'cancelled' } };
export const AbortedAlias: Story = { args: { status: 'aborted' } };
export const Canceling: Story = { args: { status: 'canceling', since: ago(8_000) } };

export const Unknown: Story = {
  args: { status: 'warming_up' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('warming_up')).toBeVisible();
    await expect(canvasElement.querySelector('[data-slot=status-badge]')).toHaveAttribute(
      'data-status',
      'unknown',
    );
  },
};

export const Labels: Story = { args: { status: 'started', labels: { started: 'En cours' } } };

export const AllStatuses: Story = {
  render: () => (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
      {['pending', 'started', 'canceling', 'succeeded', 'failed', 'canceled', 'aborted', 'warming_up'].map(
        (status) => (
          <PredictionStatusBadge key={status} status={status} />
        ),
      )}
    </div>
  ),
};

function Lifecycle() {
  const [status, setStatus] = useState('pending');
  const [since] = useState(() => new Date().toISOString());
  useEffect(() => {
    const steps = ['started', 'succeeded'];
    const timers = steps.map((s, i) => setTimeout(() => setStatus(s), 400 * (i + 1)));
    return () => timers.forEach(clearTimeout);
  }, []);
  return <PredictionStatusBadge status={status} since={since} announce />;
}

/** Status changes are announced through a polite live region. */
export const AnnouncedLifecycle: Story = {
  render: () => <Lifecycle />,
  play: async ({ canvasElement }) => {
    const region = await within(canvasElement).findByRole('status');
    await expect(region).toHaveTextContent('Queued');
    await expect(await within(canvasElement).findByText('Succeeded', {}, { timeout: 3000 })).toBeVisible();
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Status: Succeeded');
  },
};

/** Every status on the dark theme (the accessibility check covers its contrast too). */
export const AllStatusesDark: Story = {
  ...AllStatuses,
  globals: { theme: 'dark' },
  play: async () => {
    await expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
  },
};

/** The connection has been lost mid-run for a second: the clock stops, and the badge says it is reconnecting. */
export const Paused: Story = {
  args: { status: 'started', since: new Date(Date.now() - 12_000).toISOString(), paused: true },
  play: async ({ canvasElement }) => {
    // The badge waits a second before it says so: `waitFor` would give up at that very moment.
    await waitFor(
      () => expect(canvasElement.querySelector('[data-slot=status-badge]')).toHaveTextContent('reconnecting'),
      { timeout: 5000 },
    );
  },
};
