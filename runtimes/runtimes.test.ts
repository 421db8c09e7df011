import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type ListeningServer, listen } from '@predictkit/server/node';
import { rolldown } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED } from './probe';
import { findBinary, RUNTIMES } from './runtimes';

const run = promisify(execFile);

let server: ListeningServer;
let dir: string;

beforeAll(async () => {
  server = await listen({ port: 0, timeScale: 0.2, onWarning: () => {} });
  dir = mkdtempSync(join(tmpdir(), 'predictkit-runtimes-'));
  // The probe and the two entries it imports, from their sources, as one module with no imports.
  const bundle = await rolldown({
    input: fileURLToPath(new URL('./probe.ts', import.meta.url)),
    platform: 'neutral',
    resolve: { conditionNames: ['@predictkit/source', 'import', 'default'] },
    logLevel: 'warn',
  });
  await bundle.write({ file: join(dir, 'probe.mjs'), format: 'esm' });
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(RUNTIMES)('$name', (runtime) => {
  it('runs the browser and server entries against the local server', async () => {
    const bin = findBinary(runtime);
    const here = mkdtempSync(join(dir, 'run-'));
    copyFileSync(join(dir, 'probe.mjs'), join(here, 'probe.mjs'));
    writeFileSync(
      join(here, 'main.mjs'),
      `import { probe } from './probe.mjs';\n${runtime.print(`probe(${JSON.stringify(`${server.url}/v1`)})`)}\n`,
    );
    const [file, ...args] = runtime.command(bin, here);
    const { stdout } = await run(file!, args, {
      cwd: here,
      timeout: 60_000,
      // Nothing of this machine's environment: no token, no base URL, no proxy settings.
      env: { PATH: process.env.PATH ?? '', ...runtime.env?.(here) },
    });
    const line = stdout.split('\n').findLast((l) => l.startsWith('{'));
    expect(line, `no result printed; the output was:\n${stdout}`).toBeDefined();
    expect(JSON.parse(line!)).toEqual(EXPECTED);
  }, 90_000);
});
