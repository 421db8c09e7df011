import { fbm, lattice, smoothstep } from './noise';
import type { Palette } from './palette';
import type { Random } from './random';

export const IMAGE_STYLES = ['aurora', 'mosaic', 'waves', 'nebula', 'stripes'] as const;
export type ImageStyle = (typeof IMAGE_STYLES)[number];

/**
 * Colors one pixel. `x` and `y` are centered and scaled by the image's shorter side (so the short
 * side spans -0.5..0.5), which makes a picture the same at every resolution; the color goes into
 * `out` as 0..255 floats.
 */
export type Shader = (x: number, y: number, out: Float64Array) => void;

/**
 * A shader for the style. The palette sets the colors; `random` (seeded from the prompt and the seed)
 * sets the composition; `pixel` is one pixel's size in shader units, for antialiasing.
 */
export function createShader(style: ImageStyle, palette: Palette, random: Random, pixel: number): Shader {
  const seeds = Array.from({ length: 6 }, () => random.int(0, 0x7fffffff));
  switch (style) {
    case 'aurora':
      return aurora(palette, random, seeds, pixel);
    case 'mosaic':
      return mosaic(palette, random, seeds);
    case 'waves':
      return waves(palette, random);
    case 'nebula':
      return nebula(palette, random, seeds, pixel);
    case 'stripes':
      return stripes(palette, random, seeds, pixel);
  }
}

function paint(out: Float64Array, palette: Palette, t: number, brightness = 1): void {
  const i = Math.max(0, Math.min(255, Math.round(t * 255))) * 3;
  out[0] = (palette.lut[i] as number) * brightness;
  out[1] = (palette.lut[i + 1] as number) * brightness;
  out[2] = (palette.lut[i + 2] as number) * brightness;
}

function addPaint(out: Float64Array, palette: Palette, t: number, amount: number): void {
  const i = Math.max(0, Math.min(255, Math.round(t * 255))) * 3;
  out[0] = (out[0] as number) + (palette.lut[i] as number) * amount;
  out[1] = (out[1] as number) + (palette.lut[i + 1] as number) * amount;
  out[2] = (out[2] as number) + (palette.lut[i + 2] as number) * amount;
}

/** Sparse stars on a grid of roughly two-pixel cells, independent of the image's size. */
function star(x: number, y: number, seed: number, pixel: number, density: number): number {
  const cell = pixel * 2;
  const value = lattice(Math.floor(x / cell), Math.floor(y / cell), seed);
  return value > 1 - density ? (value - (1 - density)) / density : 0;
}

/** Glowing curtains hanging in a night sky over a dark, hilly horizon. */
function aurora(palette: Palette, random: Random, seeds: number[], pixel: number): Shader {
  const curtains = Array.from({ length: random.int(2, 3) }, (_, i) => ({
    base: -0.24 + random.next() * 0.3,
    amplitude: 0.06 + random.next() * 0.12,
    frequency: 1.2 + random.next() * 2,
    width: 0.04 + random.next() * 0.05,
    tone: 0.6 + random.next() * 0.4,
    seed: (seeds[i] as number) + 17,
  }));
  const horizonSeed = seeds[4] as number;
  const starSeed = seeds[5] as number;
  const horizon = 0.3 + random.next() * 0.12;
  return (x, y, out) => {
    const sky = 0.02 + 0.22 * Math.max(0, y + 0.5);
    paint(out, palette, sky * 0.6, 0.6);
    let glow = 0;
    for (const curtain of curtains) {
      const center =
        curtain.base + curtain.amplitude * (fbm(x * curtain.frequency, 0.5, curtain.seed, 4) * 2 - 1);
      const d = y - center;
      // Rays fade slowly upward but the lower hem is sharp, as real auroras look.
      const profile =
        d < 0 ? Math.exp(d / (curtain.width * 3)) : Math.exp(-(d * d) / (0.3 * curtain.width ** 2));
      if (profile < 0.01) continue;
      const warp = fbm(x * 4, y * 1.5, curtain.seed + 3, 3) * 3;
      const streaks = 0.3 + 0.7 * fbm(x * 26 + warp, y * 1.2, curtain.seed + 5, 3);
      const intensity = profile * streaks;
      glow += intensity;
      addPaint(out, palette, curtain.tone - 0.35 * (1 - profile), intensity * 1.1);
    }
    const twinkle = star(x, y, starSeed, pixel, 0.004) * Math.max(0, 1 - glow * 2);
    if (twinkle > 0) {
      out[0] = (out[0] as number) + 255 * twinkle;
      out[1] = (out[1] as number) + 255 * twinkle;
      out[2] = (out[2] as number) + 255 * twinkle;
    }
    const ground = horizon + 0.05 * (fbm(x * 3, 0, horizonSeed, 4) * 2 - 1);
    if (y > ground) paint(out, palette, 0.04, 0.35 + 0.3 * Math.min(1, glow));
  };
}

/** Voronoi tiles in palette colors, separated by dark grout lines. */
function mosaic(palette: Palette, random: Random, seeds: number[]): Shader {
  const cells = 5 + random.int(0, 9);
  const [seedX = 0, seedY = 0, seedColor = 0] = seeds;
  const jitter = 0.55 + random.next() * 0.4;
  return (x, y, out) => {
    const px = (x + 0.5) * cells;
    const py = (y + 0.5) * cells;
    const cx = Math.floor(px);
    const cy = Math.floor(py);
    let f1 = Number.POSITIVE_INFINITY;
    let f2 = Number.POSITIVE_INFINITY;
    let nearestX = 0;
    let nearestY = 0;
    for (let j = -1; j <= 1; j++) {
      for (let i = -1; i <= 1; i++) {
        const gx = cx + i;
        const gy = cy + j;
        const dx = gx + 0.5 + (lattice(gx, gy, seedX) - 0.5) * jitter - px;
        const dy = gy + 0.5 + (lattice(gx, gy, seedY) - 0.5) * jitter - py;
        const d = Math.sqrt(dx * dx + dy * dy);
        if (d < f1) {
          f2 = f1;
          f1 = d;
          nearestX = gx;
          nearestY = gy;
        } else if (d < f2) {
          f2 = d;
        }
      }
    }
    const tile = 0.2 + 0.8 * lattice(nearestX, nearestY, seedColor);
    const grout = smoothstep(0.02, 0.07, f2 - f1);
    const shade = 0.78 + 0.22 * (1 - Math.min(1, f1));
    paint(out, palette, tile, shade * grout + 0.12 * (1 - grout));
  };
}

/** Ripples from a few point sources, interfering, mapped through the palette. */
function waves(palette: Palette, random: Random): Shader {
  const sources = Array.from({ length: random.int(3, 6) }, () => ({
    x: (random.next() - 0.5) * 1.4,
    y: (random.next() - 0.5) * 1.4,
    k: (2 * Math.PI) / (0.05 + random.next() * 0.09),
    phase: random.next() * 2 * Math.PI,
  }));
  const count = sources.length;
  return (x, y, out) => {
    let sum = 0;
    for (const source of sources) {
      const dx = x - source.x;
      const dy = y - source.y;
      sum += Math.sin(Math.sqrt(dx * dx + dy * dy) * source.k + source.phase);
    }
    const t = smoothstep(0, 1, 0.5 + (0.5 * sum) / Math.sqrt(count));
    paint(out, palette, 0.08 + 0.9 * t);
  };
}

/** Domain-warped fractal clouds of gas over a star field. */
function nebula(palette: Palette, random: Random, seeds: number[], pixel: number): Shader {
  const scale = 2.2 + random.next() * 1.8;
  const offsetX = random.next() * 100;
  const offsetY = random.next() * 100;
  const [s1 = 0, s2 = 0, s3 = 0, starSeed = 0] = seeds;
  return (x, y, out) => {
    const px = x * scale + offsetX;
    const py = y * scale + offsetY;
    const qx = fbm(px, py, s1, 4);
    const qy = fbm(px + 5.2, py + 1.3, s2, 4);
    const r = fbm(px + 4 * qx, py + 4 * qy, s3, 5);
    const density = smoothstep(0.32, 0.82, r);
    paint(out, palette, 0.06 + 0.9 * density * (0.55 + 0.45 * qx), 0.2 + 0.9 * density);
    const twinkle = star(x, y, starSeed, pixel, 0.006) * (1 - density * 0.8);
    if (twinkle > 0) {
      out[0] = (out[0] as number) + 230 * twinkle;
      out[1] = (out[1] as number) + 230 * twinkle;
      out[2] = (out[2] as number) + 255 * twinkle;
    }
  };
}

/** Bands at an angle, bent by noise, each in a palette color, with antialiased edges. */
function stripes(palette: Palette, random: Random, seeds: number[], pixel: number): Shader {
  const angle = random.next() * Math.PI;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const period = 0.04 + random.next() * 0.08;
  const wobble = 0.02 + random.next() * 0.08;
  const frequency = 1.5 + random.next() * 3;
  const [noiseSeed = 0, colorSeed = 0] = seeds;
  const edge = pixel / period;
  const tone = (band: number) => 0.15 + 0.82 * lattice(band, 7, colorSeed);
  return (x, y, out) => {
    const u = x * cos + y * sin + wobble * (fbm(x * frequency, y * frequency, noiseSeed, 4) * 2 - 1);
    const position = u / period;
    const band = Math.floor(position);
    const blend = smoothstep(1 - edge, 1, position - band);
    paint(out, palette, tone(band) * (1 - blend) + tone(band + 1) * blend);
  };
}
