import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makePrediction } from '../fixtures/predictions';
import { textGenerationSchema, textOutputSchema } from '../fixtures/schemas';
import { PredictionDetails } from './PredictionDetails';

afterEach(cleanup);

describe('PredictionDetails', () => {
  it('shows status, model, id, timings, input in schema order, output, logs', () => {
    render(
      <PredictionDetails
        prediction={makePrediction()}
        inputSchema={textGenerationSchema}
        outputSchema={textOutputSchema}
      />,
    );
    expect(screen.getByRole('article', { name: 'predictkit/text-generator:2' })).toHaveAttribute(
      'data-status',
      'succeeded',
    );
    expect(screen.getByRole('status')).toHaveTextContent('Succeeded');
    expect(screen.getByText('497f6eca-6276-4993-bfeb-53cbbbba6f08')).toBeInTheDocument();
    expect(screen.getAllByRole('term').map((t) => t.textContent)).toEqual([
      'Queued',
      'Setup',
      'Running',
      'Total',
      'Prompt',
      'Max Tokens',
      'Temperature',
    ]);
    expect(screen.getByText(/the year exhales slow/)).toBeInTheDocument();
    expect(screen.getByRole('log')).toHaveTextContent('loading weights');
  });

  it('shows the error of a failed prediction, and copes with an unreadable input schema', () => {
    render(
      <PredictionDetails
        prediction={makePrediction({
          status: 'failed',
          output: null,
          error: { source: 'internal', message: 'Boom' },
        })}
        inputSchema={{ type: 'object', properties: 'nope' }}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Boom');
    expect(screen.getByText('Max tokens')).toBeInTheDocument();
  });
});
