// Runs before a package is packed (`pnpm pack`, `pnpm publish`) from its own folder. npm would pack
// `workspace:*` dependency ranges and the exports that point at src/ as they are, so it is refused.
// Then it builds the package: first the workspace packages it depends on, when one was never built
// (their declarations are what its own are checked against), then itself.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const read = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const pkg = read('.');
const agent = process.env.npm_config_user_agent ?? '';

if (!agent.startsWith('pnpm/')) {
  const tool = agent.split('/')[0] || 'this tool';
  console.error(
    `${pkg.name}: pack and publish with pnpm (pnpm pack, pnpm publish), not ${tool}. Only pnpm rewrites ` +
      '"workspace:*" dependency ranges to versions and applies publishConfig.exports; without them the ' +
      'package would not install or resolve outside this repository.',
  );
  process.exit(1);
}

const run = (...args) => execFileSync('pnpm', args, { stdio: 'inherit' });
const workspace = new Map(
  readdirSync('..', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join('..', entry.name, 'package.json')))
    .map((entry) => [read(join('..', entry.name)).name, join('..', entry.name)]),
);
const unbuilt = Object.entries(pkg.dependencies ?? {})
  .filter(([name, range]) => range.startsWith('workspace:') && !existsSync(join(workspace.get(name), 'dist')))
  .map(([name]) => name);
if (unbuilt.length) run('--filter', `${pkg.name}^...`, 'run', 'build');
run('run', 'build');
