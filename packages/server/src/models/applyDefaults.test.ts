import { describe, expect, it } from 'vitest';
import { applyDefaults } from './applyDefaults';
import { decodeDataUri, encodeDataUri } from './dataUri';

describe('applyDefaults', () => {
  const schema = {
    type: 'object',
    $defs: { style: { type: 'string', enum: ['a', 'b'], default: 'b' } },
    properties: {
      prompt: { type: 'string' },
      steps: { type: 'integer', default: 20 },
      seed: { anyOf: [{ type: 'integer' }, { type: 'null' }], default: null },
      style: { allOf: [{ $ref: '#/$defs/style' }], default: 'a' },
      fallback: { $ref: '#/$defs/style' },
      stop: { type: 'array', default: [] },
      nested: { type: 'object', properties: { depth: { type: 'integer', default: 3 } } },
    },
  };

  it('fills missing properties, preferring a property’s own default over its $ref’s', () => {
    expect(applyDefaults(schema, { prompt: 'hi', nested: {} })).toEqual({
      prompt: 'hi',
      steps: 20,
      seed: null,
      style: 'a',
      fallback: 'b',
      stop: [],
      nested: { depth: 3 },
    });
  });

  it('keeps given values, does not mutate the input, and copies defaults', () => {
    const input = { steps: 5, seed: 9 };
    const filled = applyDefaults(schema, input);
    expect(filled.steps).toBe(5);
    expect(filled.seed).toBe(9);
    expect(input).toEqual({ steps: 5, seed: 9 });
    (filled.stop as unknown[]).push('x');
    expect(applyDefaults(schema, {}).stop).toEqual([]);
  });
});

describe('data: URIs', () => {
  it('round-trips bytes through base64', () => {
    const bytes = Uint8Array.from({ length: 70000 }, (_, i) => (i * 31) & 255);
    const uri = encodeDataUri(bytes, 'image/png');
    expect(uri.startsWith('data:image/png;base64,')).toBe(true);
    expect(decodeDataUri(uri)).toEqual({ bytes, contentType: 'image/png' });
  });

  it('reads percent-encoded text and media type parameters', () => {
    const { bytes, contentType } = decodeDataUri('data:text/plain;charset=utf-8,caf%C3%A9%20ol%C3%A9');
    expect(contentType).toBe('text/plain');
    expect(new TextDecoder().decode(bytes)).toBe('café olé');
    expect(decodeDataUri('data:,A%20b').contentType).toBe('text/plain');
  });

  it('rejects what is not a data: URI', () => {
    expect(() => decodeDataUri('http://example.com/a.png')).toThrow(/data: URI/);
    expect(() => decodeDataUri('data:image/png;base64,@@@')).toThrow(/base64/);
  });
});
