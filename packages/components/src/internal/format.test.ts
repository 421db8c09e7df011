import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRelativeTime, shortVersion } from './format';

describe('formatDuration', () => {
  it.each([
    [0.001, '0ms'],
    [320, '320ms'],
    [1532, '1.5s'],
    [42_000, '42s'],
    [185_000, '3m 05s'],
    [7_440_000, '2h 04m'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatRelativeTime and formatBytes', () => {
  it('formats relative times and sizes', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(formatRelativeTime('2026-11-22T09:57:00Z', now)).toMatch(/3/);
    expect(formatRelativeTime('not a date', now)).toBe('not a date');
    const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
    expect(formatRelativeTime(now + 2_000, now)).toBe(relative.format(0, 'second'));
    expect(formatRelativeTime(now - 119_000, now)).toBe(relative.format(-1, 'minute'));
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
  });
});

describe('shortVersion', () => {
  it('keeps a version number, and shortens a 64-hex version id to its first 8 digits', () => {
    expect(shortVersion(2)).toBe('2');
    expect(shortVersion('c365a99e6113a24968cf5b7c762abc64c2506b63fcfe3d861d7f8fb0549285e9')).toBe('c365a99e');
    expect(shortVersion('v1.2')).toBe('v1.2');
    expect(shortVersion(undefined)).toBeUndefined();
  });
});
