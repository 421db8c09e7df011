import { describe, expect, it } from 'vitest';
import { IMAGE_STYLES } from './createShader';
import { renderImage } from './imageGenerator';
import { decodePng } from './png';
import { createTestContext, FILES_BASE, findModel, latestVersion, runModel } from './testContext';

async function generate(input: Record<string, unknown>) {
  const result = await runModel('image-generator', input);
  const urls = result.output as string[];
  const files = urls.map((url) => {
    const file = result.files.get(url.slice(FILES_BASE.length));
    if (!file) throw new Error(`missing file ${url}`);
    return file;
  });
  return { ...result, urls, files };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

describe('image-generator', () => {
  it('saves one PNG per output with the requested size', async () => {
    const { urls, files } = await generate({
      prompt: 'ocean',
      width: 96,
      height: 64,
      num_outputs: 3,
      seed: 1,
    });
    expect(urls).toHaveLength(3);
    for (const file of files) {
      expect(file.contentType).toBe('image/png');
      const image = await decodePng(file.bytes);
      expect([image.width, image.height]).toEqual([96, 64]);
    }
    expect(new Set(files.map((f) => f.bytes.length)).size).toBeGreaterThan(1);
  });

  it('renders every style as a real picture, not a flat fill', async () => {
    for (const style of IMAGE_STYLES) {
      const image = await renderImage({ prompt: 'violet sunset', style, seed: 3, width: 64, height: 64 });
      const colors = new Set<number>();
      for (let i = 0; i < image.data.length; i += 4) {
        colors.add(
          ((image.data[i] as number) << 16) |
            ((image.data[i + 1] as number) << 8) |
            (image.data[i + 2] as number),
        );
      }
      expect(colors.size, style).toBeGreaterThan(20);
    }
  });

  it('gives identical bytes for identical inputs, and different images for another seed, prompt or style', async () => {
    const base = { prompt: 'a forest in autumn', width: 80, height: 80, style: 'nebula', seed: 42 };
    const [a, b, seed, prompt, style] = await Promise.all([
      generate(base),
      generate(base),
      generate({ ...base, seed: 43 }),
      generate({ ...base, prompt: 'a forest in winter' }),
      generate({ ...base, style: 'waves' }),
    ]);
    const bytes = (r: { files: { bytes: Uint8Array }[] }) => r.files[0]?.bytes ?? new Uint8Array();
    expect(sameBytes(bytes(a), bytes(b))).toBe(true);
    expect(sameBytes(bytes(a), bytes(seed))).toBe(false);
    expect(sameBytes(bytes(a), bytes(prompt))).toBe(false);
    expect(sameBytes(bytes(a), bytes(style))).toBe(false);
  });

  it('takes its colors from the prompt', async () => {
    const channelTotals = async (prompt: string) => {
      const sum = [0, 0, 0];
      for (const style of IMAGE_STYLES) {
        const { data } = await renderImage({ prompt, style, seed: 5, width: 64, height: 64 });
        for (let i = 0; i < data.length; i += 4)
          for (let c = 0; c < 3; c++) sum[c] = (sum[c] as number) + (data[i + c] as number);
      }
      return sum;
    };
    const [red, , blueOfRed] = await channelTotals('red roses');
    const [redOfBlue, , blue] = await channelTotals('blue sapphire');
    expect(red).toBeGreaterThan(blueOfRed as number);
    expect(blue).toBeGreaterThan(redOfBlue as number);
  });

  it('draws the same picture at every resolution', async () => {
    const small = await renderImage({ prompt: 'waves', style: 'waves', seed: 9, width: 64, height: 64 });
    const large = await renderImage({ prompt: 'waves', style: 'waves', seed: 9, width: 256, height: 256 });
    let difference = 0;
    for (let y = 0; y < 64; y++) {
      for (let x = 0; x < 64; x++) {
        const s = (y * 64 + x) * 4;
        const l = ((y * 4 + 2) * 256 + x * 4 + 2) * 4;
        difference += Math.abs((small.data[s] as number) - (large.data[l] as number));
      }
    }
    expect(difference / 4096).toBeLessThan(25);
  });

  it('uses consecutive seeds for multiple outputs and logs the seed it picked', async () => {
    const multi = await generate({ prompt: 'mint', width: 64, height: 64, num_outputs: 2, seed: null });
    const seed = Number(/^Using seed: (\d+)$/.exec(multi.logs[0] ?? '')?.[1]);
    const second = await generate({ prompt: 'mint', width: 64, height: 64, seed: seed + 1 });
    expect(
      sameBytes(multi.files[1]?.bytes ?? new Uint8Array(), second.files[0]?.bytes ?? new Uint8Array()),
    ).toBe(true);
    expect(multi.logs.some((line) => /Image 2\/2: done/.test(line))).toBe(true);
  });

  it('logs its progress', async () => {
    const { logs } = await generate({ prompt: 'gold', width: 64, height: 64, seed: 1 });
    expect(logs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Palette: hue \d+° \(gold\)/),
        'Image: 64x64, style aurora, seed 1',
        'Image: 50% rendered',
        expect.stringMatching(/^Image: done in \d+ ms/),
      ]),
    );
  });

  it('stops rendering when canceled', async () => {
    const version = latestVersion(findModel('image-generator'));
    const test = createTestContext(version, {
      prompt: 'slow',
      width: 1024,
      height: 1024,
      num_outputs: 4,
      seed: 1,
    });
    const reason = new Error('canceled');
    const run = version.run(test.ctx);
    setTimeout(() => test.controller.abort(reason), 20);
    const started = performance.now();
    await expect(run).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(test.files.size).toBe(0);
  });
});
