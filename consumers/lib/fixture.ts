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

/** What a tarball's package.json says that npm acts on when installing it. */
async function installInputs(tarball: string): Promise<unknown> {
  const read = await run('tar', ['-xzOf', tarball, 'package/package.json'], { cwd: workRoot });
  if (read.code !== 0) throw new Error(explain(`tar -xzOf ${tarball} package/package.json`, read));
  const { name, dependencies, peerDependencies, optionalDependencies, bin } = JSON.parse(read.output);
  return { name, dependencies, peerDependencies, optionalDependencies, bin };
}

/**
 * Copies a fixture app out of the repository and installs it as a user would, with npm: its locked
 * dependencies (`npm ci`), then PredictKit's packed tarballs (`npm install <tarballs>`, which also
 * brings what they depend on). While the app's package.json and package-lock.json and what the
 * tarballs depend on stay the same, the next run keeps node_modules and only unpacks the new
 * tarballs over PredictKit's folders: the same files npm would put there, without reinstalling the rest.
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

  const inputs = await Promise.all(tarballs.map(installInputs));
  const key = createHash('sha256')
    .update(process.version)
    .update(readFileSync(join(dir, 'package.json')))
    .update(readFileSync(join(dir, 'package-lock.json')))
    .update(JSON.stringify(inputs))
    .digest('hex');
  const keyFile = join(dir, KEY_FILE);
  if (existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) {
    const started = Date.now();
    for (const [index, tarball] of tarballs.entries()) {
      const into = join(dir, 'node_modules', (inputs[index] as { name: string }).name);
      rmSync(into, { recursive: true, force: true });
      mkdirSync(into, { recursive: true });
      const unpacked = await run('tar', ['-xzf', tarball, '-C', into, '--strip-components=1'], { cwd: dir });
      if (unpacked.code !== 0) throw new Error(explain(`tar -xzf ${tarball}`, unpacked));
    }
    return { name, dir, install: `dependencies kept, tarballs unpacked in ${seconds(Date.now() - started)}` };
  }

  rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
  const ci = await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: dir,
    timeoutMs: 600_000,
  });
  if (ci.code !== 0) throw new Error(explain(`npm ci in ${dir}`, ci));
  const install = await run(
    'npm',
    ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs],
    { cwd: dir, timeoutMs: 600_000 },
  );
  if (install.code !== 0) throw new Error(explain(`npm install <tarballs> in ${dir}`, install));
  writeFileSync(keyFile, key);
  return { name, dir, install: `npm ci ${seconds(ci.ms)}, npm install <tarballs> ${seconds(install.ms)}` };
}
