/**
 * The benchmarks at toy sizes: the same measuring functions `pnpm bench` calls, checked for sane
 * numbers (not for the targets, which only a full run on a quiet machine can judge), and the tables
 * built from them, so a full run does not fail at its end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureLatency, runTimes, WAIT_WAYS } from './latency.ts';
import { measureProgressLatency, PROGRESS_WAYS, progressLatencyTable } from './progressLatency.ts';
import { measureRendering } from './render.ts';
import { measureReplicateLatency } from './replicateLatency.ts';
import {
  latencyByRunTimeTable,
  latencyTable,
  renderTable,
  replicateTable,
  sharedWatchingTable,
  sizeTable,
} from './report.ts';
import { type BenchServer, startServer } from './server.ts';
import { measureSharedWatchingSet } from './sharedWatching.ts';
import { measureSizes, SIZE_ROWS } from './size.ts';
import { median, p95, quantile } from './stats.ts';
import { markdownTable, verdict } from './table.ts';
import { measureWatcherEvents, watcherEventsTable } from './watcherEvents.ts';

describe('stats and tables', () => {
  it('takes medians and quantiles, and says plainly who wins', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(p95(Array.from({ length: 101 }, (_, i) => i))).toBe(95);
    expect(quantile([], 0.5)).toBeNaN();
    expect(verdict({ ours: 10, theirs: 30, better: 'smaller', worse: 'larger' })).toBe(
      'PredictKit smaller by ×3.0',
    );
    expect(verdict({ ours: 103, theirs: 100, better: 'smaller', worse: 'larger', tie: 0 })).toBe(
      'PredictKit LOSES: ×1.03 larger',
    );
    // Below the resolution a figure counts as the resolution; overlapping runs are said to overlap.
    expect(verdict({ ours: 0.5, theirs: 500, better: 'faster', worse: 'slower', resolution: 1 })).toBe(
      'PredictKit faster by ≥×500',
    );
    expect(
      verdict({
        ours: 7.5,
        theirs: 7,
        better: 'faster',
        worse: 'slower',
        oursRuns: [6, 9],
        theirsRuns: [7, 8],
      }),
    ).toBe('PredictKit LOSES: ×1.07 slower at the median (the runs overlap)');
    expect(markdownTable({ title: 'T', columns: ['a', 'b'], rows: [['1', 'x|y']] })).toContain(
      '| 1 | x\\|y |',
    );
  });
});

describe('bundle size', () => {
  it('measures one row', async () => {
    const results = await measureSizes(SIZE_ROWS.slice(0, 1));
    expect(results).toHaveLength(1);
    expect(results[0]?.bytes).toBeGreaterThan(500);
    expect(results[0]?.bytes).toBeLessThan(200_000);
    expect(sizeTable(results).rows).toHaveLength(1);
  }, 60_000);

  it('compares the official Replicate client with PredictKit’s Replicate entry', async () => {
    const rows = SIZE_ROWS.filter((row) => row.name.includes('creates, gets and waits'));
    const [replicate] = rows;
    const ours = SIZE_ROWS.find((row) => row.name === replicate?.versus);
    expect(ours?.entry).toContain('@predictkit/core/replicate');
    const results = await measureSizes([ours!, replicate!]);
    expect(results[1]?.ratio).toBeGreaterThan(0);
    expect(sizeTable(results).rows[1]?.[4]).toMatch(/PredictKit|on par/);
  }, 60_000);
});

describe('the watcher’s work per event', () => {
  it('times every event of a streamed output and builds its table', async () => {
    const runs = await measureWatcherEvents({ bytes: 20_000, chunkBytes: 400, runs: 1 });
    expect(runs[0]?.events).toBe(50);
    expect(runs[0]?.firstUs).toBeGreaterThan(0);
    expect(runs[0]?.stringifyLastUs).toBeGreaterThan(0);
    expect(watcherEventsTable(runs, { bytes: 20_000, chunkBytes: 400 }).rows).toHaveLength(2);
  });
});

describe('over HTTP', () => {
  const timeScale = 1;
  let server: BenchServer;
  beforeAll(async () => {
    server = await startServer({ timeScale, concurrency: 32 });
  }, 60_000);
  afterAll(() => server?.close());

  it('times 5 predictions for every way of waiting, and counts their requests', async () => {
    const runTimesMs = runTimes(5, 100, 400);
    expect(runTimesMs).toEqual([100, 141, 200, 283, 400]);
    const runs = await measureLatency({ origin: server.origin, timeScale, runTimesMs, runs: 1 });
    expect(runs.map((r) => r.way).sort()).toEqual(WAIT_WAYS.map((w) => w.way).sort());
    for (const run of runs) {
      expect(run.failures).toBe(0);
      expect(run.delaysMs).toHaveLength(5);
      // Same clock on both sides, in whole ms: never before the end, and well within a poll or two.
      for (const delay of run.delaysMs) expect(delay).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...run.delaysMs)).toBeLessThan(5000);
      // At least the create and one look at the prediction each.
      expect(run.requestsPerPrediction).toBeGreaterThanOrEqual(2);
      expect(run.requestsPerPrediction).toBeLessThan(50);
    }
    expect(runs.find((r) => r.way === 'stream')?.requestsPerPrediction).toBe(2);
    const table = latencyTable(runs, { predictions: 5, minRunMs: 100, maxRunMs: 400, timeScale });
    expect(table.rows).toHaveLength(4);
    expect(latencyByRunTimeTable(runs).rows).toHaveLength(4);
  }, 120_000);

  it('times models that report progress, every way, and builds their table', async () => {
    const results = await measureProgressLatency({
      origin: server.origin,
      timeScale,
      slowTasks: 2,
      slowTaskRunMs: [300, 600],
      images: 1,
      runs: 1,
      imageRuns: 1,
    });
    expect(results.map((r) => r.model)).toEqual(['predictkit/slow-task', 'predictkit/image-generator']);
    for (const { runs } of results) {
      expect(runs.map((r) => r.way).sort()).toEqual([...PROGRESS_WAYS].sort());
      for (const run of runs) {
        expect(run.failures).toBe(0);
        for (const delay of run.delaysMs) expect(delay).toBeGreaterThanOrEqual(-1);
        expect(run.requestsPerPrediction).toBeGreaterThanOrEqual(2);
      }
    }
    expect(progressLatencyTable(results).rows).toHaveLength(6);
  }, 120_000);

  it('follows predictions on Replicate’s API with the official client and PredictKit, counting requests', async () => {
    const setup = { predictions: 2, secondsRunMs: 300, timeScale };
    const runs = await measureReplicateLatency({ origin: server.origin, runs: 1, ...setup });
    // echo has no `urls.stream` on Replicate: 4 ways for it, 5 for text-generator.
    expect(runs).toHaveLength(9);
    for (const run of runs) {
      expect(run.failures).toBe(0);
      expect(run.resultMs).toHaveLength(2);
      for (const delay of run.afterEndMs) expect(delay).toBeGreaterThanOrEqual(-1);
      for (const ms of run.modelMs) expect(ms).toBeGreaterThanOrEqual(0);
    }
    const requests = Object.fromEntries(runs.map((r) => [`${r.model} ${r.way}`, r.requestsPerPrediction]));
    // A held create that ends in time is the only request; the stream is create, stream and one get.
    expect(requests).toMatchObject({
      'fast run': 1,
      'fast pk-run': 1,
      'seconds run': 1,
      'seconds pk-run': 1,
      'seconds pk-stream': 3,
    });
    for (const way of ['create-wait', 'pk-poll']) {
      expect(requests[`fast ${way}`]).toBeGreaterThanOrEqual(2);
      expect(requests[`seconds ${way}`]).toBeGreaterThanOrEqual(2);
    }
    expect(replicateTable(runs, setup).rows).toHaveLength(9);
  }, 120_000);

  it('counts the requests of 1 and 3 hooks on one prediction, polling and streaming', async () => {
    const results = await measureSharedWatchingSet({
      origin: server.origin,
      timeScale,
      hooks: [1, 3],
      windowMs: 1000,
      runs: 1,
    });
    expect(results).toHaveLength(4);
    for (const result of results) {
      expect(result.hooksWithData).toBe(result.hooks);
      expect(result.requests).toBeGreaterThanOrEqual(result.stream ? 2 : 1);
      expect(result.requestsPerSecond).toBeGreaterThan(0);
      expect(result.streamConnections).toBe(result.stream ? result.requests - 1 : 0);
    }
    expect(sharedWatchingTable(results, 1000).rows).toHaveLength(4);
  }, 120_000);
});

describe('rendering in Chromium', () => {
  it('mounts a list, two forms and a streamed output, timing each', async () => {
    const results = await measureRendering({
      listRows: 100,
      formFields: 10,
      keys: 3,
      stream: { bytes: 5000, chunksPerSecond: 50, chunkBytes: 500 },
      runs: 1,
      streamRuns: 1,
    });
    const [list] = results.list;
    expect(list?.mountMs).toBeGreaterThan(0);
    expect(list?.mountMs).toBeLessThan(30_000);
    expect(list?.rowsInDom).toBeGreaterThan(0);
    expect(list?.rowsRendered).toBeGreaterThanOrEqual(0);
    expect(list?.rowsRendered).toBeLessThanOrEqual(list?.rowsInDom ?? 0);
    for (const form of [...results.schemaForm, ...results.rjsf]) {
      expect(form.controls).toBeGreaterThanOrEqual(10);
      expect(form.keystrokesMs).toHaveLength(3);
      for (const [i, ms] of form.keystrokesMs.entries()) {
        expect(ms).toBeGreaterThan(0);
        expect(ms).toBeGreaterThanOrEqual(form.handledMs[i] as number);
      }
    }
    for (const output of [...results.outputText, ...results.outputMarkdown]) {
      expect(output.chunks).toBe(10);
      expect(output.frames).toBeGreaterThan(0);
      expect(output.longFrames).toBeLessThanOrEqual(output.frames);
    }
    expect(renderTable(results).rows.length).toBeGreaterThan(5);
  }, 180_000);
});
