import { deflate, inflate } from './zlib';

/** 8-bit RGBA pixels, row by row, with no padding: the same layout as the DOM's `ImageData`. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * The default limit of `decodePng`, so that a small, highly compressed upload cannot make the
 * server allocate gigabytes.
 */
export const MAX_PNG_PIXELS = 4096 * 4096;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const ColorType = { Gray: 0, Rgb: 2, Palette: 3, GrayAlpha: 4, Rgba: 6 } as const;
type ColorType = (typeof ColorType)[keyof typeof ColorType];

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const BIT_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** Whether the bytes start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNATURE.length && SIGNATURE.every((byte, i) => bytes[i] === byte);
}

/**
 * Encodes 8-bit RGBA as a PNG. Fully opaque images are stored as RGB, and each row gets the filter
 * with the smallest sum of absolute differences (libpng's heuristic), which keeps smooth procedural
 * images several times smaller than unfiltered rows would.
 */
export async function encodePng(image: RgbaImage): Promise<Uint8Array> {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`PNG dimensions must be positive integers; got ${width}x${height}`);
  }
  if (data.length !== width * height * 4) {
    throw new RangeError(
      `Expected ${width * height * 4} bytes of RGBA for ${width}x${height}; got ${data.length}`,
    );
  }
  const opaque = isOpaque(data);
  const channels = opaque ? 3 : 4;
  const stride = width * channels;
  const raw = new Uint8Array(stride * height);
  if (opaque) {
    for (let src = 0, dst = 0; src < data.length; src += 4, dst += 3) {
      raw[dst] = data[src] as number;
      raw[dst + 1] = data[src + 1] as number;
      raw[dst + 2] = data[src + 2] as number;
    }
  } else {
    raw.set(data);
  }

  const filtered = new Uint8Array((stride + 1) * height);
  const candidates = Array.from({ length: 5 }, () => new Uint8Array(stride));
  const zeros = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = raw.subarray(y * stride, (y + 1) * stride);
    const prev = y === 0 ? zeros : raw.subarray((y - 1) * stride, y * stride);
    let best = 0;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let type = 0; type < 5; type++) {
      const out = candidates[type] as Uint8Array;
      filterRow(type, row, prev, channels, out);
      let cost = 0;
      for (let i = 0; i < stride; i++) {
        const v = out[i] as number;
        cost += v < 128 ? v : 256 - v;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = type;
      }
    }
    filtered[y * (stride + 1)] = best;
    filtered.set(candidates[best] as Uint8Array, y * (stride + 1) + 1);
  }

  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8;
  header[9] = opaque ? ColorType.Rgb : ColorType.Rgba;
  return concat([
    Uint8Array.from(SIGNATURE),
    chunk('IHDR', header),
    chunk('IDAT', await deflate(filtered)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/**
 * Decodes a non-interlaced PNG of any standard color type and bit depth into 8-bit RGBA, honouring
 * `tRNS` transparency. 16-bit samples keep their high byte.
 */
export async function decodePng(bytes: Uint8Array, options: { maxPixels?: number } = {}): Promise<RgbaImage> {
  const maxPixels = options.maxPixels ?? MAX_PNG_PIXELS;
  if (!isPng(bytes)) throw new Error('Not a PNG image: the PNG signature is missing');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: PngHeader | undefined;
  let palette: Uint8Array | undefined;
  let transparency: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  let offset = SIGNATURE.length;
  let ended = false;
  while (!ended) {
    if (offset + 12 > bytes.length) throw new Error('Corrupt PNG: the file ends before the IEND chunk');
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const dataStart = offset + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > bytes.length)
      throw new Error(`Corrupt PNG: the ${type} chunk runs past the end of the file`);
    if (crc32(bytes.subarray(offset + 4, dataEnd)) !== view.getUint32(dataEnd)) {
      throw new Error(`Corrupt PNG: CRC mismatch in the ${type} chunk`);
    }
    const data = bytes.subarray(dataStart, dataEnd);
    if (header === undefined && type !== 'IHDR') throw new Error('Corrupt PNG: the first chunk is not IHDR');
    switch (type) {
      case 'IHDR':
        header = readHeader(data, maxPixels);
        break;
      case 'PLTE':
        palette = data;
        break;
      case 'tRNS':
        transparency = data;
        break;
      case 'IDAT':
        idat.push(data);
        break;
      case 'IEND':
        ended = true;
        break;
      default:
        // An uppercase first letter marks a critical chunk, which a decoder must not skip.
        if (/^[A-Z]/.test(type)) throw new Error(`Unsupported PNG: unknown critical chunk ${type}`);
    }
    offset = dataEnd + 4;
  }
  if (header === undefined) throw new Error('Corrupt PNG: no IHDR chunk');
  if (idat.length === 0) throw new Error('Corrupt PNG: no IDAT chunk');
  if (header.colorType === ColorType.Palette && palette === undefined) {
    throw new Error('Corrupt PNG: a palette image without a PLTE chunk');
  }

  let raw: Uint8Array;
  try {
    raw = await inflate(concat(idat));
  } catch (error) {
    throw new Error('Corrupt PNG: the compressed image data is invalid', { cause: error });
  }
  const bitsPerPixel = header.bitDepth * (CHANNELS[header.colorType] as number);
  const stride = Math.ceil((header.width * bitsPerPixel) / 8);
  if (raw.length < (stride + 1) * header.height) {
    throw new Error('Corrupt PNG: the image data is shorter than its dimensions require');
  }
  unfilter(raw, header.height, stride, Math.max(1, bitsPerPixel >> 3));
  return toRgba(raw, header, stride, palette, transparency);
}

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: ColorType;
}

function readHeader(data: Uint8Array, maxPixels: number): PngHeader {
  if (data.length !== 13) throw new Error('Corrupt PNG: the IHDR chunk has the wrong length');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const [bitDepth = 0, colorType = 0, compression, filter, interlace] = data.subarray(8);
  if (width === 0 || height === 0) throw new Error('Corrupt PNG: zero width or height');
  if (!BIT_DEPTHS[colorType]?.includes(bitDepth)) {
    throw new Error(`Unsupported PNG: bit depth ${bitDepth} with color type ${colorType}`);
  }
  if (compression !== 0 || filter !== 0)
    throw new Error('Unsupported PNG: unknown compression or filter method');
  if (interlace !== 0) {
    throw new Error(
      'Unsupported PNG: interlaced (Adam7) images are not supported; save it without interlacing',
    );
  }
  if (width * height > maxPixels) {
    throw new Error(`PNG image too large: ${width}x${height}; the limit is ${maxPixels} pixels`);
  }
  return { width, height, bitDepth, colorType: colorType as ColorType };
}

/** Reverses the per-row filters in place; `bpp` is the byte distance to the corresponding left pixel. */
function unfilter(raw: Uint8Array, height: number, stride: number, bpp: number): void {
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1) + 1;
    const prevStart = start - stride - 1;
    const type = raw[start - 1];
    for (let i = 0; i < stride; i++) {
      const left = i >= bpp ? (raw[start + i - bpp] as number) : 0;
      const up = y > 0 ? (raw[prevStart + i] as number) : 0;
      const upLeft = y > 0 && i >= bpp ? (raw[prevStart + i - bpp] as number) : 0;
      let predictor: number;
      switch (type) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = left;
          break;
        case 2:
          predictor = up;
          break;
        case 3:
          predictor = (left + up) >> 1;
          break;
        case 4:
          predictor = paeth(left, up, upLeft);
          break;
        default:
          throw new Error(`Corrupt PNG: unknown filter type ${type} on row ${y}`);
      }
      raw[start + i] = ((raw[start + i] as number) + predictor) & 0xff;
    }
  }
}

function filterRow(type: number, row: Uint8Array, prev: Uint8Array, bpp: number, out: Uint8Array): void {
  for (let i = 0; i < row.length; i++) {
    const value = row[i] as number;
    const left = i >= bpp ? (row[i - bpp] as number) : 0;
    const up = prev[i] as number;
    const upLeft = i >= bpp ? (prev[i - bpp] as number) : 0;
    let predictor = 0;
    if (type === 1) predictor = left;
    else if (type === 2) predictor = up;
    else if (type === 3) predictor = (left + up) >> 1;
    else if (type === 4) predictor = paeth(left, up, upLeft);
    out[i] = (value - predictor) & 0xff;
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

function toRgba(
  raw: Uint8Array,
  header: PngHeader,
  stride: number,
  palette: Uint8Array | undefined,
  transparency: Uint8Array | undefined,
): RgbaImage {
  const { width, height, bitDepth, colorType } = header;
  const channels = CHANNELS[colorType] as number;
  const maxSample = (1 << bitDepth) - 1;
  // 16-bit keeps the high byte; low depths stretch to the full 0..255 range (a 1-bit 1 is white).
  const to8 = bitDepth === 16 ? (v: number) => v >> 8 : (v: number) => Math.round((v * 255) / maxSample);
  const key = colorKey(colorType, bitDepth, transparency);
  const out = new Uint8ClampedArray(width * height * 4);
  const samples = new Uint16Array(width * channels);
  for (let y = 0; y < height; y++) {
    readSamples(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), bitDepth, samples);
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const s = x * channels;
      const s0 = samples[s] as number;
      switch (colorType) {
        case ColorType.Gray: {
          const v = to8(s0);
          out[o] = v;
          out[o + 1] = v;
          out[o + 2] = v;
          out[o + 3] = key !== undefined && key[0] === s0 ? 0 : 255;
          break;
        }
        case ColorType.GrayAlpha: {
          const v = to8(s0);
          out[o] = v;
          out[o + 1] = v;
          out[o + 2] = v;
          out[o + 3] = to8(samples[s + 1] as number);
          break;
        }
        case ColorType.Rgb: {
          const s1 = samples[s + 1] as number;
          const s2 = samples[s + 2] as number;
          out[o] = to8(s0);
          out[o + 1] = to8(s1);
          out[o + 2] = to8(s2);
          out[o + 3] = key !== undefined && key[0] === s0 && key[1] === s1 && key[2] === s2 ? 0 : 255;
          break;
        }
        case ColorType.Rgba:
          out[o] = to8(s0);
          out[o + 1] = to8(samples[s + 1] as number);
          out[o + 2] = to8(samples[s + 2] as number);
          out[o + 3] = to8(samples[s + 3] as number);
          break;
        case ColorType.Palette: {
          const entries = palette as Uint8Array;
          if (s0 * 3 + 2 >= entries.length) {
            throw new Error(
              `Corrupt PNG: palette index ${s0} is outside the ${entries.length / 3}-color palette`,
            );
          }
          out[o] = entries[s0 * 3] as number;
          out[o + 1] = entries[s0 * 3 + 1] as number;
          out[o + 2] = entries[s0 * 3 + 2] as number;
          out[o + 3] =
            transparency !== undefined && s0 < transparency.length ? (transparency[s0] as number) : 255;
          break;
        }
      }
    }
  }
  return { width, height, data: out };
}

/** Unpacks one row's samples, whatever their bit depth, into whole numbers. */
function readSamples(row: Uint8Array, bitDepth: number, out: Uint16Array): void {
  if (bitDepth === 8) {
    out.set(row.subarray(0, out.length));
    return;
  }
  if (bitDepth === 16) {
    for (let i = 0; i < out.length; i++) out[i] = ((row[2 * i] as number) << 8) | (row[2 * i + 1] as number);
    return;
  }
  const mask = (1 << bitDepth) - 1;
  for (let i = 0; i < out.length; i++) {
    const bit = i * bitDepth;
    out[i] = ((row[bit >> 3] as number) >> (8 - bitDepth - (bit & 7))) & mask;
  }
}

/** The single transparent gray level or RGB color that `tRNS` names for images without alpha. */
function colorKey(
  colorType: ColorType,
  bitDepth: number,
  transparency: Uint8Array | undefined,
): number[] | undefined {
  if (transparency === undefined || (colorType !== ColorType.Gray && colorType !== ColorType.Rgb))
    return undefined;
  const count = colorType === ColorType.Gray ? 1 : 3;
  if (transparency.length < count * 2) return undefined;
  const view = new DataView(transparency.buffer, transparency.byteOffset, transparency.byteLength);
  const mask = bitDepth === 16 ? 0xffff : (1 << bitDepth) - 1;
  return Array.from({ length: count }, (_, i) => view.getUint16(i * 2) & mask);
}

function isOpaque(data: Uint8ClampedArray): boolean {
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return false;
  return true;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + 12);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

let crcTable: Uint32Array | undefined;

/** The CRC-32 (ISO-HDLC) that PNG chunks end with. */
export function crc32(bytes: Uint8Array): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc = (crcTable[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
