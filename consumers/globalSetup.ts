import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PACKAGES, repoRoot, tarballDir } from './lib/paths';
import { explain, run, seconds, workspaceEnv } from './lib/run';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The packed packages, absolute paths to their `.tgz`. */
    tarballs: string[];
  }
}

/**
 * Packs every package as it would be published: `pnpm pack` from its folder, without a build
 * beforehand, so its `prepack` must build it; pnpm rewrites `workspace:*` and applies the exports. `PREDICTKIT_CONSUMERS_TARBALLS`
 * names a folder of ready tarballs to test instead (an older release, say).
 */
export default async function setup(project: TestProject) {
  rmSync(tarballDir, { recursive: true, force: true });
  mkdirSync(tarballDir, { recursive: true });
  const given = process.env.PREDICTKIT_CONSUMERS_TARBALLS;
  if (given) {
    for (const file of readdirSync(given).filter((f) => f.endsWith('.tgz'))) {
      copyFileSync(join(given, file), join(tarballDir, file));
    }
  } else {
    for (const name of PACKAGES) {
      // As from a fresh clone, where nothing was built: the package's prepack must build it.
      rmSync(join(repoRoot, 'packages', name, 'dist'), { recursive: true, force: true });
      const packed = await run('pnpm', ['pack', '--pack-destination', tarballDir], {
        cwd: join(repoRoot, 'packages', name),
        env: workspaceEnv(),
        timeoutMs: 300_000,
      });
      if (packed.code !== 0) throw new Error(explain(`pnpm pack in packages/${name}`, packed));
      console.info(`[consumers] packed @predictkit/${name} in ${seconds(packed.ms)}`);
    }
  }
  const tarballs = readdirSync(tarballDir)
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => join(tarballDir, file));
  if (tarballs.length !== PACKAGES.length) {
    throw new Error(`expected ${PACKAGES.length} tarballs in ${tarballDir}, found: ${tarballs.join(', ')}`);
  }
  project.provide('tarballs', tarballs);
}
