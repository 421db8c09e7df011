import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PACKAGES, repoRoot } from './lib/paths';
import { explain, run, userEnv } from './lib/run';

const bin = (name: string) => join(repoRoot, 'node_modules/.bin', name);
const tarballs = inject('tarballs');
let unpacked: string;

/** Every string an `exports` map points at. */
const targets = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value).flatMap(targets)
      : [];

beforeAll(async () => {
  unpacked = mkdtempSync(join(tmpdir(), 'predictkit-tarballs-'));
  for (const tarball of tarballs) {
    const into = join(unpacked, basename(tarball, '.tgz'));
    const result = await run('sh', ['-c', `mkdir -p "${into}" && tar -xzf "${tarball}" -C "${into}"`], {
      cwd: unpacked,
    });
    if (result.code !== 0) throw new Error(explain(`tar -xzf ${tarball}`, result));
  }
});

afterAll(() => {
  if (unpacked) rmSync(unpacked, { recursive: true, force: true });
});

describe.each(tarballs.map((tarball) => [basename(tarball), tarball]))('%s', (_, tarball) => {
  const root = () => join(unpacked, basename(tarball, '.tgz'), 'package');
  const manifest = () => JSON.parse(readFileSync(join(root(), 'package.json'), 'utf8'));

  it('passes publint (warnings count as errors)', async () => {
    const result = await run(bin('publint'), ['run', tarball, '--strict'], { cwd: repoRoot });
    expect(result.code, explain('publint', result)).toBe(0);
    expect(result.output, result.output).toContain('All good');
  });

  it('passes @arethetypeswrong/cli for ESM and CommonJS under node16 and bundler resolution', async () => {
    const css = Object.keys(manifest().exports).filter((entry) => entry.endsWith('.css'));
    const result = await run(
      bin('attw'),
      [
        tarball,
        '--profile',
        'node16',
        '--format',
        'ascii',
        ...(css.length ? ['--exclude-entrypoints', ...css] : []),
      ],
      { cwd: repoRoot },
    );
    expect(result.code, explain('attw', result)).toBe(0);
  });

  it('ships a license, the package fields, and exports that point only at shipped files', () => {
    const pkg = manifest();
    const files = readdirSync(root());
    expect(files).toContain('LICENSE');
    expect(readFileSync(join(root(), 'LICENSE'), 'utf8')).toContain('PredictKit contributors');
    expect(pkg.license).toBe('MIT');
    expect(pkg.repository?.url).toBe('git+https://github.com/predictkit/predictkit.git');
    expect(pkg.homepage).toMatch(/^https:\/\/github\.com\/predictkit\/predictkit\//);
    expect(pkg.engines?.node).toBeTruthy();
    expect(JSON.stringify(pkg), 'a workspace: range would not install outside the repository').not.toContain(
      'workspace:',
    );
    expect(
      JSON.stringify(pkg.exports),
      'the workspace-only export condition points at src/, which is not shipped',
    ).not.toContain('@predictkit/source');
    for (const target of targets(pkg.exports)) {
      expect(() => readFileSync(join(root(), target)), `exports → ${target}`).not.toThrow();
    }
  });

  it('ships no tests, stories or TypeScript sources', () => {
    const all = readdirSync(root(), { recursive: true, encoding: 'utf8' });
    const unwanted = all.filter(
      (file) =>
        /\.(test|stories)\.|__tests__/.test(file) || (/\.tsx?$/.test(file) && !/\.d\.c?ts$/.test(file)),
    );
    expect(unwanted).toEqual([]);
  });

  it('links its README only to absolute URLs, which work on the registry', () => {
    const readme = readFileSync(join(root(), 'README.md'), 'utf8');
    const relative = [...readme.matchAll(/\]\(([^)\s]+)/g)]
      .map((match) => match[1]!)
      .filter((target) => !/^(https?:|mailto:|#)/.test(target));
    expect(relative).toEqual([]);
  });
});

describe('packing', () => {
  it.each(PACKAGES)(
    'npm pack in packages/%s fails loudly instead of packing workspace ranges',
    async (name) => {
      const result = await run('npm', ['pack', '--dry-run'], {
        cwd: join(repoRoot, 'packages', name),
        env: userEnv(),
        timeoutMs: 60_000,
      });
      expect(result.code, result.output).not.toBe(0);
      expect(result.output).toContain('pack and publish with pnpm');
    },
  );
});
