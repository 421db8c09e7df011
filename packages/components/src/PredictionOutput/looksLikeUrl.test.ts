import { describe, expect, it } from 'vitest';
import { isAbsoluteUrl } from './looksLikeUrl';

describe('isAbsoluteUrl', () => {
  it('judges a long value by all of it, whatever its start says', () => {
    const path = 'a/'.repeat(100);
    expect(isAbsoluteUrl(`https://x.test/${path}`)).toBe(true);
    expect(isAbsoluteUrl(`https://x.test/${path} and more words`)).toBe(false);
    expect(isAbsoluteUrl(`${'\n'.repeat(80)}java\tscript:alert(1)//${path}`)).toBe(true);
    expect(isAbsoluteUrl(`${' '.repeat(70)}data:text/plain,${path}`)).toBe(true);
    expect(isAbsoluteUrl(`The model says: ${path}`)).toBe(false);
    expect(isAbsoluteUrl(`https:/${'/'.repeat(3)}${' '.repeat(100)}`)).toBe(true);
  });
});
