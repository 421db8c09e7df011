import { describe, expect, it } from 'vitest';
import { createRandom, hashString, MAX_SEED, mixSeeds, randomSeed, resolveSeed } from './random';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs between neighbouring seeds', () => {
    const a = Array.from({ length: 5 }, createRandom(42).next);
    const b = Array.from({ length: 5 }, createRandom(42).next);
    const c = Array.from({ length: 5 }, createRandom(43).next);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('stays in range and is roughly uniform', () => {
    const random = createRandom(7);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10000; i++) {
      const value = random.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      buckets[Math.floor(value * 10)]++;
    }
    for (const count of buckets) expect(count).toBeGreaterThan(850);
    const ints = new Set(Array.from({ length: 200 }, () => random.int(1, 3)));
    expect([...ints].sort()).toEqual([1, 2, 3]);
    expect(() => random.pick([])).toThrow(RangeError);
  });
});

describe('seeds', () => {
  it('hashes strings stably and order-sensitively', () => {
    expect(hashString('a cat')).toBe(hashString('a cat'));
    expect(hashString('a cat')).not.toBe(hashString('a bat'));
    expect(hashString('a cat', 1)).not.toBe(hashString('a cat'));
    expect(mixSeeds(1, 2)).not.toBe(mixSeeds(2, 1));
  });

  it('keeps a given seed and draws a fresh unsigned 32-bit one for null', () => {
    expect(resolveSeed(1234)).toBe(1234);
    expect(resolveSeed(MAX_SEED)).toBe(MAX_SEED);
    const fresh = new Set(Array.from({ length: 20 }, () => resolveSeed(null)));
    expect(fresh.size).toBeGreaterThan(15);
    const seed = randomSeed();
    expect(Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED).toBe(true);
  });
});
