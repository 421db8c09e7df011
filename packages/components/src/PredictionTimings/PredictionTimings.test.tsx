import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makePrediction } from '../fixtures/predictions';
import { PredictionTimings } from './PredictionTimings';
import { predictionTimings } from './predictionTimingsData';

afterEach(cleanup);

const base = { created_at: '2026-11-22T10:00:00.000000Z', updated_at: '2026-11-22T10:00:02.150000Z' };

describe('predictionTimings', () => {
  it('splits a finished prediction into queued, setup and running', () => {
    expect(
      predictionTimings(
        { ...base, status: 'succeeded', setup_time: 'PT0.250S', execution_time: 'PT1.532S' },
        0,
      ),
    ).toEqual({
      phases: [
        { phase: 'queued', ms: 368 },
        { phase: 'setup', ms: 250 },
        { phase: 'running', ms: 1532 },
      ],
      total: 2150,
    });
  });

  it('grows the current phase with now', () => {
    const now = Date.parse('2026-11-22T10:00:05Z');
    expect(
      predictionTimings({ ...base, status: 'pending', setup_time: null, execution_time: null }, now).phases,
    ).toEqual([{ phase: 'queued', ms: 5000 }]);
    expect(
      predictionTimings({ ...base, status: 'started', setup_time: 'PT1S', execution_time: null }, now),
    ).toEqual({
      phases: [
        { phase: 'setup', ms: 1000 },
        { phase: 'running', ms: 4000 },
      ],
      total: 5000,
    });
  });

  it('reads the times with core’s parseDuration, so a view and the client agree on every format', () => {
    const timings = predictionTimings(
      // `H:M:S` without two-digit minutes is no Python timedelta.
      { ...base, status: 'succeeded', setup_time: 'PT0.25S', execution_time: '1:2:3' },
      0,
    );
    expect(timings.phases).toEqual([
      { phase: 'queued', ms: 1900 },
      { phase: 'setup', ms: 250 },
    ]);
    expect(
      predictionTimings({ ...base, status: 'started', setup_time: 'P1DT2H', execution_time: null }, 0)
        .phases[0],
    ).toEqual({
      phase: 'setup',
      ms: 93_600_000,
    });
  });

  it('survives missing and unreadable times', () => {
    expect(
      predictionTimings(
        { ...base, created_at: 'garbage', status: 'failed', setup_time: 'x', execution_time: null },
        0,
      ),
    ).toEqual({
      phases: [],
      total: null,
    });
  });
});

describe('PredictionTimings', () => {
  it('lists each phase and the total', () => {
    const { container } = render(<PredictionTimings prediction={makePrediction()} />);
    expect(container.querySelector('[data-slot=prediction-timings]')).toHaveAttribute(
      'data-status',
      'succeeded',
    );
    expect(screen.getByText('Queued').nextElementSibling).toHaveTextContent('368ms');
    expect(screen.getByText('Total').nextElementSibling).toHaveTextContent('2.1s');
  });
});

describe('PredictionTimings bar', () => {
  it('draws no segment for phases that took no time, and none at all when every phase took 0 ms', () => {
    const at = '2026-11-22T10:00:00.000000Z';
    const { container, rerender } = render(
      <PredictionTimings
        prediction={{
          status: 'succeeded',
          created_at: at,
          updated_at: at,
          setup_time: 'PT0S',
          execution_time: 'PT0S',
        }}
      />,
    );
    expect(container.querySelectorAll('[data-slot=timings-segment]')).toHaveLength(0);
    rerender(
      <PredictionTimings
        prediction={{
          status: 'succeeded',
          created_at: at,
          updated_at: '2026-11-22T10:00:02.000000Z',
          setup_time: 'PT0S',
          execution_time: 'PT2S',
        }}
      />,
    );
    const segments = container.querySelectorAll<HTMLElement>('[data-slot=timings-segment]');
    expect([...segments].map((s) => s.dataset.phase)).toEqual(['running']);
  });
});
