import { spawn } from 'node:child_process';
import { killGroup, tail, userEnv } from './run';

export interface RunningServer {
  /** `http://127.0.0.1:<port>`; the API is under `/v1`. */
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * `npx predictkit-server` in an app folder: the CLI of the installed tarball, on a free port. Stop it
 * in a `finally` (or `afterAll`): it runs in its own process group, which `stop` ends.
 */
export function startServer(dir: string, args: string[] = []): Promise<RunningServer> {
  const child = spawn(
    'npx',
    ['--no', '--', 'predictkit-server', '--port', '0', '--time-scale', '0.05', ...args],
    {
      cwd: dir,
      env: userEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const stop = async () => {
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`npx predictkit-server did not start within 60 s:\n${tail(output)}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`npx predictkit-server exited with ${code} before listening:\n${tail(output)}`));
    });
  });
}
