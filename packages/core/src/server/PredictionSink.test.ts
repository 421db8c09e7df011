import { describe, expect, it, vi } from 'vitest';
import type { Prediction } from '../types';
import { handToSinks } from './PredictionSink';

const prediction = (fields: Partial<Prediction>): Prediction => ({
  id: 'p1',
  model: { owner: 'predictkit', name: 'echo' },
  created_at: '2026-12-01T00:00:00.000000Z',
  updated_at: '2026-12-01T00:00:01.000000Z',
  status: 'succeeded',
  setup_time: null,
  execution_time: null,
  input: { text: 'hi' },
  output: 'hi',
  ...fields,
});

describe('handToSinks', () => {
  it('hands a finished prediction on, and not one still running', () => {
    const log = vi.fn();
    expect(handToSinks([{ log }], prediction({ status: 'processing' }), vi.fn())).toBe(false);
    expect(log).not.toHaveBeenCalled();
    expect(handToSinks([{ log }], prediction({}), vi.fn())).toBe(true);
    expect(log).toHaveBeenCalledOnce();
  });

  it('logs nothing of a prediction whose data the service removed, as if it had no input or output', () => {
    const log = vi.fn();
    const removed = prediction({ input: {}, output: null, data_removed: true });
    // Counted as handed on, so that a later read does not try again.
    expect(handToSinks([{ log }], removed, vi.fn())).toBe(true);
    expect(log).not.toHaveBeenCalled();
  });
});
