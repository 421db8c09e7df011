/** A source of uniform numbers in [0, 1), the same sequence for the same seed. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/** The largest seed the models accept: seeds are unsigned 32-bit integers, as in most image tools. */
export const MAX_SEED = 0xffffffff;

/**
 * Mulberry32: tiny, fast and good enough for procedural content. The seed goes through a
 * splitmix32 step first so that neighbouring seeds (1, 2, 3…) start from unrelated states.
 */
export function createRandom(seed: number): Random {
  let state = splitmix32(seed >>> 0);
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick() needs a non-empty array');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
  };
}

/** One splitmix32 step: a bijective scramble of a 32-bit integer. */
export function splitmix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a over the string's UTF-16 code units, then scrambled: a stable 32-bit seed from a prompt. */
export function hashString(text: string, salt = 0): number {
  let hash = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return splitmix32(hash);
}

/** Mixes several 32-bit values into one, order-sensitively. */
export function mixSeeds(...values: number[]): number {
  let hash = 0x2545f491;
  for (const value of values) hash = splitmix32(hash ^ (value >>> 0));
  return hash;
}

/**
 * A fresh seed for inputs whose `seed` is null. It comes from Web Crypto rather than Math.random so
 * that two predictions started in the same millisecond still differ.
 */
export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] as number;
}

/** The seed the caller gave, or a fresh one when the input's `seed` is null or missing. */
export function resolveSeed(seed: unknown): number {
  return typeof seed === 'number' && Number.isInteger(seed) ? seed >>> 0 : randomSeed();
}
