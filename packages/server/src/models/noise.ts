/** A pseudo-random value in [0, 1) for an integer lattice point: the basis of value noise. */
export function lattice(ix: number, iy: number, seed: number): number {
  let h = Math.imul(ix, 0x27d4eb2d) ^ Math.imul(iy, 0x165667b1) ^ seed;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Smoothly interpolated lattice values: cheaper than gradient noise and plenty for textures. */
export function valueNoise(x: number, y: number, seed: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const u = fx * fx * (3 - 2 * fx);
  const v = fy * fy * (3 - 2 * fy);
  const a = lattice(x0, y0, seed);
  const b = lattice(x0 + 1, y0, seed);
  const c = lattice(x0, y0 + 1, seed);
  const d = lattice(x0 + 1, y0 + 1, seed);
  return a + (b - a) * u + (c - a) * v + (a - b - c + d) * u * v;
}

/**
 * Fractal Brownian motion: octaves of value noise, each at twice the frequency and half the
 * amplitude, normalized back to [0, 1).
 */
export function fbm(x: number, y: number, seed: number, octaves = 5): number {
  let sum = 0;
  let amplitude = 0.5;
  let norm = 0;
  let fx = x;
  let fy = y;
  for (let octave = 0; octave < octaves; octave++) {
    sum += amplitude * valueNoise(fx, fy, seed + octave * 1013);
    norm += amplitude;
    amplitude *= 0.5;
    // A slight rotation between octaves hides the lattice's axis-aligned grain.
    const nx = fx * 1.6 + fy * 1.2;
    fy = fy * 1.6 - fx * 1.2;
    fx = nx;
  }
  return sum / norm;
}

export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}
