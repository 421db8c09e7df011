import { applyFilter, IMAGE_FILTERS, type ImageFilter } from './applyFilter';
import { category } from './category';
import { createYielder } from './createYielder';
import { cpu } from './hardware';
import { ModelError } from './ModelError';
import { decodePng, encodePng, isPng, type RgbaImage } from './png';
import type { DemoModel } from './types';

/** Blurring keeps two float copies of the image: at this size that is about 130 MB, fine in a browser tab. */
const MAX_PIXELS = 2048 * 2048;

type ImageFilterInput = {
  image: string;
  filter: ImageFilter;
  strength: number;
};

/** Magic numbers of the image formats people upload most, to name what was sent instead of a PNG. */
const SIGNATURES: [string, number[]][] = [
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46]],
  ['image/bmp', [0x42, 0x4d]],
];

function sniff(bytes: Uint8Array, declared: string): string {
  if (!bytes.length) return 'an empty file';
  const found = SIGNATURES.find(([, magic]) => magic.every((byte, i) => bytes[i] === byte));
  if (found) return found[0];
  // A name or a declared type says nothing of what is in the file: say it is not a PNG after all.
  if (declared === 'image/png') return 'a file declared image/png whose bytes are not a PNG';
  return declared || 'an unknown format';
}

export const imageFilter: DemoModel = {
  name: 'image-filter',
  description:
    'Applies a classic filter (grayscale, sepia, invert, blur, sharpen, edge detect, pixelate) to a PNG.',
  overview: `Takes a PNG image and returns it filtered, like the filter menu of a photo editor. Use it with the
output of \`image-generator\`, or with any PNG you upload.

**How it works.** The PNG is decoded in pure TypeScript (every standard color type and bit depth,
with transparency; interlaced files are not supported), filtered, and encoded again:
- **grayscale**, **sepia**, **invert**: per-pixel color transforms;
- **blur**: three box blurs in a row, a close approximation of a Gaussian blur, with alpha respected;
- **sharpen**: a 3×3 sharpening kernel;
- **edge-detect**: Sobel gradient magnitude, white edges on black;
- **pixelate**: averages square blocks.

**Inputs.**
- \`image\`: a PNG, as a URL or a \`data:\` URI.
- \`filter\`: which filter to apply.
- \`strength\`: from 0 (no change) to 1. For blur and pixelate it sets the radius or block size; for the
  other filters it blends the result over the original.`,
  categories: [category.imageEditing],
  hardware: cpu,
  created_at: '2026-01-14T13:40:00.000000Z',
  versions: [
    {
      number: 1,
      release_notes:
        'Initial release with seven filters and adjustable strength. Reads all non-interlaced PNGs.',
      created_at: '2026-01-14T13:40:00.000000Z',
      setupMs: 600,
      input: {
        type: 'object',
        title: 'Input',
        required: ['image'],
        $defs: {
          filter: {
            type: 'string',
            title: 'filter',
            description: 'An enumeration.',
            enum: [...IMAGE_FILTERS],
          },
        },
        properties: {
          image: {
            type: 'string',
            format: 'uri',
            contentMediaType: 'image/*',
            title: 'Image',
            description: 'The PNG image to filter.',
            'x-order': 0,
          },
          filter: {
            allOf: [{ $ref: '#/$defs/filter' }],
            default: 'grayscale',
            title: 'Filter',
            description: 'The filter to apply.',
            'x-order': 1,
          },
          strength: {
            type: 'number',
            title: 'Strength',
            description: 'How strongly to apply the filter, from 0 (unchanged) to 1 (full effect).',
            minimum: 0,
            maximum: 1,
            default: 1,
            'x-order': 2,
          },
        },
      },
      output: { type: 'string', title: 'Output', format: 'uri', contentMediaType: 'image/png' },
      async run(ctx) {
        const { image, filter, strength } = ctx.input as ImageFilterInput;
        const file = await ctx.readFile(image);
        if (!isPng(file.bytes)) {
          throw new ModelError(
            `image-filter reads PNG images; got ${sniff(file.bytes, file.contentType)}`,
            'external',
          );
        }
        let decoded: RgbaImage;
        try {
          decoded = await decodePng(file.bytes, { maxPixels: MAX_PIXELS });
        } catch (error) {
          throw new ModelError(error instanceof Error ? error.message : String(error), 'external', {
            cause: error,
          });
        }
        ctx.log(
          `Loaded ${decoded.width}x${decoded.height} PNG (${(file.bytes.length / 1024).toFixed(1)} KiB)`,
        );
        const filtered = await applyFilter(decoded, filter, strength, createYielder(ctx));
        ctx.log(`Applied ${filter} at strength ${strength}`);
        const png = await encodePng(filtered);
        return ctx.saveFile(png, 'image/png');
      },
    },
  ],
};
