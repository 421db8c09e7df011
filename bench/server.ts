/**
 * The local API in a child process, over HTTP on 127.0.0.1: the load generator and the server must not
 * share an event loop, or one's work would show up as the other's delay.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchServerOptions {
  /** Multiplies model time on the server (0.1: ten times faster). */
  timeScale: number;
  /** Predictions running at once; above the bench's count so none waits in the queue. */
  concurrency: number;
}

export interface BenchServer {
  /** e.g. `http://127.0.0.1:40123`; the API is under `${origin}/v1`. */
  origin: string;
  close(): Promise<void>;
}

const cli = fileURLToPath(new URL('../packages/server/src/node/cli.ts', import.meta.url));
// tsx as a loader of a plain `node` (not its CLI, which runs a second process): one pid to stop.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export async function startServer({ timeScale, concurrency }: BenchServerOptions): Promise<BenchServer> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@predictkit/source',
      '--import',
      tsxLoader,
      cli,
      '--port',
      '0',
      '--concurrency',
      String(concurrency),
      '--time-scale',
      String(timeScale),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A crashed bench must not leave the server running.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      // From here on its output is read and dropped, so a full pipe never blocks it.
      child.stdout.off('data', read).resume();
      child.stderr.off('data', read).resume();
      resolve(match[1] as string);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) =>
      reject(new Error(`the server exited (${code}) before listening:\n${output}`)),
    );
  });
  return {
    origin,
    async close() {
      process.off('exit', kill);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
