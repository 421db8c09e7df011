import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * Where the fixture apps are installed and built: outside the repository, since Node, TypeScript and
 * the bundlers look for packages in every parent folder and would find the workspace's. Kept between
 * runs, so a fixture whose dependencies did not change keeps its node_modules (and Next its cache).
 */
export const workRoot =
  process.env.PREDICTKIT_CONSUMERS_DIR ??
  join(tmpdir(), `predictkit-consumers-${createHash('sha256').update(repoRoot).digest('hex').slice(0, 8)}`);

export const tarballDir = join(workRoot, 'tarballs');

/** npm's download cache, shared by every fixture and kept between runs (`.tools/` is not committed). */
export const npmCache = join(repoRoot, '.tools', 'npm-cache');

/** The published packages, in the order they depend on each other. */
export const PACKAGES = ['core', 'server', 'react', 'components'] as const;
