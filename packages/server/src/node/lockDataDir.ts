import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** The file that says which process owns a data folder. */
export const LOCK_FILE = 'predictkit.lock';

/** What a lock file holds: enough to tell a live owner from a dead one, and to name it. */
export interface LockHolder {
  pid: number;
  /** When that server started (ISO time), for the message. */
  startedAt: string;
  host: string;
  /** The kernel's start time of the process (Linux), so a recycled pid is not taken for the owner. */
  processStart?: string;
}

export interface DataDirLock {
  readonly path: string;
  /** Gives the folder up (also done on process exit). Idempotent. */
  release(): void;
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
    readonly lockPath: string,
  ) {
    const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
    super(
      `--data-dir ${dataDir} is in use by another PredictKit server (pid ${holder.pid}${where}, started ${holder.startedAt}). ` +
        `Stop that one first, or give this one another --data-dir. If no such server runs, delete ${lockPath}.`,
    );
  }
}

/** A lock file this young with nothing readable in it is being written right now. */
const WRITING_GRACE_MS = 2000;
/** A takeover guard older than this was left by a process that died while taking over. */
const STALE_GUARD_MS = 10_000;

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return Number.isInteger(value.pid) &&
      typeof value.startedAt === 'string' &&
      typeof value.host === 'string'
      ? (value as LockHolder)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Field 22 of `/proc/<pid>/stat`, the process's start time since boot; `undefined` off Linux. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count from the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockHolder): boolean {
  // a process on another machine (a shared folder) cannot be checked: assume it runs
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = holder.processStart && processStart(holder.pid);
  return !start || start === holder.processStart;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {}
}

/**
 * Removes a dead owner's lock, unless someone else already has: under a guard file, and only if the
 * lock still holds what was judged stale, so that two starters never both take it over.
 */
function takeOver(path: string, staleText: string): void {
  const guard = `${path}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (ageMs(guard) > STALE_GUARD_MS) unlinkQuietly(guard);
    else sleepSync(20);
    return;
  }
  try {
    if (readText(path) === staleText) unlinkSync(path);
  } finally {
    closeSync(fd);
    unlinkQuietly(guard);
  }
}

/**
 * Takes `dataDir` for this process with a lock file created exclusively (`O_EXCL`), before anything
 * else in the folder is opened. A lock whose process is gone is taken over; a live one throws
 * `DataDirInUseError` naming it. The lock goes when released, or when the process exits.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(resolve(dataDir), LOCK_FILE);
  const self: LockHolder = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    host: hostname(),
    ...(processStart(process.pid) ? { processStart: processStart(process.pid) } : {}),
  };
  const mine = `${JSON.stringify(self)}\n`;
  for (let attempt = 0; attempt < 100; attempt++) {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      return held(path, mine);
    }
    const text = readText(path);
    if (text === undefined) continue;
    const holder = parseHolder(text);
    if (holder === undefined && ageMs(path) < WRITING_GRACE_MS) {
      sleepSync(20);
      continue;
    }
    if (holder && isAlive(holder)) throw new DataDirInUseError(dataDir, holder, path);
    takeOver(path, text);
  }
  throw new Error(
    `Could not lock --data-dir ${dataDir}: ${path} keeps changing. Is another server starting?`,
  );
}

function held(path: string, mine: string): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // only ever remove our own lock, never one a later owner wrote
    if (readText(path) === mine) unlinkQuietly(path);
  };
  process.on('exit', release);
  return { path, release };
}
