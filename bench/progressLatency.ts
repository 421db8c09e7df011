/**
 * Time to see a result on models that report progress in their logs: `slow-task` (a tqdm line per
 * step) and `image-generator` (`Image: 25% rendered`, a real render on the server's CPU). The same
 * measure as `latency.ts` (delay from the server's end to the client holding it, every request
 * counted), for fixed polling and PredictKit's default schedule.
 */
import { type Job, measureLatency, runTimes, type WaitingRun, type WaitWay } from './latency.ts';
import { formatSpread, median, p95 } from './stats.ts';
import { type Table, target, verdict } from './table.ts';

export const PROGRESS_WAYS: readonly WaitWay[] = ['poll-1s', 'poll-500ms', 'adaptive'];

const LABELS: Record<string, string> = {
  'poll-1s': 'fixed 1 s polling',
  'poll-500ms': 'fixed 500 ms polling',
  adaptive: 'PredictKit default polling (`waitForPrediction`)',
};

export interface ProgressLatencyOptions {
  origin: string;
  timeScale: number;
  /** slow-task predictions per run, wall-clock run times spread on a log scale over `slowTaskRunMs`. */
  slowTasks: number;
  slowTaskRunMs: [number, number];
  /** image-generator predictions per run, sizes spread from 256² to 1024² pixels. */
  images: number;
  /** Runs of slow-task, each way once per run. */
  runs: number;
  /**
   * Runs of image-generator: its few predictions slow each other down on one thread, so a run's
   * median swings more than slow-task's, and more runs are needed to tell the ways apart.
   */
  imageRuns: number;
  onRun?: (model: string, run: WaitingRun, round: number) => void;
}

export interface ProgressLatencyResult {
  model: string;
  note: string;
  runs: WaitingRun[];
}

export async function measureProgressLatency({
  origin,
  timeScale,
  slowTasks,
  slowTaskRunMs,
  images,
  runs,
  imageRuns,
  onRun,
}: ProgressLatencyOptions): Promise<ProgressLatencyResult[]> {
  const slowTask = (runMs: number): Job => ({
    model: 'predictkit/slow-task',
    input: { duration_s: runMs / timeScale / 1000, steps: 20 },
  });
  const side = (i: number) => Math.round((256 + (768 * i) / Math.max(1, images - 1)) / 16) * 16;
  const image = (_: number, i: number): Job => ({
    model: 'predictkit/image-generator',
    input: { prompt: 'a lighthouse at dusk', width: side(i), height: side(i), seed: i + 1 },
  });
  const [minMs, maxMs] = slowTaskRunMs;
  const slow = await measureLatency({
    origin,
    timeScale,
    runs,
    ways: PROGRESS_WAYS,
    runTimesMs: runTimes(slowTasks, minMs, maxMs),
    jobOf: slowTask,
    warmUps: [slowTask(200)],
    onRun: (run, round) => onRun?.('slow-task', run, round),
  });
  const rendered = await measureLatency({
    origin,
    timeScale,
    runs: imageRuns,
    ways: PROGRESS_WAYS,
    // Their run times are the server's CPU's to decide; these only number them.
    runTimesMs: Array.from({ length: images }, (_, i) => i),
    jobOf: image,
    warmUps: [image(0, 0)],
    onRun: (run, round) => onRun?.('image-generator', run, round),
  });
  return [
    {
      model: 'predictkit/slow-task',
      note: `${slowTasks} at once, 20 steps, ${minMs / 1000}–${maxMs / 1000} s (log scale)`,
      runs: slow,
    },
    {
      model: 'predictkit/image-generator',
      note: `${images} at once, 256² to 1024² pixels, sharing the server's CPU`,
      runs: rendered,
    },
  ];
}

export function progressLatencyTable(results: readonly ProgressLatencyResult[]): Table {
  const rows: string[][] = [];
  const goals: string[] = [];
  for (const { model, note, runs } of results) {
    const of = (way: WaitWay) => runs.filter((r) => r.way === way);
    const medians = (way: WaitWay) => of(way).map((r) => median(r.delaysMs));
    const p95s = (way: WaitWay) => of(way).map((r) => p95(r.delaysMs));
    const requests = (way: WaitWay) => of(way).map((r) => r.requestsPerPrediction);
    const compare = (other: WaitWay) =>
      [
        `median delay: ${verdict({ ours: median(medians('adaptive')), theirs: median(medians(other)), better: 'faster', worse: 'slower', resolution: 1, oursRuns: medians('adaptive'), theirsRuns: medians(other) })}`,
        `p95 delay: ${verdict({ ours: median(p95s('adaptive')), theirs: median(p95s(other)), better: 'faster', worse: 'slower', resolution: 1, oursRuns: p95s('adaptive'), theirsRuns: p95s(other) })}`,
        `requests: ${verdict({ ours: median(requests('adaptive')), theirs: median(requests(other)), better: 'fewer requests', worse: 'more requests', oursRuns: requests('adaptive'), theirsRuns: requests(other) })}`,
      ].join(' · ');
    for (const way of PROGRESS_WAYS) {
      rows.push([
        `${model} (${note})`,
        LABELS[way] as string,
        formatSpread(medians(way)),
        formatSpread(p95s(way)),
        formatSpread(requests(way)),
        way === 'adaptive' ? compare('poll-1s') : 'baseline',
        way === 'adaptive' ? compare('poll-500ms') : 'baseline',
      ]);
    }
    const ours = median(medians('adaptive'));
    const fast = median(medians('poll-500ms'));
    const spent = median(requests('adaptive'));
    const slow = median(requests('poll-1s'));
    goals.push(
      `Goal on ${model}: a median delay under fixed 500 ms polling’s — ${target(ours < fast, `${formatSpread([ours])} vs ${formatSpread([fast])} ms`)}; with fewer requests than fixed 1 s polling — ${target(spent < slow, `${formatSpread([spent])} vs ${formatSpread([slow])} per prediction`)}.`,
    );
  }
  const failures = results.flatMap((r) => r.runs).reduce((sum, r) => sum + r.failures, 0);
  return {
    title: '2d. Models that report progress: time to see a result, and requests spent',
    columns: [
      'model',
      'way of waiting',
      'median delay (ms)',
      'p95 delay (ms)',
      'requests / prediction',
      'verdict vs fixed 1 s polling',
      'verdict vs fixed 500 ms polling',
    ],
    rows,
    notes: [
      `The server of table 2 (time scale 2), the same measures: delay from the final \`updated_at\` to the client holding the terminal snapshot, every request counted (the create included). ${results.map((r) => `${r.runs.filter((run) => run.way === 'adaptive').length} run(s) per way of ${r.model.replace('predictkit/', '')}`).join(', ')}, one way at a time, the order rotated each run; a warm-up prediction of each model first. slow-task logs a tqdm line after each step; image-generator logs \`Image: 25% rendered\` at each quarter of its rows and renders on the server's one thread, so its predictions slow each other down.`,
      'PredictKit default polling extrapolates the end from the last percentage in the logs and its `updated_at`, polls at half the time left (at most 1.5 s later), then where the model version’s recent runs ended past their own estimates (the 30 % quantile of those overruns), then on a backoff, at most 600 ms apart near the end; it remembers the run times and overruns of the model version’s finished predictions, across runs of this bench too (as an app would).',
      ...goals,
      `Predictions that did not succeed: ${failures}.`,
    ],
  };
}
