import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir, workRoot } from './paths';
import { explain, run, seconds } from './run';

/** Kept when a fixture's sources are copied again: its installed dependencies and Next's build cache. */
const KEPT = new Set(['node_modules', '.next']);
const KEY_FILE = join('node_modules', '.predictkit-install-key');

export interface Fixture {
  name: string;
  /** The fixture's folder outside the repository, with its dependencies installed. */
  dir: string;
  /** How its dependencies got there, for the timings in the log. */
  install: string;
}

/**
 * Copies a fixture app out of the repository and installs it as a user would, with npm: its own
 * locked dependencies (`npm ci`, skipped while `package.json` and `package-lock.json` are unchanged
 * since the last run), then PredictKit's packed tarballs, which are installed afresh every time.
 */
export async function prepareFixture(
  name: string,
  tarballs: readonly string[],
  /** Folders of the app that get a copy of `fixtures/shared/` (the type checks every app compiles). */
  shared: readonly string[] = [],
): Promise<Fixture> {
  const source = join(fixturesDir, name);
  const dir = join(workRoot, name);
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) {
    if (!KEPT.has(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
  }
  cpSync(source, dir, { recursive: true, filter: (path) => !path.includes('/node_modules') });
  for (const folder of shared) cpSync(join(fixturesDir, 'shared'), join(dir, folder), { recursive: true });

  const notes: string[] = [];
  const key = createHash('sha256')
    .update(process.version)
    .update(readFileSync(join(dir, 'package.json')))
    .update(readFileSync(join(dir, 'package-lock.json')))
    .digest('hex');
  const keyFile = join(dir, KEY_FILE);
  if (existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) {
    notes.push('dependencies: kept');
  } else {
    rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
    const ci = await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: dir,
      timeoutMs: 600_000,
    });
    if (ci.code !== 0) throw new Error(explain(`npm ci in ${dir}`, ci));
    writeFileSync(keyFile, key);
    notes.push(`dependencies: npm ci ${seconds(ci.ms)}`);
  }

  // Never what an earlier run installed: the tarballs have the same version and name every run.
  rmSync(join(dir, 'node_modules', '@predictkit'), { recursive: true, force: true });
  const install = await run(
    'npm',
    ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs],
    { cwd: dir, timeoutMs: 600_000 },
  );
  if (install.code !== 0) throw new Error(explain(`npm install <tarballs> in ${dir}`, install));
  notes.push(`tarballs: npm install ${seconds(install.ms)}`);
  return { name, dir, install: notes.join(', ') };
}
