import { describe, expect, it } from 'vitest';
import { formatModelRef, parseModelRef } from './parseModelRef';

describe('parseModelRef', () => {
  it('reads owner/name as the latest version', () => {
    expect(parseModelRef('predictkit/echo')).toEqual({ owner: 'predictkit', name: 'echo' });
  });

  it('reads owner/name:N as version N', () => {
    expect(parseModelRef('predictkit/text-generator:2')).toEqual({
      owner: 'predictkit',
      name: 'text-generator',
      version: 2,
    });
  });

  it('passes a ModelRef object through', () => {
    const ref = { owner: 'a', name: 'b', version: 3 };
    expect(parseModelRef(ref)).toBe(ref);
  });

  it.each([
    ['foo', 'no `/` between owner and name'],
    ['a/b/c', 'more than one `/`'],
    ['a/b:x', 'version "x" is not a whole number ≥ 1'],
    ['a/b:0', 'version "0" is not a whole number ≥ 1'],
    ['a/b:1.5', 'version "1.5" is not a whole number ≥ 1'],
    ['a/b:-1', 'version "-1" is not a whole number ≥ 1'],
    ['a/b:', 'version "" is not a whole number ≥ 1'],
    ['/b', 'empty owner or name'],
    ['a/', 'empty owner or name'],
    ['', 'no `/` between owner and name'],
    ['a/b:1:2', 'more than one `:`'],
    ['a /b', 'whitespace'],
  ])('refuses %j: %s', (ref, why) => {
    expect(() => parseModelRef(ref)).toThrow(
      new TypeError(
        `Invalid model reference ${JSON.stringify(ref)}: ${why}. Use \`owner/name\` or \`owner/name:N\`.`,
      ),
    );
  });

  it('refuses what is not a string', () => {
    expect(() => parseModelRef(42 as unknown as string)).toThrow('Invalid model reference 42: not a string');
  });

  it('formats back what it parsed', () => {
    for (const ref of ['a/b', 'a/b:7']) expect(formatModelRef(parseModelRef(ref))).toBe(ref);
  });
});
