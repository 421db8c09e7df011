import { createRandom, hashString } from './random';

export type Rgb = [number, number, number];

/** A color ramp from dark to light, sampled into a 256-entry lookup table for per-pixel speed. */
export interface Palette {
  /** 256 RGB triplets: the ramp at t = i / 255. */
  lut: Uint8Array;
  /** The ramp's key colors, dark to light. */
  stops: Rgb[];
  /** A human-readable summary for the logs, e.g. "hue 210° (ocean), complementary". */
  summary: string;
}

/** Hues (degrees) that words in a prompt ask for; the first one found sets the palette's base hue. */
const HUES: Record<string, number> = {
  red: 0,
  crimson: 350,
  scarlet: 5,
  ruby: 345,
  fire: 15,
  lava: 10,
  coral: 12,
  sunset: 20,
  autumn: 25,
  orange: 30,
  desert: 35,
  amber: 40,
  gold: 45,
  golden: 45,
  sand: 42,
  yellow: 55,
  lemon: 58,
  lime: 85,
  spring: 100,
  green: 120,
  grass: 110,
  forest: 135,
  jungle: 130,
  emerald: 145,
  mint: 155,
  teal: 175,
  turquoise: 172,
  cyan: 185,
  ice: 195,
  frozen: 195,
  sky: 200,
  ocean: 205,
  sea: 205,
  water: 200,
  azure: 210,
  blue: 220,
  sapphire: 225,
  navy: 230,
  night: 235,
  midnight: 240,
  indigo: 250,
  galaxy: 260,
  space: 255,
  violet: 270,
  lavender: 265,
  purple: 280,
  plum: 290,
  magenta: 305,
  pink: 330,
  rose: 340,
  cherry: 348,
};

/**
 * Hue offsets of the five ramp stops, dark to light. The base hue holds the dark half and the most
 * saturated middle stop, so the prompt's color dominates; the scheme's accents light up the top.
 */
const SCHEMES = [
  { name: 'analogous', offsets: [0, -15, 0, 20, 35] },
  { name: 'complementary', offsets: [0, 0, 0, 180, 20] },
  { name: 'triadic', offsets: [0, 0, 0, 120, 240] },
  { name: 'split-complementary', offsets: [0, 0, 10, 150, 210] },
  { name: 'monochrome', offsets: [0, 4, 0, -4, 0] },
];

/**
 * The palette a prompt asks for: a color word sets the base hue (otherwise the prompt's hash does),
 * mood words set saturation and brightness, and the hash picks a color scheme. The same prompt always
 * gives the same palette, whatever the seed.
 */
export function paletteFromPrompt(prompt: string): Palette {
  const words: string[] = prompt.toLowerCase().match(/\p{L}+/gu) ?? [];
  const random = createRandom(hashString(words.join(' '), 0x9a1e77e));
  const named = words.find((word) => HUES[word] !== undefined);
  const hue =
    named === undefined ? random.next() * 360 : (HUES[named] as number) + (random.next() - 0.5) * 16;
  const has = (...candidates: string[]) => candidates.some((word) => words.includes(word));
  let saturation = 0.55 + random.next() * 0.3;
  if (has('pastel', 'soft', 'faded', 'muted', 'misty', 'foggy')) saturation = 0.3;
  if (has('neon', 'vivid', 'vibrant', 'electric', 'bright', 'psychedelic')) saturation = 0.95;
  if (has('monochrome', 'grayscale', 'greyscale', 'black', 'white', 'noir')) saturation = 0.04;
  let lightness = 0;
  if (has('dark', 'night', 'midnight', 'shadow', 'gloomy', 'space', 'deep')) lightness = -0.12;
  if (has('light', 'bright', 'sunny', 'pale', 'day', 'snow')) lightness = 0.1;
  const scheme = random.pick(SCHEMES);

  const stops: Rgb[] = [];
  const count = 5;
  for (let i = 0; i < count; i++) {
    const t = i / (count - 1);
    const offset = scheme.offsets[i] as number;
    const l = Math.min(0.95, Math.max(0.04, 0.08 + t * 0.8 + lightness));
    // The darkest and lightest stops lose some saturation, as shadows and highlights do.
    const s = saturation * (1 - 0.45 * Math.abs(t - 0.5) * 2);
    stops.push(hslToRgb(hue + offset + (random.next() - 0.5) * 10, s, l));
  }
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const position = (i / 255) * (count - 1);
    const index = Math.min(count - 2, Math.floor(position));
    const f = position - index;
    const a = stops[index] as Rgb;
    const b = stops[index + 1] as Rgb;
    for (let c = 0; c < 3; c++)
      lut[i * 3 + c] = Math.round((a[c] as number) * (1 - f) + (b[c] as number) * f);
  }
  const hueText = `hue ${Math.round(((hue % 360) + 360) % 360)}°${named === undefined ? '' : ` (${named})`}`;
  return { lut, stops, summary: `${hueText}, ${scheme.name}` };
}

/** HSL (hue in degrees, saturation and lightness in 0..1) to 8-bit RGB. */
export function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const h = (((hue % 360) + 360) % 360) / 360;
  const q = lightness < 0.5 ? lightness * (1 + saturation) : lightness + saturation - lightness * saturation;
  const p = 2 * lightness - q;
  const channel = (offset: number) => {
    let t = h + offset;
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    if (t < 1 / 6) return p + (q - p) * 6 * t;
    if (t < 1 / 2) return q;
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
    return p;
  };
  return [Math.round(channel(1 / 3) * 255), Math.round(channel(0) * 255), Math.round(channel(-1 / 3) * 255)];
}
