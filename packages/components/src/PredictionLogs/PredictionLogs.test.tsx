import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PredictionLogs } from './PredictionLogs';

afterEach(cleanup);

describe('PredictionLogs', () => {
  it('shows setup logs then logs, redrawn lines once, and a progress bar', () => {
    render(
      <PredictionLogs
        prediction={{
          status: 'started',
          setup_logs: ['booting'],
          logs: ['go', ' 10%|█| 1/10\r 40%|████| 4/10'],
        }}
      />,
    );
    expect(screen.getByRole('log', { name: 'Logs' })).toHaveTextContent(/^booting go 40%\|████\| 4\/10$/);
    expect(screen.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '40');
  });

  it('says when there are no logs', () => {
    render(<PredictionLogs logs={[]} />);
    expect(screen.getByText('No logs yet.')).toBeInTheDocument();
  });
});

describe('PredictionLogs progress', () => {
  it('shows a bar printed as a line per step as one line that updates, with the time left', () => {
    const steps = [0, 1, 2, 3].map(
      (n) => `${String(n * 25).padStart(3)}%|██| ${n}/4 [00:0${n}<00:0${4 - n}, 1.00it/s]`,
    );
    render(<PredictionLogs prediction={{ status: 'started', logs: ['starting', ...steps] }} />);
    expect(screen.getByRole('log', { name: 'Logs' }).textContent).toBe(`starting\n${steps[3]}`);
    expect(screen.getByText(/75% · 3\/4 · 00:01 left/)).toBeInTheDocument();
  });

  it('reads a labelled percentage as progress', () => {
    render(
      <PredictionLogs
        prediction={{
          status: 'started',
          logs: ['Image 1/1: 512x512', 'Image 1/1: 25% rendered', 'Image 1/1: 50% rendered'],
        }}
      />,
    );
    const bar = screen.getByRole('progressbar', { name: 'Image 1/1' });
    expect(bar).toHaveAttribute('aria-valuenow', '50');
    expect(bar).toHaveAttribute('aria-valuetext', '50%');
    expect(screen.getByRole('log', { name: 'Logs' }).textContent).toBe(
      'Image 1/1: 512x512\nImage 1/1: 50% rendered',
    );
  });

  it('marks a bar stopped by a cancel, without a stale time left', () => {
    const { container } = render(
      <PredictionLogs prediction={{ status: 'canceled', logs: [' 50%|█ | 2/4 [00:02<00:02, 1.00it/s]'] }} />,
    );
    expect(container.querySelector('[data-slot=logs-progress]')).toHaveAttribute('data-state', 'stopped');
    expect(container.querySelector('[data-slot=logs-progress-text]')?.textContent).not.toMatch(/left/);
    expect(container.querySelector('[data-slot=logs-progress-text]')).toHaveTextContent('stopped (canceled)');
  });
});

describe('PredictionLogs after success', () => {
  it('shows a full bar, whatever the last progress line said', () => {
    render(
      <PredictionLogs prediction={{ status: 'succeeded', logs: ['Image: 75% rendered', 'Image: done'] }} />,
    );
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  });
});
