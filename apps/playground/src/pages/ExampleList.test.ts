import { describe, expect, it } from 'vitest';
import { summary } from './ExampleList';

describe('an example’s summary', () => {
  it('names a data: file by its media type, never by its bytes', () => {
    const labels = new Map([['image', 'Image']]);
    const png = `data:image/png;base64,${'iVBORw0KGgo'.repeat(50)}`;
    expect(summary({ image: png, filter: 'blur', strength: 1 }, labels)).toBe(
      'Image: file (image/png) · Filter: blur · Strength: 1',
    );
    expect(summary({ sound: 'data:,raw' }, new Map())).toBe('Sound: file (data)');
    expect(summary({ url: 'https://example.com/a.png' }, new Map())).toBe('Url: https://example.com/a.png');
  });
});
