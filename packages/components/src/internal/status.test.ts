import { isTerminal as coreIsTerminal } from '@predictkit/core';
import { describe, expect, it } from 'vitest';
import { isTerminal, statusKind, statusLabel } from './status';

const API_STATUSES = [
  'pending',
  'started',
  'succeeded',
  'failed',
  'canceled',
  'cancelled',
  'aborted',
  // Replicate's words before core maps them
  'starting',
  'processing',
];

describe('statuses', () => {
  it('folds aliases; anything else is unknown', () => {
    expect(['cancelled', 'aborted', 'canceled'].map(statusKind)).toEqual([
      'canceled',
      'canceled',
      'canceled',
    ]);
    expect(['starting', 'processing'].map(statusKind)).toEqual(['pending', 'started']);
    expect(statusKind('creating')).toBe('pending');
    expect(statusLabel('creating')).toBe('Queued');
    expect(statusLabel('processing')).toBe('Running');
    expect(statusKind('warming_up')).toBe('unknown');
    expect(statusKind('toString')).toBe('unknown');
    expect(statusLabel('warming_up')).toBe('warming_up');
    expect(statusLabel('aborted')).toBe('Aborted');
    expect(statusLabel('started', { started: 'En cours' })).toBe('En cours');
  });

  it('takes the terminal check from core, and gives every status core calls terminal a terminal kind', () => {
    expect(isTerminal).toBe(coreIsTerminal);
    for (const status of API_STATUSES) {
      expect(['succeeded', 'failed', 'canceled'].includes(statusKind(status))).toBe(coreIsTerminal(status));
    }
    // The UI-only state and unknown statuses never end a view's ticking early.
    expect(['canceling', 'warming_up', undefined].some(isTerminal)).toBe(false);
  });
});
