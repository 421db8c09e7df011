#!/usr/bin/env node
// Installed from npm, this runs the built CLI. In this repository, where src/ is (the package ships
// only dist/), it runs the sources through tsx instead: no build needed, and never a stale one.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/node/cli.ts', import.meta.url));
const built = new URL('../dist/node/cli.js', import.meta.url);

const tsx = () => {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return undefined;
  }
};

const loader = existsSync(source) ? tsx() : undefined;
if (loader) {
  const child = spawn(
    process.execPath,
    ['--conditions=@predictkit/source', '--import', loader, source, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  // The server stops cleanly on these; this process only passes them on and waits for it.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? 128 + (constants.signals[signal] ?? 0);
  });
} else if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else {
  console.error(
    'predictkit-server: neither the built CLI (dist/) nor tsx to run the sources was found. ' +
      'In the repository, run `pnpm install`, or build with `pnpm --filter @predictkit/server build`.',
  );
  process.exit(1);
}
