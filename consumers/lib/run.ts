import { spawn } from 'node:child_process';
import { delimiter } from 'node:path';
import { npmCache, repoRoot } from './paths';

export interface RunResult {
  code: number | null;
  /** stdout and stderr as they came, interleaved. */
  output: string;
  ms: number;
}

/**
 * The environment of a user's shell: this machine's (its certificates and proxies included), without
 * what Vitest and pnpm add (`NODE_ENV=test`, `VITEST*`, `npm_*`) and without the workspace's
 * `node_modules/.bin` folders on PATH (Node 24 stays first).
 */
export function userEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(NODE_ENV|VITEST.*|npm_.*|PNPM_.*|INIT_CWD|TEST)$/i.test(name)) continue;
    env[name] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir && !dir.includes('node_modules/.bin') && !dir.startsWith(`${repoRoot}node_modules`))
    .join(delimiter);
  return {
    ...env,
    CI: 'true',
    npm_config_cache: npmCache,
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    NEXT_TELEMETRY_DISABLED: '1',
    ...extra,
  };
}

/** This process's environment without what Vitest adds (`NODE_ENV=test`, `VITEST*`), for the workspace's own tools. */
export function workspaceEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'NODE_ENV' && !name.startsWith('VITEST')) env[name] = value;
  }
  return { ...env, CI: 'true' };
}

/** Runs a command to its end and returns its output; never throws for a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? userEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout ends whatever it started too.
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => {
      output += `\n[killed after ${options.timeoutMs} ms]`;
      killGroup(child.pid);
    }, options.timeoutMs ?? 300_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

/** Ends a process started with `detached: true` and everything it started. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** The last lines of a tool's output, for a failure message. */
export const tail = (output: string, lines = 80) => output.trimEnd().split('\n').slice(-lines).join('\n');

/** A failure message: what ran, how it ended, and what it said. */
export const explain = (what: string, result: RunResult) =>
  `${what} exited with ${result.code}:\n${tail(result.output)}`;

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface Background {
  output: () => string;
  /** Ends it and whatever it started (SIGTERM, then SIGKILL after 5 s). */
  stop: () => Promise<void>;
}

/** Starts a long-running command (a server) in its own process group. */
export function startBackground(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Background {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? userEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    child.on('close', () => resolve());
  });
  return {
    output: () => output,
    stop: async () => {
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until `url` answers (any status below 500), or fails with what the server printed. */
export async function waitForHttp(url: string, server: Background, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status > 0 && status < 500) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${tail(server.output())}`);
}
