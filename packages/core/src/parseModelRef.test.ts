import { describe, expect, it } from 'vitest';
import { formatModelRef, parseModelRef, predictionModelRef, versionOf } from './parseModelRef';

const ID = '5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa';

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

  it('reads owner/name:<64 hex digits> as a Replicate version id, kept as text', () => {
    expect(parseModelRef(`replicate/hello-world:${ID}`)).toEqual({
      owner: 'replicate',
      name: 'hello-world',
      version: ID,
    });
  });

  it('passes a ModelRef object through', () => {
    const ref = { owner: 'a', name: 'b', version: 3 };
    expect(parseModelRef(ref)).toBe(ref);
  });

  it.each([
    ['foo', 'no `/` between owner and name'],
    ['a/b/c', 'more than one `/`'],
    ['a/b:x', '`version` must be a whole number ≥ 1 or a 64-hex version id, got "x"'],
    ['a/b:0', '`version` must be a whole number ≥ 1 or a 64-hex version id, got "0"'],
    ['a/b:1.5', '`version` must be a whole number ≥ 1 or a 64-hex version id, got "1.5"'],
    ['a/b:-1', '`version` must be a whole number ≥ 1 or a 64-hex version id, got "-1"'],
    ['a/b:', '`version` must be a whole number ≥ 1 or a 64-hex version id, got ""'],
    [
      `a/b:${ID.slice(1)}`,
      `\`version\` must be a whole number ≥ 1 or a 64-hex version id, got "${ID.slice(1)}"`,
    ],
    [
      `a/b:${ID.toUpperCase()}`,
      `\`version\` must be a whole number ≥ 1 or a 64-hex version id, got "${ID.toUpperCase()}"`,
    ],
    [`a/b:${ID}0`, `\`version\` must be a whole number ≥ 1 or a 64-hex version id, got "${ID}0"`],
    ['', 'no `/` between owner and name'],
    ['a/b:1:2', 'more than one `:`'],
    ['a /b', 'whitespace'],
  ])('refuses %j: %s', (ref, why) => {
    expect(() => parseModelRef(ref)).toThrow(
      new TypeError(
        `Invalid model reference ${JSON.stringify(ref)}: ${why}. Use \`owner/name\`, \`owner/name:N\` or \`owner/name:<version id>\`.`,
      ),
    );
  });

  const SEGMENT = 'one path segment: not empty, `.` or `..`, without `/`, `\\` or control characters';

  it.each([
    ['../user', 'owner', '..'],
    ['a/..', 'name', '..'],
    ['./b', 'owner', '.'],
    ['a/.', 'name', '.'],
    ['/b', 'owner', ''],
    ['a/', 'name', ''],
    ['%2e%2e/x', 'owner', '%2e%2e'],
    ['a/%2E', 'name', '%2E'],
    ['a/b%2Fc', 'name', 'b%2Fc'],
    ['a\\b/c', 'owner', 'a\\b'],
    ['a/b%5C', 'name', 'b%5C'],
    ['a/b\u0000', 'name', 'b\u0000'],
    ['a/\u007f', 'name', '\u007f'],
  ])(
    'refuses %j: an owner or name that is empty or a server could read as another path',
    (ref, part, value) => {
      expect(() => parseModelRef(ref)).toThrow(
        new TypeError(
          `Invalid model reference ${JSON.stringify(ref)}: \`${part}\` must be ${SEGMENT}, got ${JSON.stringify(value)}. Use \`owner/name\`, \`owner/name:N\` or \`owner/name:<version id>\`.`,
        ),
      );
    },
  );

  it.each<[unknown, string]>([
    [{}, `\`owner\` must be ${SEGMENT}, got undefined.`],
    [{ owner: 'a' }, `\`name\` must be ${SEGMENT}, got undefined.`],
    [{ owner: '..', name: 'b' }, `\`owner\` must be ${SEGMENT}, got "..".`],
    [{ owner: 'a', name: '' }, `\`name\` must be ${SEGMENT}, got "".`],
    [{ owner: 1, name: 'b' }, `\`owner\` must be ${SEGMENT}, got 1.`],
    [{ owner: 'a', name: 'b/c' }, `\`name\` must be ${SEGMENT}, got "b/c".`],
    [
      { owner: 'a', name: 'b', version: 0 },
      '`version` must be a whole number ≥ 1 or a 64-hex version id, got 0.',
    ],
    [
      { owner: 'a', name: 'b', version: 1.5 },
      '`version` must be a whole number ≥ 1 or a 64-hex version id, got 1.5.',
    ],
    [
      { owner: 'a', name: 'b', version: '2' },
      '`version` must be a whole number ≥ 1 or a 64-hex version id, got "2".',
    ],
    [
      { owner: 'a', name: 'b', version: null },
      '`version` must be a whole number ≥ 1 or a 64-hex version id, got null.',
    ],
    [
      { owner: 'a', name: 'b', version: ID.toUpperCase() },
      `\`version\` must be a whole number ≥ 1 or a 64-hex version id, got "${ID.toUpperCase()}".`,
    ],
  ])('checks a ModelRef object as strictly: %j', (ref, message) => {
    expect(() => parseModelRef(ref as never)).toThrow(new TypeError(message));
    expect(() => formatModelRef(ref as never)).toThrow(new TypeError(message));
  });

  it('refuses what is not a string', () => {
    expect(() => parseModelRef(42 as unknown as string)).toThrow('Invalid model reference 42: not a string');
  });

  it('formats back what it parsed', () => {
    for (const ref of ['a/b', 'a/b:7', `a/b:${ID}`]) expect(formatModelRef(parseModelRef(ref))).toBe(ref);
  });
});

describe('versionOf and predictionModelRef', () => {
  it('name a WriftAI version by its number and a Replicate version by its id', () => {
    expect(versionOf({ number: 3, created_at: '' })).toBe(3);
    expect(versionOf({ id: ID, created_at: '' })).toBe(ID);
    expect(versionOf({ owner: 'a', name: 'b', version_number: 2 })).toBe(2);
    expect(versionOf({ owner: 'a', name: 'b', version_id: ID })).toBe(ID);
    expect(versionOf({ owner: 'a', name: 'b' })).toBeUndefined();
    expect(versionOf(null)).toBeUndefined();
  });

  it('give the reference of the version a prediction ran on, which parseModelRef reads back', () => {
    const wriftai = predictionModelRef({ model: { owner: 'predictkit', name: 'echo', version_number: 2 } });
    const replicate = predictionModelRef({
      model: { owner: 'replicate', name: 'hello-world', version_id: ID },
    });
    expect(wriftai).toBe('predictkit/echo:2');
    expect(replicate).toBe(`replicate/hello-world:${ID}`);
    expect(parseModelRef(replicate).version).toBe(ID);
    // An official model's version is hidden: the model alone.
    expect(predictionModelRef({ model: { owner: 'black-forest-labs', name: 'flux-schnell' } })).toBe(
      'black-forest-labs/flux-schnell',
    );
  });
});
