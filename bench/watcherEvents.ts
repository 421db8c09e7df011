/**
 * The watcher's work per stream event as a streamed output grows: a prediction whose output reaches
 * 1 MB in 400-byte chunks, fed to `createPredictionWatcher` by a stand-in stream reader in-process
 * (no sockets, so only the watcher's own work is timed: applying the event, comparing the snapshot
 * with the last, telling a subscriber). The time per event early in the output is set against the
 * time per event at its end: constant work per event makes them equal.
 */
import { type Client, type Prediction, type StreamReader, wriftai } from '@predictkit/core';
import { followStream, type SseEvent } from '@predictkit/core/stream';
import { createPredictionWatcher } from '@predictkit/core/watcher';
import { formatNumber, formatSpread, median } from './stats.ts';
import { type Table, target } from './table.ts';

export interface WatcherEventsOptions {
  /** Bytes of output in all. */
  bytes: number;
  chunkBytes: number;
  runs: number;
}

export interface WatcherEventsRun {
  events: number;
  /** Median µs per event over the first and the last tenth of the events. */
  firstUs: number;
  lastUs: number;
  /** µs that `JSON.stringify` of the snapshot takes at the first and last tenth (what a whole-prediction comparison would add per event). */
  stringifyFirstUs: number;
  stringifyLastUs: number;
}

const base: Prediction = {
  id: 'bench',
  model: { owner: 'predictkit', name: 'text-generator', version_number: 1 },
  created_at: '2026-12-01T00:00:00.000000Z',
  updated_at: '2026-12-01T00:00:00.000000Z',
  status: 'processing',
  setup_time: null,
  execution_time: null,
  input: { prompt: 'bench' },
  output: null,
  logs: [],
  urls: { stream: 'http://bench.invalid/stream', get: 'http://bench.invalid/p', cancel: '' },
};

async function once(bytes: number, chunkBytes: number): Promise<WatcherEventsRun> {
  const events = Math.ceil(bytes / chunkBytes);
  const chunk = JSON.stringify('x'.repeat(chunkBytes));
  const stamps: number[] = [];
  // The reader yields the next event once the watcher has handled the last (a `for await` loop):
  // the gap between two yields is the watcher's work on one event.
  const read = async function* (): AsyncGenerator<SseEvent> {
    for (let i = 0; i < events; i++) {
      stamps.push(performance.now());
      yield { event: 'output', data: chunk, id: String(i + 1), retry: undefined };
    }
    stamps.push(performance.now());
    yield { event: 'done', data: '{}', id: String(events + 1), retry: undefined };
  };
  let final: Prediction | undefined;
  const client: Client = {
    baseUrl: 'http://bench.invalid/v1',
    provider: wriftai,
    timeoutMs: 10_000,
    request: async () => ({ ...final, status: 'succeeded' }),
  };
  const watcher = createPredictionWatcher(client, base, {
    stream: Object.assign(read, { follow: followStream }) as unknown as StreamReader,
  });
  let heard = 0;
  watcher.subscribe((state) => {
    heard++;
    final = state.prediction as Prediction;
  });
  await watcher.result;
  if (heard < events) throw new Error(`heard ${heard} of ${events} events`);
  const gaps = stamps.slice(1).map((t, i) => (t - (stamps[i] as number)) * 1000);
  const tenth = Math.max(1, Math.floor(events / 10));
  const stringify = (outputChunks: number) => {
    const p = { ...base, output: Array.from({ length: outputChunks }, () => 'x'.repeat(chunkBytes)) };
    const started = performance.now();
    for (let i = 0; i < 20; i++) JSON.stringify(p);
    return ((performance.now() - started) / 20) * 1000;
  };
  return {
    events,
    firstUs: median(gaps.slice(0, tenth)),
    lastUs: median(gaps.slice(-tenth - 1, -1)),
    stringifyFirstUs: stringify(tenth),
    stringifyLastUs: stringify(events),
  };
}

export async function measureWatcherEvents({
  bytes,
  chunkBytes,
  runs,
}: WatcherEventsOptions): Promise<WatcherEventsRun[]> {
  // One run unmeasured, so the JIT has compiled the watcher before a measured one.
  await once(bytes / 10, chunkBytes);
  const results: WatcherEventsRun[] = [];
  for (let i = 0; i < runs; i++) results.push(await once(bytes, chunkBytes));
  return results;
}

export function watcherEventsTable(
  runs: readonly WatcherEventsRun[],
  setup: { bytes: number; chunkBytes: number },
): Table {
  const us = (values: number[]) => formatSpread(values, (n) => formatNumber(n));
  const first = runs.map((r) => r.firstUs);
  const last = runs.map((r) => r.lastUs);
  const growth = median(last) / median(first);
  return {
    title: '2e. The watcher’s work per stream event as the output grows',
    columns: [
      'measure',
      'first tenth of the output (µs per event)',
      'last tenth, near 1 MB (µs per event)',
      'last ÷ first',
      'verdict',
    ],
    rows: [
      [
        `createPredictionWatcher, ${runs[0]?.events ?? 0} output events of ${setup.chunkBytes} B`,
        us(first),
        us(last),
        `×${growth.toFixed(2)}`,
        target(
          growth < 2,
          growth < 2
            ? 'the time per event does not grow with the output'
            : 'the time per event grows with the output',
        ),
      ],
      [
        'for reference: `JSON.stringify` of the snapshot (the comparison the watcher made before, per event)',
        us(runs.map((r) => r.stringifyFirstUs)),
        us(runs.map((r) => r.stringifyLastUs)),
        `×${(median(runs.map((r) => r.stringifyLastUs)) / median(runs.map((r) => r.stringifyFirstUs))).toFixed(1)}`,
        'grows with the output: quadratic over a stream',
      ],
    ],
    notes: [
      `In-process, no sockets: a stand-in stream reader yields ${formatNumber(setup.bytes / 1e6)} MB of output in ${setup.chunkBytes}-byte chunks to \`createPredictionWatcher\` (WriftAI's stream events, applied by \`followStream\`, one subscriber); the gap between two yields is the watcher's work on one event. ${runs.length} run(s) after one unmeasured warm-up run; figures are medians over the events of a tenth, then over runs.`,
      'The watcher compares a snapshot with the last by its status, `updated_at`, the output’s length and its last item’s, the logs’ length and last line, and the error: constant work. Applying an output event still copies the output array (one reference per chunk, not the bytes), which is linear in the number of chunks but far below the serialisation it replaced.',
      `Target: the last tenth costs under ×2 the first — ${target(growth < 2, `×${growth.toFixed(2)}`)}.`,
    ],
  };
}
