import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type Server } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ListeningServer, listen } from '../node/listen';
import { DataDirInUseError, LOCK_FILE } from '../node/lockDataDir';
import { SqliteStore } from '../node/SqliteStore';
import { type CliProcess, spawnCli, startCli } from './cliProcess';

const dirs: string[] = [];
const children: CliProcess[] = [];
let running: ListeningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
  for (const { child } of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'predictkit-lock-'));
  dirs.push(dir);
  return dir;
}

const post = (url: string, body: unknown) =>
  fetch(`${url}/v1/predictions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function settle(url: string, id: string): Promise<Prediction> {
  for (;;) {
    const p = (await (await fetch(`${url}/v1/predictions/${id}`)).json()) as Prediction;
    if (['succeeded', 'failed', 'canceled'].includes(p.status)) return p;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A pid no process has: one that just ended. */
async function deadPid(): Promise<number> {
  const gone = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => gone.once('exit', resolve));
  return gone.pid as number;
}

/** A prediction left `started` by a process that died, as SQLite has it. */
function leaveUnfinished(dataDir: string, webhook: { url: string } | null = null): string {
  const store = new SqliteStore(dataDir);
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  store.insert({
    seq: store.nextSeq(),
    webhook,
    prediction: {
      id,
      model: { owner: 'predictkit', name: 'echo', version_number: 1 },
      created_at: now,
      updated_at: now,
      status: 'started',
      setup_time: null,
      execution_time: null,
      input: { text: 'x' },
      output: null,
      error: null,
      logs: [],
      setup_logs: [],
    },
  });
  store.close();
  return id;
}

describe('--data-dir is one server’s at a time', () => {
  it('a second CLI on the same folder refuses at once, naming the first, and touches nothing', async () => {
    const dataDir = tempDir();
    running = await listen({ port: 0, dataDir, onWarning: () => {} });
    const { url } = running;
    const slow = (await (
      await post(url, { model: 'predictkit/slow-task', input: { duration_s: 2.5, steps: 5 } })
    ).json()) as Prediction;

    const second = spawnCli(['--port', '0', '--data-dir', dataDir]);
    children.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(
      new RegExp(`in use by another PredictKit server \\(pid ${process.pid}\\b`),
    );
    expect(second.output()).toMatch(/Stop that one first/);
    expect(second.output()).not.toMatch(/listening/);

    const during = (await (await fetch(`${url}/v1/predictions/${slow.id}`)).json()) as Prediction;
    expect(during.error).toBeNull();
    expect(['pending', 'started']).toContain(during.status);
    expect(await settle(url, slow.id)).toMatchObject({ status: 'succeeded' });
    // the first server still creates: no second writer got between it and its database
    expect((await post(url, { model: 'predictkit/echo', input: { text: 'x' } })).status).toBe(201);
  }, 30_000);

  it('in one process too: a second listen() throws DataDirInUseError before opening the database', async () => {
    const dataDir = tempDir();
    running = await listen({ port: 0, dataDir, onWarning: () => {} });
    await expect(listen({ port: 0, dataDir })).rejects.toThrow(DataDirInUseError);
    await expect(listen({ port: 0, dataDir })).rejects.toThrow(`pid ${process.pid}`);
    expect((await post(running.url, { model: 'predictkit/echo', input: { text: 'x' } })).status).toBe(201);
  });

  it('gives the folder up on close, so the next server starts', async () => {
    const dataDir = tempDir();
    running = await listen({ port: 0, dataDir, onWarning: () => {} });
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);
    await running.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    running = await listen({ port: 0, dataDir, onWarning: () => {} });
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('takes over the lock of a process that is gone, and one left empty by a crash', async () => {
    const dataDir = tempDir();
    const lockFile = join(dataDir, LOCK_FILE);
    const stale = { pid: await deadPid(), startedAt: '2026-01-01T00:00:00.000Z', host: hostname() };
    writeFileSync(lockFile, JSON.stringify(stale));
    running = await listen({ port: 0, dataDir, onWarning: () => {} });
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    await running.close();
    running = undefined;

    writeFileSync(lockFile, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile, old, old);
    running = await listen({ port: 0, dataDir, onWarning: () => {} });
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('does not take a recycled pid for the owner: a live pid with another start time is stale', async () => {
    const dataDir = tempDir();
    // this very process, but "started" at another time: what a recycled pid looks like
    writeFileSync(
      join(dataDir, LOCK_FILE),
      JSON.stringify({ pid: process.pid, startedAt: 'then', host: hostname(), processStart: '1' }),
    );
    running = await listen({ port: 0, dataDir, onWarning: () => {} });
    expect(running.url).toMatch(/^http:/);
  });

  it('two servers racing for a stale lock: exactly one gets it', async () => {
    const dataDir = tempDir();
    const stale = { pid: await deadPid(), startedAt: '2026-01-01T00:00:00.000Z', host: hostname() };
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify(stale));
    const racers = [0, 1].map(() => spawnCli(['--port', '0', '--data-dir', dataDir]));
    children.push(...racers);
    await Promise.race(racers.map((racer) => racer.exited));
    const lost = racers.find((racer) => racer.child.exitCode !== null) as CliProcess;
    const won = racers.find((racer) => racer !== lost) as CliProcess;
    expect(await lost.exited).toBe(1);
    expect(lost.output()).toMatch(new RegExp(`pid ${won.child.pid}\\b`));
    await expect.poll(() => won.output(), { timeout: 10_000 }).toMatch(/listening on/);
    expect(won.child.exitCode).toBeNull();
  }, 30_000);
});

describe('a start that fails changes nothing', () => {
  let blocker: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve())));

  it('leaves unfinished predictions alone and the folder unlocked when the port is taken', async () => {
    const dataDir = tempDir();
    const id = leaveUnfinished(dataDir);
    blocker = createNetServer();
    const port = await new Promise<number>((resolve) =>
      blocker!.listen(0, '127.0.0.1', () => resolve((blocker!.address() as { port: number }).port)),
    );
    await expect(listen({ port, dataDir, onWarning: () => {} })).rejects.toThrow(/EADDRINUSE/);
    const store = new SqliteStore(dataDir);
    expect(store.get(id)?.prediction.status).toBe('started');
    store.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    running = await listen({ port: 0, dataDir, onWarning: () => {} });
    const after = (await (await fetch(`${running.url}/v1/predictions/${id}`)).json()) as Prediction;
    expect(after).toMatchObject({ status: 'failed', error: { source: 'internal' } });
  });

  it('the CLI on a taken port exits with a message and leaves the running server’s predictions be', async () => {
    const dataDir = tempDir();
    const first = await startCli(['--data-dir', dataDir]);
    children.push(first);
    const slow = (await (
      await post(first.url, { model: 'predictkit/slow-task', input: { duration_s: 2, steps: 4 } })
    ).json()) as Prediction;
    const second = spawnCli(['--port', new URL(first.url).port, '--data-dir', dataDir]);
    children.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(new RegExp(`pid ${first.child.pid}\\b`));
    expect(await settle(first.url, slow.id)).toMatchObject({ status: 'succeeded' });
  }, 30_000);
});
