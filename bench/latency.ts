/**
 * Time to see a result, and requests spent: many `echo` predictions at once over HTTP, each followed to
 * its end one way (fixed polling, PredictKit's adaptive polling, PredictKit's stream). For each, the
 * delay between the server finishing it (its final `updated_at`) and the client holding the terminal
 * snapshot, on the same machine clock, and every HTTP request the client sent, the create included.
 */
import {
  createClient,
  createPrediction,
  isTerminal,
  type Prediction,
  waitForPrediction,
} from '@predictkit/core';
import { streamPrediction } from '@predictkit/core/stream';

export type WaitWay = 'poll-1s' | 'poll-500ms' | 'adaptive' | 'stream';

export const WAIT_WAYS: readonly { way: WaitWay; label: string }[] = [
  { way: 'poll-1s', label: 'fixed 1 s polling (the WriftAI Python client’s default)' },
  { way: 'poll-500ms', label: 'fixed 500 ms polling (the `replicate` client’s default)' },
  { way: 'adaptive', label: 'PredictKit default polling (`waitForPrediction`)' },
  { way: 'stream', label: 'PredictKit stream (`waitForPrediction` with `stream: streamPrediction`)' },
];

/** The longest `delay_ms` echo takes, in model milliseconds. */
const ECHO_MAX_DELAY_MS = 10_000;

/** `count` run times from `minMs` to `maxMs`, evenly spread on a log scale (as model run times are). */
export function runTimes(count: number, minMs: number, maxMs: number): number[] {
  if (count === 1) return [minMs];
  return Array.from({ length: count }, (_, i) => Math.round(minMs * (maxMs / minMs) ** (i / (count - 1))));
}

/** What one prediction runs: a model and its input. */
export interface Job {
  model: string;
  input: Record<string, unknown>;
}

export interface WaitingOptions {
  /** The server's origin, e.g. `http://127.0.0.1:40123`. */
  origin: string;
  way: WaitWay;
  /** Each prediction's run time in wall-clock milliseconds (after the server's time scale). */
  runTimesMs: readonly number[];
  /** The server's time scale, to turn a wall-clock run time into echo's `delay_ms`. */
  timeScale: number;
  /** What each prediction of `runTimesMs` runs (by default echo, for that long). */
  jobOf?: (runMs: number, index: number) => Job;
}

export interface WaitingRun {
  way: WaitWay;
  predictions: number;
  /** Each prediction's wall-clock run time, in the order of `delaysMs`. */
  runTimesMs: readonly number[];
  /** Per prediction, ms from the server's final `updated_at` to the client holding that snapshot. */
  delaysMs: number[];
  /** Every HTTP request sent, creates included. */
  requests: number;
  requestsPerPrediction: number;
  /** Predictions that did not end `succeeded` (each one is a bench failure, not a figure). */
  failures: number;
  wallMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The plain loop the fixed-interval clients run: get, and if not finished, sleep and get again. */
async function pollEvery(
  intervalMs: number,
  url: string,
  fetchCounted: (request: Request) => Promise<Response>,
): Promise<{ prediction: Prediction; seenAt: number }> {
  for (;;) {
    const response = await fetchCounted(new Request(url, { headers: { accept: 'application/json' } }));
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
    const prediction = (await response.json()) as Prediction;
    if (isTerminal(prediction.status)) return { prediction, seenAt: Date.now() };
    await sleep(intervalMs);
  }
}

/** echo, waiting `runMs` of wall-clock time. */
function echoJob(runMs: number, timeScale: number): Job {
  const delay_ms = Math.round(runMs / timeScale);
  if (delay_ms > ECHO_MAX_DELAY_MS) {
    throw new RangeError(
      `A ${runMs} ms run needs echo delay_ms ${delay_ms} at time scale ${timeScale}; echo takes at most ${ECHO_MAX_DELAY_MS}. Raise the time scale.`,
    );
  }
  return { model: 'predictkit/echo', input: { text: 'bench', delay_ms } };
}

/** Follows every prediction of `runTimesMs` to its end, all at once, one way. */
export async function measureWaiting({
  origin,
  way,
  runTimesMs,
  timeScale,
  jobOf = (runMs) => echoJob(runMs, timeScale),
}: WaitingOptions): Promise<WaitingRun> {
  let requests = 0;
  const fetchCounted = (request: Request) => {
    requests++;
    return fetch(request);
  };
  const client = createClient({ baseUrl: `${origin}/v1`, fetch: fetchCounted });
  const started = performance.now();
  const outcomes = await Promise.all(
    runTimesMs.map(async (runMs, index) => {
      const created = await createPrediction(client, jobOf(runMs, index));
      let seen: { prediction: Prediction; seenAt: number };
      if (way === 'poll-1s' || way === 'poll-500ms') {
        seen = await pollEvery(way === 'poll-1s' ? 1000 : 500, created.urls?.get ?? '', fetchCounted);
      } else {
        // Stamped in `onUpdate`, which hears the terminal snapshot the moment the watcher has it.
        let seenAt = 0;
        // Without a stream reader the watcher polls; with `streamPrediction` it follows `urls.stream`.
        const prediction = await waitForPrediction(client, created, {
          stream: way === 'stream' && streamPrediction,
          onUpdate: (p) => {
            if (isTerminal(p.status)) seenAt = Date.now();
          },
        });
        seen = { prediction, seenAt: seenAt || Date.now() };
      }
      // `updated_at` is written in microseconds but holds whole milliseconds (the server's Date.now()).
      return { ...seen, delayMs: seen.seenAt - Date.parse(seen.prediction.updated_at) };
    }),
  );
  const wallMs = performance.now() - started;
  return {
    way,
    predictions: runTimesMs.length,
    runTimesMs,
    delaysMs: outcomes.map((o) => o.delayMs),
    requests,
    requestsPerPrediction: requests / runTimesMs.length,
    failures: outcomes.filter((o) => o.prediction.status !== 'succeeded').length,
    wallMs,
  };
}

/**
 * One short prediction first, so no measured one pays the model's one-time setup (its cold start).
 * Its run time is remembered by the default schedule, as any finished prediction's is.
 */
export async function warmUp(
  origin: string,
  job: Job = { model: 'predictkit/echo', input: { text: 'warm-up' } },
): Promise<void> {
  const client = createClient({ baseUrl: `${origin}/v1` });
  const prediction = await createPrediction(client, job);
  await waitForPrediction(client, prediction, { interval: 20 });
}

export interface LatencyOptions extends Omit<WaitingOptions, 'way'> {
  /** Rounds; every way runs once per round. */
  runs: number;
  ways?: readonly WaitWay[];
  /** Called after each run (progress output). */
  onRun?: (run: WaitingRun, round: number) => void;
  /** The warm-up predictions (default one echo). */
  warmUps?: readonly Job[];
}

/**
 * Every way, `runs` times, one way at a time (so no way shares the machine with another), in an order
 * rotated each round so that none always goes first.
 */
export async function measureLatency({
  runs,
  ways = WAIT_WAYS.map((w) => w.way),
  onRun,
  warmUps = [{ model: 'predictkit/echo', input: { text: 'warm-up' } }],
  ...options
}: LatencyOptions): Promise<WaitingRun[]> {
  for (const job of warmUps) await warmUp(options.origin, job);
  const results: WaitingRun[] = [];
  for (let round = 0; round < runs; round++) {
    for (let i = 0; i < ways.length; i++) {
      const way = ways[(i + round) % ways.length] as WaitWay;
      const run = await measureWaiting({ ...options, way });
      results.push(run);
      onRun?.(run, round);
    }
  }
  return results;
}
