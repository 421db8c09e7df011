import type { RgbaImage } from './png';

export const IMAGE_FILTERS = [
  'grayscale',
  'sepia',
  'invert',
  'blur',
  'sharpen',
  'edge-detect',
  'pixelate',
] as const;
export type ImageFilter = (typeof IMAGE_FILTERS)[number];

/**
 * A filtered copy of the image. `strength` (0..1) is how far the filter goes: for blur and pixelate
 * it sets the radius or block size (up to 1/50 and 1/24 of the shorter side), for the others it mixes
 * the filtered image over the original. Strength 0 returns an unchanged copy.
 */
export async function applyFilter(
  image: RgbaImage,
  filter: ImageFilter,
  strength: number,
  yieldNow: () => Promise<void> = async () => {},
): Promise<RgbaImage> {
  const { width, height } = image;
  const shorter = Math.min(width, height);
  switch (filter) {
    case 'grayscale':
      return mix(
        image,
        mapPixels(image, (r, g, b) => [luma(r, g, b), luma(r, g, b), luma(r, g, b)]),
        strength,
      );
    case 'sepia':
      return mix(
        image,
        mapPixels(image, (r, g, b) => [
          0.393 * r + 0.769 * g + 0.189 * b,
          0.349 * r + 0.686 * g + 0.168 * b,
          0.272 * r + 0.534 * g + 0.131 * b,
        ]),
        strength,
      );
    case 'invert':
      return mix(
        image,
        mapPixels(image, (r, g, b) => [255 - r, 255 - g, 255 - b]),
        strength,
      );
    case 'blur': {
      const radius = Math.round(strength * Math.max(1, shorter / 50));
      return radius === 0 ? copy(image) : boxBlur(image, radius, yieldNow);
    }
    case 'sharpen':
      return mix(image, await convolve(image, [0, -1, 0, -1, 5, -1, 0, -1, 0], yieldNow), strength);
    case 'edge-detect':
      return mix(image, await sobel(image, yieldNow), strength);
    case 'pixelate': {
      const block = Math.max(1, Math.round(1 + strength * (Math.max(2, shorter / 24) - 1)));
      return block === 1 ? copy(image) : pixelate(image, block);
    }
  }
}

/** Rec. 601 luma, the weighting behind most "grayscale" buttons. */
function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

function copy(image: RgbaImage): RgbaImage {
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data) };
}

function mapPixels(
  image: RgbaImage,
  f: (r: number, g: number, b: number) => [number, number, number],
): RgbaImage {
  const out = copy(image);
  const data = out.data;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = f(data[i] as number, data[i + 1] as number, data[i + 2] as number);
    data[i] = r;
    data[i + 1] = g;
    data[i + 2] = b;
  }
  return out;
}

/** Blends `filtered` over `original` by `amount`; the clamped array rounds and clamps each channel. */
function mix(original: RgbaImage, filtered: RgbaImage, amount: number): RgbaImage {
  if (amount >= 1) return filtered;
  const out = copy(original);
  for (let i = 0; i < out.data.length; i++) {
    const a = original.data[i] as number;
    out.data[i] = a + ((filtered.data[i] as number) - a) * amount;
  }
  return out;
}

/**
 * Three box blurs approximate a Gaussian (central limit theorem) in time independent of the radius.
 * Colors are blurred premultiplied by alpha so transparent pixels do not bleed their hidden color.
 */
async function boxBlur(image: RgbaImage, radius: number, yieldNow: () => Promise<void>): Promise<RgbaImage> {
  const { width, height, data } = image;
  const buffer = new Float32Array(data.length);
  for (let i = 0; i < data.length; i += 4) {
    const alpha = (data[i + 3] as number) / 255;
    buffer[i] = (data[i] as number) * alpha;
    buffer[i + 1] = (data[i + 1] as number) * alpha;
    buffer[i + 2] = (data[i + 2] as number) * alpha;
    buffer[i + 3] = data[i + 3] as number;
  }
  const scratch = new Float32Array(data.length);
  for (let pass = 0; pass < 3; pass++) {
    blurLines(buffer, scratch, width, height, radius, 4, width * 4);
    await yieldNow();
    blurLines(scratch, buffer, height, width, radius, width * 4, 4);
    await yieldNow();
  }
  const out = new Uint8ClampedArray(data.length);
  for (let i = 0; i < data.length; i += 4) {
    const alpha = buffer[i + 3] as number;
    const scale = alpha > 0 ? 255 / alpha : 0;
    out[i] = (buffer[i] as number) * scale;
    out[i + 1] = (buffer[i + 1] as number) * scale;
    out[i + 2] = (buffer[i + 2] as number) * scale;
    out[i + 3] = alpha;
  }
  return { width, height, data: out };
}

/**
 * One box-blur pass along lines of `length` pixels (`step` apart), `count` lines (`lineStep` apart),
 * with a running sum and edge pixels repeated beyond the border.
 */
function blurLines(
  src: Float32Array,
  dst: Float32Array,
  length: number,
  count: number,
  radius: number,
  step: number,
  lineStep: number,
): void {
  const size = radius * 2 + 1;
  const at = (line: number, i: number) => line * lineStep + Math.min(length - 1, Math.max(0, i)) * step;
  for (let line = 0; line < count; line++) {
    for (let c = 0; c < 4; c++) {
      let sum = 0;
      for (let i = -radius; i <= radius; i++) sum += src[at(line, i) + c] as number;
      for (let i = 0; i < length; i++) {
        dst[at(line, i) + c] = sum / size;
        sum += (src[at(line, i + radius + 1) + c] as number) - (src[at(line, i - radius) + c] as number);
      }
    }
  }
}

async function convolve(
  image: RgbaImage,
  kernel: number[],
  yieldNow: () => Promise<void>,
): Promise<RgbaImage> {
  const { width, height, data } = image;
  const out = copy(image);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let ky = -1; ky <= 1; ky++) {
          const sy = Math.min(height - 1, Math.max(0, y + ky));
          for (let kx = -1; kx <= 1; kx++) {
            const sx = Math.min(width - 1, Math.max(0, x + kx));
            sum += (kernel[(ky + 1) * 3 + kx + 1] as number) * (data[(sy * width + sx) * 4 + c] as number);
          }
        }
        out.data[o + c] = sum;
      }
    }
    await yieldNow();
  }
  return out;
}

/** Sobel gradient magnitude of the luma: white edges on black, alpha kept. */
async function sobel(image: RgbaImage, yieldNow: () => Promise<void>): Promise<RgbaImage> {
  const { width, height, data } = image;
  const gray = new Float32Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    gray[i] = luma(data[i * 4] as number, data[i * 4 + 1] as number, data[i * 4 + 2] as number);
  }
  const out = copy(image);
  const at = (x: number, y: number) =>
    gray[Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))] as number;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx =
        at(x + 1, y - 1) +
        2 * at(x + 1, y) +
        at(x + 1, y + 1) -
        at(x - 1, y - 1) -
        2 * at(x - 1, y) -
        at(x - 1, y + 1);
      const gy =
        at(x - 1, y + 1) +
        2 * at(x, y + 1) +
        at(x + 1, y + 1) -
        at(x - 1, y - 1) -
        2 * at(x, y - 1) -
        at(x + 1, y - 1);
      // The magnitude can reach about 1,440; clamping at 255 turns every clear edge fully white.
      const magnitude = Math.min(255, Math.sqrt(gx * gx + gy * gy));
      const o = (y * width + x) * 4;
      out.data[o] = magnitude;
      out.data[o + 1] = magnitude;
      out.data[o + 2] = magnitude;
    }
    await yieldNow();
  }
  return out;
}

/** Averages each block of `block`×`block` pixels (alpha-weighted) and fills the block with it. */
function pixelate(image: RgbaImage, block: number): RgbaImage {
  const { width, height, data } = image;
  const out = new Uint8ClampedArray(data.length);
  for (let by = 0; by < height; by += block) {
    for (let bx = 0; bx < width; bx += block) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      let n = 0;
      const yEnd = Math.min(height, by + block);
      const xEnd = Math.min(width, bx + block);
      for (let y = by; y < yEnd; y++) {
        for (let x = bx; x < xEnd; x++) {
          const o = (y * width + x) * 4;
          const alpha = data[o + 3] as number;
          r += (data[o] as number) * alpha;
          g += (data[o + 1] as number) * alpha;
          b += (data[o + 2] as number) * alpha;
          a += alpha;
          n++;
        }
      }
      for (let y = by; y < yEnd; y++) {
        for (let x = bx; x < xEnd; x++) {
          const o = (y * width + x) * 4;
          out[o] = a > 0 ? r / a : 0;
          out[o + 1] = a > 0 ? g / a : 0;
          out[o + 2] = a > 0 ? b / a : 0;
          out[o + 3] = a / n;
        }
      }
    }
  }
  return { width, height, data: out };
}
