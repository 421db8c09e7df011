import { describe, expect, it } from 'vitest';
import { preferWaitSeconds } from './preferWait';

describe('preferWaitSeconds', () => {
  it.each([
    ['wait=5', undefined, 5],
    ['wait=0', undefined, 1],
    ['wait=999', undefined, 60],
    ['respond-async, wait=10', undefined, 10],
    ['WAIT = 7', undefined, 7],
    ['wait', undefined, undefined],
    ['wait', 60, 60],
    ['respond-async; wait', 60, 60],
    ['waiting=5', 60, undefined],
    ['wait=x', 60, undefined],
    ['', 60, undefined],
    [undefined, 60, undefined],
  ])('%j (bare wait = %j) → %j', (header, bare, expected) => {
    expect(preferWaitSeconds(header, bare)).toBe(expected);
  });
});
