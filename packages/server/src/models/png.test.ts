import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, decodePng, encodePng, isPng, type RgbaImage } from './png';

/** A PNG built by hand, independent of the encoder: raw rows are filtered here and deflated by node:zlib. */
function buildPng(options: {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  rows: number[][];
  filters?: number[];
  palette?: number[];
  transparency?: number[];
  interlace?: number;
}): Uint8Array {
  const { width, height, bitDepth, colorType, rows } = options;
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType] as number;
  const bpp = Math.max(1, (channels * bitDepth) >> 3);
  const filtered: number[] = [];
  rows.forEach((row, y) => {
    const type = options.filters?.[y] ?? 0;
    const prev = y > 0 ? (rows[y - 1] as number[]) : row.map(() => 0);
    filtered.push(type);
    row.forEach((value, i) => {
      const a = i >= bpp ? (row[i - bpp] as number) : 0;
      const b = prev[i] as number;
      const c = i >= bpp ? (prev[i - bpp] as number) : 0;
      const predictors = [0, a, b, Math.floor((a + b) / 2), paethReference(a, b, c)];
      filtered.push((value - (predictors[type] ?? 0) + 256) % 256);
    });
  });
  const header = [...u32(width), ...u32(height), bitDepth, colorType, 0, 0, options.interlace ?? 0];
  return Uint8Array.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', header),
    ...(options.palette ? chunk('PLTE', options.palette) : []),
    ...(options.transparency ? chunk('tRNS', options.transparency) : []),
    ...chunk('tEXt', [...new TextEncoder().encode('Comment\0built by hand')]),
    ...chunk('IDAT', [...deflateSync(Uint8Array.from(filtered))]),
    ...chunk('IEND', []),
  ]);
}

function paethReference(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  if (pa <= pb && pa <= pc) return a;
  if (pb <= pc) return b;
  return c;
}

function u32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

function chunk(type: string, data: number[]): number[] {
  const body = [...type].map((c) => c.charCodeAt(0)).concat(data);
  return [...u32(data.length), ...body, ...u32(crc32(Uint8Array.from(body)))];
}

function pixels(image: RgbaImage): number[][] {
  return Array.from({ length: image.width * image.height }, (_, i) => [
    ...image.data.subarray(i * 4, i * 4 + 4),
  ]);
}

function randomImage(width: number, height: number, opaque: boolean): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  let state = 12345;
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    // Half smooth gradient, half noise, so that every filter type wins on some row.
    data[i] = i % 4 === 3 && opaque ? 255 : (i >> 6) % 2 === 0 ? (i * 7) & 255 : state >>> 24;
  }
  return { width, height, data };
}

describe('encodePng / decodePng', () => {
  it('round-trips RGBA pixels exactly', async () => {
    const image = randomImage(37, 23, false);
    const png = await encodePng(image);
    expect(isPng(png)).toBe(true);
    expect(png[25]).toBe(6);
    const decoded = await decodePng(png);
    expect(decoded.width).toBe(37);
    expect(decoded.height).toBe(23);
    expect(decoded.data).toEqual(image.data);
  });

  it('stores opaque images as RGB and still round-trips them', async () => {
    const image = randomImage(64, 9, true);
    const png = await encodePng(image);
    expect(png[25]).toBe(2);
    expect((await decodePng(png)).data).toEqual(image.data);
  });

  it('writes valid zlib data with one known filter byte per row', async () => {
    const png = await encodePng(randomImage(16, 40, true));
    const view = new DataView(png.buffer, png.byteOffset);
    const idatLength = view.getUint32(33);
    expect(String.fromCharCode(...png.subarray(37, 41))).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe(40 * (16 * 3 + 1));
    const filterTypes = new Set(Array.from({ length: 40 }, (_, y) => raw[y * 49]));
    for (const type of filterTypes) expect(type).toBeLessThanOrEqual(4);
  });

  it('refuses bad dimensions and buffer sizes', async () => {
    await expect(encodePng({ width: 0, height: 1, data: new Uint8ClampedArray(0) })).rejects.toThrow(
      /positive/,
    );
    await expect(encodePng({ width: 2, height: 2, data: new Uint8ClampedArray(3) })).rejects.toThrow(
      /Expected 16/,
    );
  });

  it.each([0, 1, 2, 3, 4])('decodes rows filtered with type %i', async (filter) => {
    const rows = [
      [10, 20, 30, 200, 210, 220, 5, 250, 128],
      [11, 22, 33, 199, 180, 221, 7, 240, 129],
      [255, 0, 128, 1, 2, 3, 100, 101, 102],
    ];
    const png = buildPng({
      width: 3,
      height: 3,
      bitDepth: 8,
      colorType: 2,
      rows,
      filters: [filter, filter, filter],
    });
    const decoded = await decodePng(png);
    expect(pixels(decoded)).toEqual(
      rows.flatMap((row) => [0, 1, 2].map((x) => [...row.slice(x * 3, x * 3 + 3), 255])),
    );
  });

  it('decodes a file whose rows mix all five filters', async () => {
    const rows = Array.from({ length: 5 }, (_, y) =>
      Array.from({ length: 8 }, (_, i) => (y * 53 + i * 31) % 256),
    );
    const png = buildPng({ width: 2, height: 5, bitDepth: 8, colorType: 6, rows, filters: [4, 3, 2, 1, 0] });
    expect(Array.from((await decodePng(png)).data)).toEqual(rows.flat());
  });

  it('decodes 8-bit gray and gray+alpha', async () => {
    const gray = await decodePng(
      buildPng({ width: 2, height: 1, bitDepth: 8, colorType: 0, rows: [[0, 200]] }),
    );
    expect(pixels(gray)).toEqual([
      [0, 0, 0, 255],
      [200, 200, 200, 255],
    ]);
    const grayAlpha = await decodePng(
      buildPng({ width: 2, height: 1, bitDepth: 8, colorType: 4, rows: [[90, 128, 255, 0]], filters: [1] }),
    );
    expect(pixels(grayAlpha)).toEqual([
      [90, 90, 90, 128],
      [255, 255, 255, 0],
    ]);
  });

  it('decodes palette images with tRNS alpha', async () => {
    const png = buildPng({
      width: 3,
      height: 1,
      bitDepth: 8,
      colorType: 3,
      rows: [[0, 1, 2]],
      palette: [255, 0, 0, 0, 255, 0, 0, 0, 255],
      transparency: [255, 64],
    });
    expect(pixels(await decodePng(png))).toEqual([
      [255, 0, 0, 255],
      [0, 255, 0, 64],
      [0, 0, 255, 255],
    ]);
  });

  it('decodes packed 1-, 2- and 4-bit samples', async () => {
    const oneBit = buildPng({
      width: 10,
      height: 1,
      bitDepth: 1,
      colorType: 0,
      rows: [[0b10110000, 0b01000000]],
    });
    expect(pixels(await decodePng(oneBit)).map((p) => p[0])).toEqual([255, 0, 255, 255, 0, 0, 0, 0, 0, 255]);
    const twoBit = buildPng({ width: 4, height: 1, bitDepth: 2, colorType: 0, rows: [[0b00011011]] });
    expect(pixels(await decodePng(twoBit)).map((p) => p[0])).toEqual([0, 85, 170, 255]);
    const fourBit = buildPng({
      width: 3,
      height: 1,
      bitDepth: 4,
      colorType: 3,
      rows: [[0x01, 0x20]],
      palette: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    });
    expect(pixels(await decodePng(fourBit))).toEqual([
      [1, 2, 3, 255],
      [4, 5, 6, 255],
      [7, 8, 9, 255],
    ]);
  });

  it('decodes 16-bit RGBA and honours a 16-bit tRNS color key', async () => {
    const rgba16 = buildPng({
      width: 1,
      height: 1,
      bitDepth: 16,
      colorType: 6,
      rows: [[0x12, 0x34, 0xab, 0xcd, 0xff, 0xff, 0x80, 0x00]],
    });
    expect(pixels(await decodePng(rgba16))).toEqual([[0x12, 0xab, 0xff, 0x80]]);
    const keyed = buildPng({
      width: 2,
      height: 1,
      bitDepth: 16,
      colorType: 2,
      rows: [[0, 1, 0, 2, 0, 3, 0, 1, 0, 2, 0, 4]],
      transparency: [0, 1, 0, 2, 0, 3],
      filters: [1],
    });
    expect(pixels(await decodePng(keyed)).map((p) => p[3])).toEqual([0, 255]);
  });

  it('explains what it cannot decode', async () => {
    await expect(decodePng(new TextEncoder().encode('GIF89a...'))).rejects.toThrow(/Not a PNG/);
    const interlaced = buildPng({
      width: 1,
      height: 1,
      bitDepth: 8,
      colorType: 0,
      rows: [[1]],
      interlace: 1,
    });
    await expect(decodePng(interlaced)).rejects.toThrow(/interlaced/i);
    const badDepth = buildPng({ width: 1, height: 1, bitDepth: 4, colorType: 2, rows: [[1]] });
    await expect(decodePng(badDepth)).rejects.toThrow(/bit depth 4 with color type 2/);
    const noPalette = buildPng({ width: 1, height: 1, bitDepth: 8, colorType: 3, rows: [[0]] });
    await expect(decodePng(noPalette)).rejects.toThrow(/PLTE/);
    const badFilter = buildPng({
      width: 1,
      height: 2,
      bitDepth: 8,
      colorType: 0,
      rows: [[1], [2]],
      filters: [0, 7],
    });
    await expect(decodePng(badFilter)).rejects.toThrow(/unknown filter type 7 on row 1/);
    const tooLarge = buildPng({ width: 5000, height: 5000, bitDepth: 1, colorType: 0, rows: [] });
    await expect(decodePng(tooLarge)).rejects.toThrow(/too large: 5000x5000/);
  });

  it('detects corruption', async () => {
    const png = buildPng({
      width: 2,
      height: 2,
      bitDepth: 8,
      colorType: 0,
      rows: [
        [1, 2],
        [3, 4],
      ],
    });
    const flipped = png.slice();
    flipped[png.length - 20] = (flipped[png.length - 20] as number) ^ 0xff;
    await expect(decodePng(flipped)).rejects.toThrow(/CRC mismatch in the IDAT chunk/);
    await expect(decodePng(png.subarray(0, png.length - 12))).rejects.toThrow(/ends before the IEND/);
  });
});
