import { describe, expect, it } from 'vitest';
import { appended } from './streamed';

describe('appended', () => {
  it('gives the text of the pieces added at the end', () => {
    const a = 'alpha ';
    const b = 'beta ';
    expect(appended([], [a, b])).toBe('alpha beta ');
    expect(appended([a], [a, b, 'gamma'])).toBe('beta gamma');
    expect(appended([a, b], [a, b])).toBe('');
  });

  it('reads a last piece that grew as text added', () => {
    expect(appended(['some text'], ['some text and more'])).toBe(' and more');
    expect(appended(['a', 'some'], ['a', 'some text', '!'])).toBe(' text!');
  });

  it('says when the text did not grow at its end', () => {
    expect(appended(['a', 'b'], ['a'])).toBeUndefined();
    expect(appended(['a', 'b', 'c'], ['x', 'b', 'c', 'd'])).toBeUndefined();
    expect(appended(['some text'], ['other text'])).toBeUndefined();
  });
});
