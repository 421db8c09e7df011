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
