import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRelativeTime, parseDuration } from './duration';
import { isTerminal, statusKind, statusLabel } from './status';

describe('durations', () => {
  it.each([
    ['PT1.532S', 1532],
    ['PT0.250S', 250],
    ['PT2M3.5S', 123_500],
    ['PT1H', 3_600_000],
    ['P1DT1S', 86_401_000],
    ['1.532', 1532],
    ['0:00:01.532000', 1532],
    ['1:02:03', 3_723_000],
    ['1 day, 0:00:01', 86_401_000],
    [2, 2000],
    ['P', null],
    ['PT', null],
    ['soon', null],
    [null, null],
    [undefined, null],
    [-1, null],
  ])('parses %j as %j ms', (value, ms) => {
    expect(parseDuration(value)).toBe(ms);
  });

  it.each([
    [320, '320ms'],
    [1532, '1.5s'],
    [42_000, '42s'],
    [185_000, '3m 05s'],
    [7_440_000, '2h 04m'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('formats relative times and sizes', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(formatRelativeTime('2026-11-22T09:57:00Z', now)).toMatch(/3/);
    expect(formatRelativeTime('not a date', now)).toBe('not a date');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
  });
});

describe('statuses', () => {
  it('folds aliases and knows terminal statuses; anything else is unknown and not terminal', () => {
    expect(['cancelled', 'aborted', 'canceled'].map(statusKind)).toEqual([
      'canceled',
      'canceled',
      'canceled',
    ]);
    expect(statusKind('warming_up')).toBe('unknown');
    expect(statusKind('toString')).toBe('unknown');
    expect(['succeeded', 'failed', 'aborted'].every(isTerminal)).toBe(true);
    expect(['pending', 'started', 'canceling', 'warming_up'].some(isTerminal)).toBe(false);
    expect(statusLabel('warming_up')).toBe('warming_up');
    expect(statusLabel('aborted')).toBe('Aborted');
    expect(statusLabel('started', { started: 'En cours' })).toBe('En cours');
  });
});
