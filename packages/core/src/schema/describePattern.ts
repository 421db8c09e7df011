const CLASS_PARTS: [RegExp, string][] = [
  [/^a-z/, 'lowercase letters'],
  [/^A-Z/, 'capital letters'],
  [/^0-9|^\\d/, 'digits'],
  [/^\\w/, 'letters, digits and underscores'],
  [/^(?:\\s| )/, 'spaces'],
  [/^_/, 'underscores'],
  [/^\\?-|^-$/, 'hyphens'],
  [/^\\?\./, 'dots'],
  [/^,/, 'commas'],
  [/^\\\//, 'slashes'],
  [/^:/, 'colons'],
];

/** `a-zA-Z0-9_-` in words ("letters, digits, underscores and hyphens"), or `undefined` if it is not that simple. */
function describeClass(body: string): string | undefined {
  const words: string[] = [];
  let rest = body;
  // A class that is only the three ranges of letters and digits reads better as two words.
  rest = rest.replace(/^(?:a-zA-Z|A-Za-z)/, () => {
    words.push('letters');
    return '';
  });
  while (rest) {
    const part = CLASS_PARTS.find(([re]) => re.test(rest));
    if (!part) return undefined;
    const [re, word] = part;
    if (!words.includes(word)) words.push(word);
    rest = rest.replace(re, '');
  }
  if (!words.length) return undefined;
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

const count = (min: string, max: string | undefined, exact: boolean) =>
  exact ? ` (exactly ${min})` : max === undefined ? ` (at least ${min})` : ` (${min} to ${max})`;

/**
 * A regular expression a person can read, in words: `^[a-z0-9-]+$` → "Use only lowercase letters,
 * digits and hyphens". Patterns of one character class get words; any other pattern gets a plain
 * sentence, and the pattern itself stays in the issue (`ctx.pattern`) for developers.
 */
export function describePattern(pattern: string): string {
  if (typeof pattern !== 'string') {
    throw new TypeError(`describePattern: \`pattern\` must be a string, got ${JSON.stringify(pattern)}.`);
  }
  const whole = /^\^\[([^\]^]+)\](\+|\*|\{(\d+)(,(\d*))?\})\$$/.exec(pattern);
  const words = whole && describeClass(whole[1] as string);
  if (whole && words) {
    const [, , quantifier, min, comma, max] = whole;
    const limit =
      quantifier === '+' || quantifier === '*'
        ? ''
        : count(min as string, comma && max ? max : comma ? undefined : min, !comma);
    return `Use only ${words}${limit}`;
  }
  return 'Not in the expected format';
}
