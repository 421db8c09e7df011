import { describe, expect, it } from 'vitest';
import { applyFilter, IMAGE_FILTERS } from './applyFilter';
import { encodeDataUri } from './dataUri';
import { renderImage } from './imageGenerator';
import { ModelError } from './ModelError';
import { crc32, decodePng, encodePng, type RgbaImage } from './png';
import { FILES_BASE, runModel } from './testContext';

async function filterUri(
  image: string,
  input: Record<string, unknown>,
  files?: Map<string, { bytes: Uint8Array; contentType: string }>,
) {
  const result = await runModel('image-filter', { image, ...input }, { files });
  const url = result.output as string;
  const file = result.files.get(url.slice(FILES_BASE.length));
  if (!file) throw new Error(`missing file ${url}`);
  expect(file.contentType).toBe('image/png');
  return { ...result, image: await decodePng(file.bytes) };
}

function checker(width: number, height: number, alpha = 255): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const on = (Math.floor(x / 4) + Math.floor(y / 4)) % 2 === 0;
      data.set(on ? [240, 30, 30, alpha] : [20, 20, 200, alpha], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

const pngUri = async (image: RgbaImage) => encodeDataUri(await encodePng(image), 'image/png');

function variance(image: RgbaImage): number {
  let sum = 0;
  let squares = 0;
  const n = image.data.length / 4;
  for (let i = 0; i < image.data.length; i += 4) {
    sum += image.data[i] as number;
    squares += (image.data[i] as number) ** 2;
  }
  return squares / n - (sum / n) ** 2;
}

describe('image-filter', () => {
  it('filters the output of image-generator, read back from the server’s file URL', async () => {
    const generated = await runModel('image-generator', {
      prompt: 'coral reef',
      width: 72,
      height: 64,
      seed: 4,
    });
    const [url] = generated.output as string[];
    for (const filter of IMAGE_FILTERS) {
      const { image } = await filterUri(url as string, { filter }, generated.files);
      expect([image.width, image.height], filter).toEqual([72, 64]);
    }
  });

  it('reads a PNG from a data: URI and grays it out', async () => {
    const { image, logs } = await filterUri(await pngUri(checker(16, 8)), {});
    expect(logs[0]).toBe('Loaded 16x8 PNG (0.1 KiB)');
    for (let i = 0; i < image.data.length; i += 4) {
      expect(image.data[i]).toBe(image.data[i + 1]);
      expect(image.data[i + 1]).toBe(image.data[i + 2]);
    }
  });

  it('leaves the image unchanged at strength 0 and inverts back at strength 1', async () => {
    const source = await renderImage({ prompt: 'teal', style: 'stripes', seed: 2, width: 32, height: 32 });
    for (const filter of IMAGE_FILTERS) {
      expect((await applyFilter(source, filter, 0)).data, filter).toEqual(source.data);
    }
    const twice = await applyFilter(await applyFilter(source, 'invert', 1), 'invert', 1);
    expect(twice.data).toEqual(source.data);
    const half = await applyFilter(source, 'invert', 0.5);
    expect(Math.abs((half.data[0] as number) - 127.5)).toBeLessThanOrEqual(1);
  });

  it('tints sepia, blurs, sharpens, finds edges and pixelates as expected', async () => {
    const source = checker(32, 32);
    const sepia = await applyFilter(source, 'sepia', 1);
    expect(sepia.data[0]).toBeGreaterThan(sepia.data[2] as number);
    expect(variance(await applyFilter(source, 'blur', 1))).toBeLessThan(variance(source) * 0.9);
    expect(variance(await applyFilter(source, 'sharpen', 1))).toBeGreaterThanOrEqual(variance(source));
    const edges = await applyFilter(source, 'edge-detect', 1);
    expect(edges.data[(1 * 32 + 1) * 4]).toBe(0);
    expect(edges.data[(1 * 32 + 4) * 4]).toBeGreaterThan(150);
    const flat = await applyFilter(
      { width: 8, height: 8, data: new Uint8ClampedArray(256).fill(128) },
      'edge-detect',
      1,
    );
    expect(flat.data.filter((_, i) => i % 4 !== 3).every((v) => v === 0)).toBe(true);
    const blocks = await applyFilter(
      await renderImage({ prompt: 'x', style: 'nebula', seed: 1, width: 96, height: 96 }),
      'pixelate',
      1,
    );
    expect(blocks.data.subarray(0, 4)).toEqual(blocks.data.subarray(3 * 4, 3 * 4 + 4));
  });

  it('keeps transparency and does not bleed hidden colors when blurring', async () => {
    const image = checker(16, 16, 255);
    for (let i = 0; i < image.data.length; i += 8) image.data.set([0, 255, 0, 0], i);
    const blurred = await applyFilter(image, 'blur', 1);
    const { image: roundTrip } = await filterUri(await pngUri(image), { filter: 'blur', strength: 1 });
    expect(roundTrip.data).toEqual(blurred.data);
    for (let i = 0; i < blurred.data.length; i += 4) {
      if ((blurred.data[i + 3] as number) > 0) expect(blurred.data[i + 1]).toBeLessThan(40);
    }
  });

  it('names the format it got instead of a PNG, as an error on the caller’s side', async () => {
    const jpeg = encodeDataUri(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'image/jpeg');
    const failure = runModel('image-filter', { image: jpeg });
    await expect(failure).rejects.toThrow('image-filter reads PNG images; got image/jpeg');
    await expect(failure).rejects.toMatchObject({ source: 'external' });
    await expect(failure).rejects.toBeInstanceOf(ModelError);
    const text = encodeDataUri(new TextEncoder().encode('hello'), 'text/plain');
    await expect(runModel('image-filter', { image: text })).rejects.toThrow(
      'image-filter reads PNG images; got text/plain',
    );
    await expect(
      runModel('image-filter', { image: encodeDataUri(new Uint8Array(), 'image/png') }),
    ).rejects.toThrow('image-filter reads PNG images; got an empty file');
    const fake = encodeDataUri(new TextEncoder().encode('not really'), 'image/png');
    await expect(runModel('image-filter', { image: fake })).rejects.toThrow(
      'image-filter reads PNG images; got a file declared image/png whose bytes are not a PNG',
    );
  });

  it('refuses images above its size limit before decoding them', async () => {
    const png = await encodePng(checker(8, 8));
    const view = new DataView(png.buffer);
    view.setUint32(16, 3000);
    view.setUint32(20, 3000);
    view.setUint32(29, crc32(png.subarray(12, 29)));
    const failure = runModel('image-filter', { image: encodeDataUri(png, 'image/png') });
    await expect(failure).rejects.toThrow('PNG image too large: 3000x3000; the limit is 4194304 pixels');
    await expect(failure).rejects.toMatchObject({ source: 'external' });
  });

  it('reports a damaged PNG clearly', async () => {
    const png = await encodePng(checker(8, 8));
    const damaged = png.slice(0, png.length - 30);
    await expect(runModel('image-filter', { image: encodeDataUri(damaged, 'image/png') })).rejects.toThrow(
      /Corrupt PNG/,
    );
  });
});
