import { describe, expect, it } from 'vitest';
import { parseDuration } from './parseDuration';

describe('parseDuration', () => {
  it.each([
    ['PT1.532S', 1532],
    ['PT0.250S', 250],
    ['PT2M3S', 123_000],
    ['PT1H', 3_600_000],
    ['P1DT2H', 93_600_000],
    ['1.532', 1532],
    ['12', 12_000],
    ['0:00:01.532000', 1532],
    ['1:02:03', 3_723_000],
    [' PT1S ', 1000],
    [1.5, 1500],
    [0, 0],
  ])('reads %j as %d ms', (value, ms) => {
    expect(parseDuration(value)).toBe(ms);
  });

  it('keeps microseconds', () => {
    expect(parseDuration('PT0.000001S')).toBe(0.001);
  });

  it.each([
    null,
    undefined,
    '',
    'P',
    'PT',
    'P1Y',
    'P1M',
    'P1W',
    'PT0,5S',
    '1 day, 0:00:01',
    '-PT1S',
    '1:2:3',
    '0:60:00',
    'soon',
    '1.5s',
    Number.NaN,
    -1,
    Number.POSITIVE_INFINITY,
  ])('gives null for %j', (value) => {
    expect(parseDuration(value as string)).toBeNull();
  });
});
