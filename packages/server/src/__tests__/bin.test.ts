import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const server = fileURLToPath(new URL('../..', import.meta.url));
// The package as a fresh clone has it: bin/ and src/, and no dist/, since nothing was built.
const clone = join(server, 'node_modules/.cache/predictkit-server-bin-test');

afterAll(() => rmSync(clone, { recursive: true, force: true }));

it('runs the CLI from the sources in the repository, with nothing built', async () => {
  rmSync(clone, { recursive: true, force: true });
  mkdirSync(join(clone, 'bin'), { recursive: true });
  copyFileSync(join(server, 'bin/predictkit-server.js'), join(clone, 'bin/predictkit-server.js'));
  symlinkSync(join(server, 'src'), join(clone, 'src'));
  const child = spawn(process.execPath, [join(clone, 'bin/predictkit-server.js'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const listening = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (/listening on http:\/\/127\.0\.0\.1:\d+/.test(output)) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(() => resolve(false));
  });
  child.kill('SIGTERM');
  const code = await exited;
  expect(listening, output).toBe(true);
  expect(code, `it should stop cleanly on SIGTERM:\n${output}`).toBe(0);
}, 60_000);
