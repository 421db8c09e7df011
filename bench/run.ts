/**
 * `pnpm bench`: every PredictKit benchmark, printed and written to RESULTS.md.
 *   --quick   a fast pass with small sizes
 *   --only    size,latency,progress,watcher,replicate,shared,render,soak (a comma list; default all)
 * Only a full run of everything writes RESULTS.md; other runs write .cache/RESULTS.partial.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureLatency, runTimes } from './latency.ts';
import { measureProgressLatency, progressLatencyTable } from './progressLatency.ts';
import { measureRendering } from './render.ts';
import { measureReplicateLatency } from './replicateLatency.ts';
import {
  latencyByRunTimeTable,
  latencyTable,
  renderTable,
  replicateTable,
  sharedWatchingTable,
  sizeTable,
  soakTable,
} from './report.ts';
import { startServer } from './server.ts';
import { measureSharedWatchingSet } from './sharedWatching.ts';
import { measureSizes } from './size.ts';
import { measureSoak } from './soak.ts';
import { header, machineState, markdownTable, type Table } from './table.ts';
import { measureWatcherEvents, watcherEventsTable } from './watcherEvents.ts';

const PARTS = ['size', 'latency', 'progress', 'watcher', 'replicate', 'shared', 'render', 'soak'];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: PARTS.join(',') },
  },
});
const quick = values.quick;
const only = new Set(values.only.split(','));

/**
 * Run times are wall-clock 0.2–20 s, as real predictions take: the poll schedules compared run on the
 * wall clock too, so shortening the predictions (a time scale below 1) would judge them on runs they
 * never meet. echo's `delay_ms` stops at 10 s, hence the time scale of 2.
 */
const config = quick
  ? {
      timeScale: 2,
      latency: { predictions: 20, minRunMs: 200, maxRunMs: 2000, runs: 1 },
      progress: {
        slowTasks: 6,
        slowTaskRunMs: [1000, 4000] as [number, number],
        images: 3,
        runs: 1,
        imageRuns: 1,
      },
      watcher: { bytes: 100_000, chunkBytes: 400, runs: 1 },
      replicate: { predictions: 5, secondsRunMs: 3000, runs: 1, fastRuns: 1 },
      shared: { hooks: [1, 10], windowMs: 1000, runs: 1 },
      render: {
        listRows: 1000,
        formFields: 20,
        keys: 5,
        stream: { bytes: 10_000, chunksPerSecond: 50, chunkBytes: 400 },
        runs: 1,
        streamRuns: 1,
      },
      soak: { warmupMs: 5000, durationMs: 10_000, clients: 200 },
    }
  : {
      timeScale: 2,
      latency: { predictions: 200, minRunMs: 200, maxRunMs: 20_000, runs: 3 },
      progress: {
        slowTasks: 40,
        slowTaskRunMs: [1000, 20_000] as [number, number],
        images: 8,
        runs: 3,
        imageRuns: 15,
      },
      watcher: { bytes: 1_000_000, chunkBytes: 400, runs: 5 },
      replicate: { predictions: 20, secondsRunMs: 3000, runs: 5, fastRuns: 15 },
      shared: { hooks: [1, 100], windowMs: 3000, runs: 3 },
      render: {
        listRows: 10_000,
        formFields: 100,
        keys: 20,
        stream: { bytes: 100_000, chunksPerSecond: 50, chunkBytes: 400 },
        runs: 5,
        streamRuns: 5,
      },
      soak: { warmupMs: 30_000, durationMs: 60_000, clients: 1000 },
    };

/**
 * The soak's server: predictions of tens of milliseconds to a few seconds, and every fault on at
 * rates a resilient client must take in its stride.
 */
const SOAK_SERVER = {
  timeScale: 0.1,
  concurrency: 64,
  faults: { errorRate: 0.05, latencyMs: [0, 50] as [number, number], streamCutRate: 0.05, seed: 7 },
};

const started = performance.now();
const log = (line: string) =>
  console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const tables: Table[] = [];
const show = (table: Table) => {
  tables.push(table);
  console.log(`\n${markdownTable(table)}`);
};
const date = new Date();
const atStart = machineState();

if (only.has('size')) {
  log('1. bundle sizes');
  show(sizeTable(await measureSizes()));
}

if (only.has('watcher')) {
  const { bytes, chunkBytes, runs } = config.watcher;
  log(`2e. the watcher's work per event: ${bytes / 1e6} MB of output × ${runs} runs`);
  show(watcherEventsTable(await measureWatcherEvents({ bytes, chunkBytes, runs }), { bytes, chunkBytes }));
}

if (only.has('latency') || only.has('progress') || only.has('replicate') || only.has('shared')) {
  const { timeScale } = config;
  const server = await startServer({ timeScale, concurrency: 256 });
  try {
    if (only.has('latency')) {
      const { predictions, minRunMs, maxRunMs, runs } = config.latency;
      log(`2. time to see a result: ${predictions} predictions × 4 ways × ${runs} runs`);
      const results = await measureLatency({
        origin: server.origin,
        timeScale,
        runTimesMs: runTimes(predictions, minRunMs, maxRunMs),
        runs,
        onRun: (run, round) =>
          log(
            `   run ${round + 1} ${run.way}: ${(run.wallMs / 1000).toFixed(1)} s, ${run.requests} requests`,
          ),
      });
      show(latencyTable(results, { predictions, minRunMs, maxRunMs, timeScale }));
      show(latencyByRunTimeTable(results));
    }
    if (only.has('progress')) {
      const { slowTasks, images, runs, imageRuns } = config.progress;
      log(
        `2d. models that report progress: ${slowTasks} slow-task and ${images} image-generator predictions × 3 ways × ${runs} and ${imageRuns} runs`,
      );
      const results = await measureProgressLatency({
        origin: server.origin,
        timeScale,
        ...config.progress,
        onRun: (model, run, round) =>
          log(
            `   run ${round + 1} ${model} ${run.way}: ${(run.wallMs / 1000).toFixed(1)} s, ${run.requests} requests`,
          ),
      });
      show(progressLatencyTable(results));
    }
    if (only.has('replicate')) {
      const { predictions, secondsRunMs, runs, fastRuns } = config.replicate;
      log(
        `2c. Replicate's API, official client vs PredictKit: ${predictions} predictions × ${fastRuns} runs of echo and ${runs} of text-generator`,
      );
      const results = await measureReplicateLatency({
        origin: server.origin,
        timeScale,
        predictions,
        secondsRunMs,
        runs,
        fastRuns,
        onRun: (run, round) =>
          log(
            `   run ${round + 1} ${run.model} ${run.way}: ${run.requestsPerPrediction} requests per prediction`,
          ),
      });
      show(replicateTable(results, { predictions, secondsRunMs, timeScale }));
    }
    if (only.has('shared')) {
      const { hooks, windowMs, runs } = config.shared;
      log(`3. shared watching: ${hooks.join(' and ')} hooks, ${windowMs / 1000} s, ${runs} runs`);
      const results = await measureSharedWatchingSet({
        origin: server.origin,
        timeScale,
        hooks,
        windowMs,
        runs,
      });
      show(sharedWatchingTable(results, windowMs));
    }
  } finally {
    await server.close();
  }
}

if (only.has('render')) {
  log('4. rendering in Chromium');
  show(renderTable(await measureRendering({ ...config.render, onStep: (step) => log(`   ${step}`) })));
}

if (only.has('soak')) {
  const { warmupMs, durationMs, clients } = config.soak;
  log(
    `5. soak: ${clients} clients, ${warmupMs / 1000} s of warm-up and ${durationMs / 1000} s measured, faults on`,
  );
  show(soakTable(await measureSoak({ ...SOAK_SERVER, warmupMs, durationMs, clients, onProgress: log })));
}

const minutes = (performance.now() - started) / 60_000;
const markdown = [
  header(date, atStart),
  ...tables.map(markdownTable),
  `The whole run took ${minutes.toFixed(1)} minutes${quick ? ' (--quick)' : ''}.`,
  '',
].join('\n');
const complete = !quick && PARTS.every((part) => only.has(part));
const file = fileURLToPath(
  new URL(complete ? './RESULTS.md' : './.cache/RESULTS.partial.md', import.meta.url),
);
mkdirSync(fileURLToPath(new URL('./.cache/', import.meta.url)), { recursive: true });
writeFileSync(file, markdown);
log(`written to ${file}`);
