import { describe, expect, it } from 'vitest';
import { compilePattern } from './compilePattern';

/** A small deterministic random source, so that a failure names the same texts every run. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

/** Patterns of every kind the reader knows, each one `RegExp` runs quickly on short texts. */
const PATTERNS = [
  'a',
  '^a$',
  '^$',
  'ab|cd',
  '^(ab|a)c$',
  '^a*$',
  '^a+b?$',
  '^a{2}$',
  '^a{2,}$',
  '^a{1,3}$',
  '^a{0,2}b$',
  '^(a|b)*c$',
  '^(?:ab)+$',
  '^(?<word>[a-c]+)-\\d$',
  '^[a-z0-9]+(?:-[a-z0-9]+)*$',
  '^[^a-]+$',
  '^[\\]a]$',
  '^[]$',
  '^[^]$',
  '^.$',
  '\\bab\\b',
  'a\\B',
  '^\\d{4}-\\d{2}$',
  '^\\w+@\\w+\\.\\w{2,}$',
  '^\\s*$',
  '^\\S+$',
  '^\\D\\W$',
  '^\\.\\/\\\\$',
  '^\\x41\\u0042\\u{43}$',
  '^\\uD83D\\uDE00$',
  '^😀+$',
  '^\\p{Lu}\\p{Ll}*$',
  '^\\P{L}$',
  '^(?=.*[A-Z])(?=.*\\d).{4,}$',
  '^(?!ab)[a-c]+$',
  '^(?=(a|b)+c)[abc]+$',
  '^(a+)+$',
  '^(a|aa)+$',
  '^(.*,){3}$',
  '^(a*)*b$',
  '()*a',
  '^(?:a|)+$',
  'a+?b*?c??',
  '^a{1,2}?$',
  '^\\+?(\\d[\\d\\s-]*){2,4}$',
  '^[a-zA-Z0-9._%+-]+@(?:[a-zA-Z0-9.-]+\\.)+[a-zA-Z]{2,}$',
  '^(\\r\\n|\\n)\\t$',
  '^\\cJ\\0$',
];

const ALPHABET = [
  'a',
  'b',
  'c',
  'A',
  'Z',
  '0',
  '9',
  '-',
  ',',
  '.',
  '@',
  ' ',
  '\n',
  '\r',
  '\t',
  '/',
  '\\',
  '😀',
  'é',
  '\0',
];

describe('compilePattern', () => {
  it('answers as RegExp does, on every pattern it reads and many texts', () => {
    const next = random(7);
    for (const pattern of PATTERNS) {
      const test = compilePattern(pattern);
      expect(test, pattern).not.toBeNull();
      const native = new RegExp(pattern, 'u');
      // Half of the texts from the pattern's own characters, which it most likely matches.
      const own = [...new Set(pattern)];
      for (let n = 0; n < 400; n++) {
        const from = n % 2 ? own : ALPHABET;
        const text = Array.from({ length: (next() * 12) | 0 }, () => from[(next() * from.length) | 0]).join(
          '',
        );
        expect(test!(text), `${pattern} on ${JSON.stringify(text)}`).toBe(native.test(text));
      }
    }
  });

  it('answers the texts a pattern was written for', () => {
    const email = compilePattern('^[a-zA-Z0-9._%+-]+@(?:[a-zA-Z0-9.-]+\\.)+[a-zA-Z]{2,}$')!;
    expect(email('ana.lopez@mail.example.org')).toBe(true);
    expect(email('ana.lopez@example')).toBe(false);
    const password = compilePattern('^(?=.*[A-Z])(?=.*\\d).{8,}$')!;
    expect(password('Secret123')).toBe(true);
    expect(password('secret123')).toBe(false);
    expect(compilePattern('^\\p{Lu}')!('Élan')).toBe(true);
  });

  it('takes linear time on the near misses a backtracking engine takes hours over', () => {
    // Each of these runs for hours in `RegExp` on such a text: here the test ends at once, or the
    // run times out and fails.
    const slow = [
      ['^(a+)+$', `${'a'.repeat(5000)}!`],
      ['^(a|aa)+$', `${'a'.repeat(5000)}!`],
      ['^(.*,){9}$', `${','.repeat(5000)}\n`],
      ['^(\\w+\\s?)+$', `${'word '.repeat(1000)}!`],
      ['^[a-zA-Z0-9._%+-]+@(?:[a-zA-Z0-9.-]+\\.)+[a-zA-Z]{2,}$', `a@${'a.'.repeat(2000)}!`],
      ['^(?=(a+)+b).*$', `${'a'.repeat(2000)}!`],
    ] as const;
    for (const [pattern, text] of slow) expect(compilePattern(pattern)!(text), pattern).toBe(false);
  });

  it('is null for a pattern it cannot run without backtracking, or cannot read', () => {
    for (const pattern of [
      '^(a)\\1$',
      '^(?<x>a)\\k<x>$',
      '(?<=a)b',
      '(?<!a)b',
      '(?i:a)',
      '(',
      'a{2,1}',
      '\\p{Nope}',
    ]) {
      expect(compilePattern(pattern), pattern).toBeNull();
    }
  });

  it('is null for a repetition written out past 50 000 states', () => {
    expect(compilePattern('^.{1,20000}$')!('x'.repeat(20000))).toBe(true);
    expect(compilePattern('^.{1,20000}$')!('x'.repeat(20001))).toBe(false);
    expect(compilePattern('^(?:ab){30000}$')).toBeNull();
  });

  it('judges no text past the steps it may cost, and a lookahead costs one pass of the text', () => {
    // One pass per lookahead: a password rule on a long text is judged.
    const password = compilePattern('(?=.*[A-Z])(?=.*\\d).{8,}')!;
    expect(password(`${'a'.repeat(30_000)}Z1`)).toBe(true);
    expect(password('a'.repeat(30_000))).toBe(false);
    // Many live paths on a long text: past the bound, the text is not judged.
    expect(compilePattern('[a-z]{1,4000}!')!('a'.repeat(100_000))).toBeUndefined();
    expect(compilePattern('[a-z]{1,4000}!')!(`${'a'.repeat(50)}!`)).toBe(true);
  });
});
