import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PredictionError } from './PredictionError';

afterEach(cleanup);

describe('PredictionError', () => {
  it('shows the message, the source and the detail', () => {
    render(
      <PredictionError error={{ source: 'internal', message: 'Out of memory', detail: { gpu: 'A100' } }} />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveAttribute('data-source', 'internal');
    expect(alert).toHaveTextContent('The prediction failedModel errorOut of memory');
    expect(screen.getByText('Details')).toBeInTheDocument();
    expect(alert.querySelector('pre')).toHaveTextContent('"gpu": "A100"');
  });

  it('takes an Error, a message, or a prediction; renders nothing without an error', () => {
    const { rerender, container } = render(<PredictionError error={new Error('offline')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('offline');
    rerender(<PredictionError error="timed out" title="Timed out" />);
    expect(screen.getByRole('alert')).toHaveTextContent('Timed out');
    rerender(<PredictionError prediction={{ error: { source: 'external', message: 'Canceled' } }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Request error');
    rerender(<PredictionError prediction={{ error: null }} />);
    expect(container).toBeEmptyDOMElement();
  });
});
