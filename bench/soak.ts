/**
 * Soak: the local server over real HTTP, `listen()` in a child process of its own, under many
 * concurrent clients sending a mix of creates, gets, streams, lists and cancels, with its faults on
 * (random 500/503 answers, added latency, cut streams). Counts the injected faults apart from any
 * other error, times every answer, and reads the server process's resident memory from
 * `/proc/<pid>/status`, so the load generator's own memory never counts.
 *
 * Under load V8 grows its heap and keeps the pages it freed while the machine has memory to spare,
 * and the C allocator keeps the high-water mark of what the sockets needed, so RSS under load, and
 * the first time after it, say more about the allocators than about leaks. So the load runs twice:
 * a warm-up that takes the server to its working set, then the measured load; what the server
 * keeps is read at rest after each (once every prediction it started has ended), right after a full
 * collection that also hands freed pages back. A leak grows from one to the next; the rest holds.
 *
 * `SOAK_DEBUG=1` also prints the server's heap every 3 s, right after a full collection.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Prediction } from '@predictkit/core';

export type SoakKind = 'create' | 'get' | 'stream' | 'list' | 'cancel';

export const SOAK_KINDS: readonly SoakKind[] = ['create', 'get', 'stream', 'list', 'cancel'];

export interface SoakOptions {
  /** How long the measured load lasts. */
  durationMs: number;
  /** How long the warm-up load lasts (the same load, not counted). */
  warmupMs: number;
  /** Clients sending at once, each one request after the other. */
  clients: number;
  faults: { errorRate: number; latencyMs: [number, number]; streamCutRate: number; seed: number };
  /** The server's model time scale: predictions run for tens of milliseconds to a few seconds. */
  timeScale: number;
  /** Predictions the server runs at once. */
  concurrency: number;
  onProgress?: (line: string) => void;
}

export interface SoakResult {
  options: Omit<SoakOptions, 'onProgress'>;
  requests: number;
  byKind: Record<SoakKind, { requests: number; latenciesMs: number[] }>;
  /** Time to the answer's head, every measured request but the creates held by `Prefer: wait`. */
  latenciesMs: number[];
  /** `500`/`503` answers the fault injection made (they say so in their `detail`). */
  injectedErrors: number;
  /** Streams that ended before their `done` event: the injected cuts. */
  streamCuts: number;
  /** Everything else that was not a right answer, by what it was. */
  unexpected: Map<string, number>;
  /** The server's resident memory in MB; "at rest" figures are taken right after a full collection. */
  rssMb: {
    /** At rest before any load (every model set up). */
    idle: number;
    /** At rest after the warm-up load: where the measured load starts. */
    start: number;
    /** The highest seen under the measured load, as it was. */
    peak: number;
    /** At rest after the measured load, once the predictions it started have ended. */
    end: number;
  };
  /** The load's length. */
  wallMs: number;
}

/** The server as `listen()` in a plain node (tsx as a loader, not its CLI): one pid, the server's. */
const SERVER_SCRIPT = `
import { listen } from '@predictkit/server/node';
const server = await listen(JSON.parse(process.env.SOAK_SERVER_OPTIONS));
console.log('listening on ' + server.url);
process.once('SIGTERM', async () => { await server.close({ graceMs: 0 }); process.exit(0); });
// a full collection that also returns freed pages to the system, as under memory pressure
process.on('SIGUSR2', () => {
  globalThis.gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  console.log('collected');
});
if (process.env.SOAK_DEBUG) setInterval(() => {
  globalThis.gc();
  const m = process.memoryUsage();
  const mb = (n) => (n / 2 ** 20).toFixed(0);
  console.error('server memory after a full GC: rss ' + mb(m.rss) + ' MB, heap used ' + mb(m.heapUsed) + ' of ' + mb(m.heapTotal) + ' MB, external ' + mb(m.external) + ' MB');
}, 3000).unref();
`;

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** VmRSS of a process, in MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]) / 1024;
}

async function startSoakServer(options: SoakOptions) {
  const debug = Boolean(process.env.SOAK_DEBUG);
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--conditions=@predictkit/source',
      '--import',
      tsxLoader,
      '--input-type=module',
      '-e',
      SERVER_SCRIPT,
    ],
    {
      // where `@predictkit/server` resolves
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        SOAK_SERVER_OPTIONS: JSON.stringify({
          port: 0,
          timeScale: options.timeScale,
          concurrency: options.concurrency,
          faults: options.faults,
        }),
      },
    },
  );
  // A crashed bench must not leave the server running.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const collecting: (() => void)[] = [];
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      // From here on its output is dropped (each injected stream cut logs a stack), so a full pipe never blocks it.
      child.stdout.off('data', read);
      child.stdout.on('data', (chunk: Buffer) => {
        if (String(chunk).includes('collected')) for (const done of collecting.splice(0)) done();
      });
      child.stderr.off('data', read);
      if (debug)
        child.stderr.on('data', (line) =>
          process.stderr.write(String(line).replace(/^(?!server memory).*\n?/gm, '')),
        );
      else child.stderr.resume();
      resolve(match[1] as string);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) =>
      reject(new Error(`the soak server exited (${code}) before listening:\n${output}`)),
    );
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid as number;
  return {
    origin,
    pid,
    /** RSS right after a full collection. */
    async collectedRss(): Promise<number> {
      const collected = new Promise<void>((resolve) => collecting.push(resolve));
      child.kill('SIGUSR2');
      await collected;
      return rssMb(pid);
    },
    async close() {
      process.off('exit', kill);
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a client sends next, weighted: mostly reads, as apps watching predictions do. */
const MIX: readonly [SoakKind, number][] = [
  ['create', 20],
  ['get', 35],
  ['stream', 15],
  ['list', 20],
  ['cancel', 10],
];

function pick(): SoakKind {
  let roll = Math.random() * MIX.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [kind, weight] of MIX) {
    roll -= weight;
    if (roll < 0) return kind;
  }
  return 'get';
}

/** What a create runs: from a blink to a few seconds at the soak's time scale, a text stream among them. */
const CREATES: readonly { model: string; input: () => Record<string, unknown> }[] = [
  { model: 'predictkit/echo', input: () => ({ text: 'soak', delay_ms: Math.floor(Math.random() * 3000) }) },
  {
    model: 'predictkit/text-generator',
    input: () => ({ prompt: 'Alice', max_tokens: 8, seed: Math.floor(Math.random() * 1e6) }),
  },
  { model: 'predictkit/sentiment', input: () => ({ text: 'What a lovely, lovely day' }) },
  { model: 'predictkit/slow-task', input: () => ({ duration_s: 1 + Math.random() * 20, steps: 4 }) },
];

const INJECTED = /^Injected fault/;

/** Runs the soak against a server of its own, and stops that server. */
export async function measureSoak(options: SoakOptions): Promise<SoakResult> {
  const { durationMs, warmupMs, clients, onProgress } = options;
  const server = await startSoakServer(options);
  const api = `${server.origin}/v1`;
  const byKind = Object.fromEntries(
    SOAK_KINDS.map((kind) => [kind, { requests: 0, latenciesMs: [] as number[] }]),
  ) as SoakResult['byKind'];
  const latenciesMs: number[] = [];
  const unexpected = new Map<string, number>();
  let injectedErrors = 0;
  let streamCuts = 0;
  /** Ids of recent predictions, for gets, streams and cancels: some still running, most finished. */
  const known: string[] = [];
  const someId = () =>
    known[known.length - 1 - Math.floor(Math.random() * Math.min(known.length, 500))] as string;
  /** Off during the warm-up: its requests are not counted. */
  let recording = false;

  try {
    // every model set up once, so that no figure includes a cold start
    for (const { model, input } of CREATES) {
      // the faults are on from the start: try again past an injected 500 or 503
      for (let attempt = 0; attempt < 10; attempt++) {
        const response = await fetch(`${api}/predictions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', prefer: 'wait=60' },
          body: JSON.stringify({ model, input: input() }),
        });
        const body = (await response.json()) as Prediction;
        if (response.status === 201) {
          known.push(body.id);
          break;
        }
      }
    }
    await sleep(1000);
    const rss = { idle: await server.collectedRss(), start: 0, peak: 0, end: 0 };

    async function one(kind: SoakKind): Promise<void> {
      const t0 = performance.now();
      const counted = recording;
      const note = (what: string) => {
        if (counted) unexpected.set(what, (unexpected.get(what) ?? 0) + 1);
      };
      /** Counts the answer, and times it unless the server holds it on purpose (`Prefer: wait`). */
      const timed = (response: Response, held = false) => {
        if (!counted) return response;
        byKind[kind].requests++;
        if (held) return response;
        const ms = performance.now() - t0;
        latenciesMs.push(ms);
        byKind[kind].latenciesMs.push(ms);
        return response;
      };
      /** Whether the answer was a 500/503; an injected one is counted apart from any other. */
      const failed = async (response: Response): Promise<boolean> => {
        if (response.status !== 500 && response.status !== 503) return false;
        const text = await response.text().catch(() => '');
        let detail: unknown = text.slice(0, 80);
        try {
          detail = (JSON.parse(text) as { detail?: unknown }).detail;
        } catch {}
        if (typeof detail !== 'string' || !INJECTED.test(detail)) {
          note(`${kind}: ${response.status} ${String(detail).slice(0, 80)}`);
        } else if (counted) injectedErrors++;
        return true;
      };
      const signal = AbortSignal.timeout(60_000);
      try {
        if (kind === 'create') {
          const { model, input } = CREATES[
            Math.floor(Math.random() * CREATES.length)
          ] as (typeof CREATES)[number];
          const wait = Math.random() < 0.2;
          const response = timed(
            await fetch(`${api}/predictions`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...(wait ? { prefer: 'wait=5' } : {}) },
              body: JSON.stringify({ model, input: input() }),
              signal,
            }),
            wait,
          );
          if (await failed(response)) return;
          if (response.status !== 201) return note(`create: ${response.status} ${await response.text()}`);
          known.push(((await response.json()) as Prediction).id);
          if (known.length > 5000) known.splice(0, known.length - 1000);
        } else if (kind === 'get' || kind === 'cancel') {
          const response = timed(
            await fetch(`${api}/predictions/${someId()}${kind === 'cancel' ? '/cancel' : ''}`, {
              method: kind === 'cancel' ? 'POST' : 'GET',
              signal,
            }),
          );
          if (await failed(response)) return;
          await response.body?.cancel();
          // cancelling a prediction that has already succeeded or failed is refused, as it should be
          if (!(response.status === 200 || (kind === 'cancel' && response.status === 409))) {
            note(`${kind}: ${response.status}`);
          }
        } else if (kind === 'list') {
          const response = timed(await fetch(`${api}/predictions?page_size=25`, { signal }));
          if (await failed(response)) return;
          await response.body?.cancel();
          if (response.status !== 200) note(`list: ${response.status}`);
        } else {
          const response = timed(await fetch(`${api}/predictions/${someId()}/stream`, { signal }));
          if (await failed(response)) return;
          if (response.status !== 200) {
            await response.body?.cancel();
            return note(`stream: ${response.status}`);
          }
          let text = '';
          try {
            for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
              text += Buffer.from(chunk).toString();
            }
          } catch {
            // a cut ends the body in an error, as a dropped connection does
          }
          if (!/(^|\n)event: done\n/.test(text) && counted) streamCuts++;
        }
      } catch (error) {
        const cause = (error as Error & { cause?: Error }).cause;
        note(
          `${kind}: ${(error as Error).name} ${String(cause?.message ?? (error as Error).message).slice(0, 80)}`,
        );
      }
    }

    /** Runs the load for `ms`, and returns how long it took until its last answer. */
    async function load(ms: number, label: string): Promise<number> {
      const started = performance.now();
      const deadline = started + ms;
      const progress = setInterval(() => {
        onProgress?.(
          `   ${label} ${((performance.now() - started) / 1000).toFixed(0)} s: server RSS ${rssMb(server.pid).toFixed(0)} MB`,
        );
      }, 10_000);
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (performance.now() < deadline) await one(pick());
        }),
      );
      clearInterval(progress);
      return performance.now() - started;
    }
    /** RSS at rest: once the longest prediction a create starts (slow-task, 21 s of model time) has ended. */
    const atRest = async () => {
      await sleep(21_000 * options.timeScale + 3000);
      return server.collectedRss();
    };

    await load(warmupMs, 'warm-up');
    rss.start = await atRest();
    recording = true;
    const sampler = setInterval(() => {
      rss.peak = Math.max(rss.peak, rssMb(server.pid));
    }, 250);
    const wallMs = await load(durationMs, 'measured');
    clearInterval(sampler);
    rss.peak = Math.max(rss.peak, rssMb(server.pid));
    rss.end = await atRest();
    const { onProgress: _, ...rest } = options;
    return {
      options: rest,
      requests: SOAK_KINDS.reduce((sum, kind) => sum + byKind[kind].requests, 0),
      byKind,
      latenciesMs,
      injectedErrors,
      streamCuts,
      unexpected,
      rssMb: rss,
      wallMs,
    };
  } finally {
    await server.close();
  }
}
