import { describe, expect, it } from 'vitest';
import { inputPreview, outputThumbnail } from './outputThumbnail';

describe('outputThumbnail', () => {
  it('finds the first image, names audio, joins a token stream, and reads a label', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(outputThumbnail([png, png])).toEqual({ kind: 'image', src: png });
    expect(outputThumbnail('data:audio/wav;base64,UklGRg==')).toEqual({ kind: 'audio' });
    expect(outputThumbnail(['Once', ' upon'])).toEqual({ kind: 'text', text: 'Once upon' });
    expect(
      outputThumbnail({ label: 'positive', score: 0.9, scores: { positive: 0.9, negative: 0.1 } }),
    ).toMatchObject({ kind: 'text', text: 'positive' });
    expect(outputThumbnail(null)).toBeNull();
    // a file URL is an image when the output schema says so
    const schema = { type: 'array', items: { type: 'string', format: 'uri', contentMediaType: 'image/png' } };
    expect(outputThumbnail(['https://example.com/files/1'], schema)).toEqual({
      kind: 'image',
      src: 'https://example.com/files/1',
    });
  });

  it('previews an input by its text values', () => {
    expect(inputPreview({ prompt: 'a lighthouse', width: 256, image: 'data:image/png;base64,xx' })).toBe(
      'a lighthouse',
    );
    expect(inputPreview({ duration_s: 10, steps: 5 })).toBe('duration_s=10 · steps=5');
  });
});
