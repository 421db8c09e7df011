import { category } from './category';
import { createShader, IMAGE_STYLES, type ImageStyle } from './createShader';
import { createYielder } from './createYielder';
import { cpu } from './hardware';
import { paletteFromPrompt } from './palette';
import { encodePng, type RgbaImage } from './png';
import { createRandom, hashString, mixSeeds, resolveSeed } from './random';
import { seedInput } from './seedInput';
import type { DemoModel } from './types';

type ImageGeneratorInput = {
  prompt: string;
  width: number;
  height: number;
  num_outputs: number;
  style: ImageStyle;
  seed: number | null;
};

/** Renders one picture; exported so that tests and benchmarks can render without a prediction. */
export async function renderImage(
  options: { prompt: string; style: ImageStyle; seed: number; width: number; height: number },
  yieldNow: () => Promise<void> = async () => {},
  onRows?: (rows: number) => void,
): Promise<RgbaImage> {
  const { prompt, style, seed, width, height } = options;
  const palette = paletteFromPrompt(prompt);
  const random = createRandom(mixSeeds(seed, hashString(prompt), hashString(style)));
  const scale = Math.min(width, height);
  const shader = createShader(style, palette, random, 1 / scale);
  const data = new Uint8ClampedArray(width * height * 4);
  const rgb = new Float64Array(3);
  for (let y = 0; y < height; y++) {
    const sy = (y + 0.5 - height / 2) / scale;
    for (let x = 0; x < width; x++) {
      shader((x + 0.5 - width / 2) / scale, sy, rgb);
      const o = (y * width + x) * 4;
      data[o] = rgb[0] as number;
      data[o + 1] = rgb[1] as number;
      data[o + 2] = rgb[2] as number;
      data[o + 3] = 255;
    }
    onRows?.(y + 1);
    await yieldNow();
  }
  return { width, height, data };
}

export const imageGenerator: DemoModel = {
  name: 'image-generator',
  description:
    'Paints procedural images (auroras, mosaics, waves, nebulae, stripes) whose colors follow the prompt.',
  overview: `Turns a prompt into abstract images. It is not a diffusion model, but it behaves like one from the
outside: a prompt, a size, a style and a seed go in, and one to four PNG images come out, different for every
seed and the same for the same inputs.

**How it works.** Each pixel is computed by a small procedural shader. The prompt sets the palette: a color
word (*ocean*, *sunset*, *forest*, *violet*…) picks the base hue, mood words (*pastel*, *neon*, *dark*)
adjust saturation and brightness, and the prompt's hash picks a color scheme. The seed, mixed with the
prompt, sets the composition. The styles are different algorithms:
- **aurora**: curtains of fractal value noise over a starry sky and a hilly horizon;
- **mosaic**: Voronoi tiles with grout lines;
- **waves**: interference of circular waves from a few sources;
- **nebula**: domain-warped fractal Brownian motion over a star field;
- **stripes**: angled bands bent by noise.

Pictures are resolution-independent: the same inputs at 256 and 1024 pixels show the same picture.

**Inputs.**
- \`prompt\`: what to paint; colors and moods in it matter most.
- \`width\`, \`height\`: 64 to 1024 pixels.
- \`num_outputs\`: 1 to 4 images, with consecutive seeds.
- \`style\`: one of the styles above.
- \`seed\`: reproducible results; blank picks a random seed and prints it in the logs.`,
  categories: [category.imageGeneration],
  hardware: cpu,
  created_at: '2026-01-12T08:15:00.000000Z',
  versions: [
    {
      number: 1,
      release_notes:
        'Initial release with five styles (aurora, mosaic, waves, nebula, stripes), prompt-driven palettes and up to four outputs.',
      created_at: '2026-01-12T08:15:00.000000Z',
      setupMs: 1500,
      input: {
        type: 'object',
        title: 'Input',
        required: ['prompt'],
        $defs: {
          style: {
            type: 'string',
            title: 'style',
            description: 'An enumeration.',
            enum: [...IMAGE_STYLES],
          },
        },
        properties: {
          prompt: {
            type: 'string',
            title: 'Prompt',
            description:
              'What to paint. Color words (ocean, sunset, violet…) and moods (pastel, neon, dark) set the palette.',
            minLength: 1,
            maxLength: 2000,
            'x-order': 0,
          },
          width: {
            type: 'integer',
            title: 'Width',
            description: 'Width of the output image in pixels.',
            minimum: 64,
            maximum: 1024,
            default: 512,
            'x-order': 1,
          },
          height: {
            type: 'integer',
            title: 'Height',
            description: 'Height of the output image in pixels.',
            minimum: 64,
            maximum: 1024,
            default: 512,
            'x-order': 2,
          },
          num_outputs: {
            type: 'integer',
            title: 'Number of outputs',
            description: 'How many images to generate; each uses the next seed.',
            minimum: 1,
            maximum: 4,
            default: 1,
            'x-order': 3,
          },
          style: {
            allOf: [{ $ref: '#/$defs/style' }],
            default: 'aurora',
            title: 'Style',
            description: 'The algorithm that paints the picture.',
            'x-order': 4,
          },
          seed: seedInput(5),
        },
      },
      output: {
        type: 'array',
        title: 'Output',
        items: { type: 'string', format: 'uri', contentMediaType: 'image/png' },
      },
      async run(ctx) {
        const { prompt, width, height, num_outputs, style, seed } = ctx.input as ImageGeneratorInput;
        const usedSeed = resolveSeed(seed);
        if (seed === null || seed === undefined) ctx.log(`Using seed: ${usedSeed}`);
        ctx.log(`Palette: ${paletteFromPrompt(prompt).summary}`);
        const yieldNow = createYielder(ctx);
        const urls: string[] = [];
        for (let i = 0; i < num_outputs; i++) {
          const imageSeed = (usedSeed + i) >>> 0;
          const label = num_outputs > 1 ? `Image ${i + 1}/${num_outputs}` : 'Image';
          ctx.log(`${label}: ${width}x${height}, style ${style}, seed ${imageSeed}`);
          const started = performance.now();
          let reported = 0;
          const image = await renderImage(
            { prompt, style, seed: imageSeed, width, height },
            yieldNow,
            (rows) => {
              const quarter = Math.floor((rows / height) * 4);
              if (quarter > reported && quarter < 4) {
                reported = quarter;
                ctx.log(`${label}: ${quarter * 25}% rendered`);
              }
            },
          );
          const png = await encodePng(image);
          urls.push(await ctx.saveFile(png, 'image/png'));
          const ms = performance.now() - started;
          ctx.log(`${label}: done in ${ms.toFixed(0)} ms (${(png.length / 1024).toFixed(1)} KiB PNG)`);
        }
        return urls;
      },
    },
  ],
};
