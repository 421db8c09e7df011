import { describe, expect, it } from 'vitest';
import { inputPreview, outputThumbnail } from './outputThumbnail';

describe('outputThumbnail', () => {
  it('finds the first image, names audio, joins a token stream, and reads a label', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(outputThumbnail([png, png])).toEqual({ kind: 'image', src: png });
    expect(outputThumbnail('data:audio/wav;base64,UklGRg==')).toEqual({ kind: 'audio' });
    expect(outputThumbnail(['Once', ' upon'])).toEqual({ kind: 'text', text: 'Once upon' });
    expect(outputThumbnail({ label: 'positive', score: 0.9 })).toEqual({ kind: 'text', text: 'positive' });
    expect(outputThumbnail(null)).toBeNull();
  });

  it('previews an input by its text values', () => {
    expect(inputPreview({ prompt: 'a lighthouse', width: 256, image: 'data:image/png;base64,xx' })).toBe(
      'a lighthouse',
    );
    expect(inputPreview({ duration_s: 10, steps: 5 })).toBe('10 · 5');
  });
});
