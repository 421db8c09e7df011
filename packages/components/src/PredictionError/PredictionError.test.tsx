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

  it('shows nothing for a canceled prediction, though WriftAI keeps an error on it', () => {
    const error = { source: 'external' as const, message: 'Canceled.', detail: { canceled: true } };
    const { container } = render(<PredictionError prediction={{ status: 'canceled', error }} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('PredictionError wording', () => {
  const named = (name: string, message: string, extra: object = {}) =>
    Object.assign(new Error(message), { name }, extra);

  it('says a connection failure plainly, with the client’s message under Details', () => {
    render(
      <PredictionError
        error={named(
          'ConnectionError',
          'getPrediction: cannot reach http://127.0.0.1:8787/v1/predictions/x (fetch failed). Check `baseUrl` and the network.',
        )}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('[data-slot=error-title]')).toHaveTextContent('Cannot reach the service');
    expect(alert.querySelector('[data-slot=error-message]')?.textContent).not.toMatch(/`|baseUrl/);
    expect(alert.querySelector('pre')).toHaveTextContent('ConnectionError: getPrediction: cannot reach');
  });

  it('names an HTTP status in words, and keeps the status and request id for the details', () => {
    render(
      <PredictionError
        error={named('ApiError', 'getPrediction: 404 Prediction not found', {
          status: 404,
          requestId: 'req-1',
          detail: 'Prediction not found',
        })}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('[data-slot=error-title]')).toHaveTextContent('Not found');
    expect(alert.querySelector('pre')).toHaveTextContent('HTTP status: 404');
    expect(alert.querySelector('pre')).toHaveTextContent('Request id: req-1');
  });

  it.each([
    [502, 'Cannot reach the service'],
    [503, 'The service is unavailable'],
    [504, 'No answer in time'],
  ])('says a %i from the server in front of the service is not a model error', (status, title) => {
    render(
      <PredictionError error={named('ApiError', `createPrediction failed with ${status}`, { status })} />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveAttribute('data-source', 'external');
    expect(alert).not.toHaveTextContent('Model error');
    expect(alert.querySelector('[data-slot=error-title]')).toHaveTextContent(title);
  });

  it('says a 500 is the service’s own failure', () => {
    render(
      <PredictionError error={named('ApiError', 'createPrediction failed with 500', { status: 500 })} />,
    );
    expect(screen.getByRole('alert')).toHaveAttribute('data-source', 'internal');
    // No model ran: the request failed at the service.
    expect(screen.getByRole('alert')).toHaveTextContent('Service error');
    expect(screen.getByRole('alert')).not.toHaveTextContent('Model error');
  });
});
