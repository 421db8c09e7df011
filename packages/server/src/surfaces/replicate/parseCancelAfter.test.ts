import { describe, expect, it } from 'vitest';
import { parseCancelAfter } from './parseCancelAfter';

describe('parseCancelAfter', () => {
  it.each([
    ['30s', 30_000],
    ['1m', 60_000],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['30s1m', 90_000],
    ['1.s', 1000],
    ['.5s', 500],
    ['24h', 86_400_000],
    [' 45 ', 45_000],
  ])('%j → %i ms', (header, ms) => {
    expect(parseCancelAfter(header)).toBe(ms);
  });

  it('is undefined when absent, and a 422 for anything else', () => {
    expect(parseCancelAfter(undefined)).toBeUndefined();
    for (const bad of [
      '',
      '0s',
      '0',
      'soon',
      '-5s',
      '5d',
      '1 m',
      's',
      '1e3s',
      '0.0s',
      '.s',
      '600h',
      '1000000000000000h',
    ]) {
      expect(() => parseCancelAfter(bad), bad).toThrow(/Cancel-After should be a duration/);
    }
  });
});
