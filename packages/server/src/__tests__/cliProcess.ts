import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../node/cli.ts', import.meta.url));
// tsx as a loader of a plain `node`, not its CLI (which runs a second process): the pid is the server's
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface CliProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string | null>;
}

/** Runs `predictkit-server` from its sources in a process of its own. */
export function spawnCli(args: string[]): CliProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@predictkit/source', '--import', tsxLoader, cli, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout.on('data', (chunk) => {
    text += chunk;
  });
  child.stderr.on('data', (chunk) => {
    text += chunk;
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, output: () => text, exited };
}

/** Starts the CLI and resolves with its URL once it listens (rejects if it exits first). */
export async function startCli(args: string[]): Promise<CliProcess & { url: string }> {
  const started = spawnCli(['--port', '0', ...args]);
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(started.output());
      if (match) resolve(match[1] as string);
    };
    started.child.stdout.on('data', check);
    started.exited.then((code) => reject(new Error(`the server exited (${code}):\n${started.output()}`)));
  });
  return { ...started, url };
}
