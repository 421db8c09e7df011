/**
 * Replicate's API, official client against PredictKit: the same predictions on the local server's
 * `/replicate/v1`, followed to their end by `replicate` 1.4.0 used as its README shows (defaults
 * throughout) and by PredictKit's Replicate client. For each, the time from the call to the result in
 * hand, how long after the prediction ended that was, and every HTTP request the client sent.
 */
import { createPrediction, type Prediction, runPrediction, waitForPrediction } from '@predictkit/core';
import { createClient } from '@predictkit/core/replicate';
import { streamPrediction } from '@predictkit/core/stream';
import Replicate, { type Prediction as ReplicatePrediction } from 'replicate';

export type ReplicateWay = 'run' | 'create-wait' | 'pk-run' | 'pk-poll' | 'pk-stream';

export const REPLICATE_WAYS: readonly {
  way: ReplicateWay;
  label: string;
  /** The way in a sentence. */
  short: string;
  ours: boolean;
  /** The official client's way that does the same work (one held create, or a create and then a wait): what an `ours` way is judged against. */
  versus?: ReplicateWay;
  /** Follows `urls.stream`, which Replicate gives only a model whose output streams. */
  streams?: true;
}[] = [
  {
    way: 'run',
    short: '`replicate.run`',
    label: '`replicate.run` (default: `Prefer: wait`, then 500 ms polling)',
    ours: false,
  },
  {
    way: 'create-wait',
    short: '`create` + `wait`',
    label: '`replicate.predictions.create` + `replicate.wait` (default: 500 ms polling)',
    ours: false,
  },
  {
    way: 'pk-run',
    short: '`runPrediction`',
    label: 'PredictKit `runPrediction` (default: `Prefer: wait`, then as `waitForPrediction`)',
    ours: true,
    versus: 'run',
  },
  {
    way: 'pk-poll',
    short: 'polling `waitForPrediction`',
    label: 'PredictKit `createPrediction` + `waitForPrediction` (default polling)',
    ours: true,
    versus: 'create-wait',
  },
  {
    way: 'pk-stream',
    short: 'streaming `waitForPrediction`',
    label: 'PredictKit `createPrediction` + `waitForPrediction` with `stream: streamPrediction`',
    ours: true,
    versus: 'create-wait',
    streams: true,
  },
];

export type ReplicateModelCase = 'fast' | 'seconds';

/**
 * The two models: echo answers at once; text-generator runs a few seconds, streaming its tokens.
 * Replicate gives `urls.stream` only to a model whose output streams (an iterator or a concatenated
 * array), so echo has none.
 */
export const REPLICATE_MODELS: Record<
  ReplicateModelCase,
  { model: `${string}/${string}`; streams: boolean }
> = {
  fast: { model: 'predictkit/echo', streams: false },
  seconds: { model: 'predictkit/text-generator', streams: true },
};

/** Per token, text-generator sleeps 25–60 ms of model time, after about 80 ms of prompt processing. */
const TOKEN_MS = 42.5;
const PREFILL_MS = 80;

/** The input of the `index`-th prediction of a case; `runMs` is the wanted wall-clock run time. */
export function replicateInput(
  which: ReplicateModelCase,
  index: number,
  runMs: number,
  timeScale: number,
): Record<string, unknown> {
  if (which === 'fast') return { text: 'bench' };
  // A seed per prediction: run times differ a little from one to the next, but every way meets the
  // same ones.
  const max_tokens = Math.max(1, Math.round((runMs / timeScale - PREFILL_MS) / TOKEN_MS));
  return { prompt: 'Alice was beginning to', max_tokens, seed: index + 1 };
}

export interface ReplicateWaitingOptions {
  /** The server's origin, e.g. `http://127.0.0.1:40123`; the API is under `${origin}/replicate/v1`. */
  origin: string;
  way: ReplicateWay;
  model: ReplicateModelCase;
  /** Predictions at once. */
  predictions: number;
  /** The `seconds` case's wall-clock run time, in ms. */
  secondsRunMs: number;
  /** The server's time scale, to turn a wall-clock run time into model input. */
  timeScale: number;
}

export interface ReplicateWaitingRun {
  way: ReplicateWay;
  model: ReplicateModelCase;
  /** Per prediction, ms from the call to its result in hand (the awaited call resolved). */
  resultMs: number[];
  /** Per prediction, ms from the server's `completed_at` to the result in hand (the same clock, whole ms). */
  afterEndMs: number[];
  /** Per prediction, the model's run time on the server (`metrics.predict_time`), in ms. */
  modelMs: number[];
  /** Every HTTP request sent, creates included, over the predictions. */
  requestsPerPrediction: number;
  /** Predictions that did not end `succeeded` (each one is a bench failure, not a figure). */
  failures: number;
}

interface Outcome {
  status: string;
  completedAt: string | null | undefined;
  predictSeconds: number | undefined;
}

const ofReplicate = (p: ReplicatePrediction): Outcome => ({
  status: p.status,
  completedAt: p.completed_at,
  predictSeconds: p.metrics?.predict_time,
});

// PredictKit's `updated_at` is Replicate's `completed_at` once a prediction has ended.
const ofPredictKit = (p: Prediction): Outcome => ({
  status: p.status,
  completedAt: p.updated_at,
  predictSeconds: p.execution_time === null ? undefined : Number(p.execution_time),
});

/** Follows `predictions` predictions of one case to their end, all at once, one way. */
export async function measureReplicateWaiting({
  origin,
  way,
  model: which,
  predictions,
  secondsRunMs,
  timeScale,
}: ReplicateWaitingOptions): Promise<ReplicateWaitingRun> {
  let requests = 0;
  // Both clients keep their default `fetch`, the global one, as an app does (a `fetch` option changes
  // what each sends it); it is counted for this run: every call is one HTTP request.
  const { fetch } = globalThis;
  globalThis.fetch = (input, init) => {
    requests++;
    return fetch(input, init);
  };
  const baseUrl = `${origin}/replicate/v1`;
  const official = new Replicate({ baseUrl });
  const client = createClient({ baseUrl });
  const outcomes = await Promise.all(
    Array.from({ length: predictions }, async (_, index) => {
      const { model } = REPLICATE_MODELS[which];
      const input = replicateInput(which, index, secondsRunMs, timeScale);
      const started = performance.now();
      let outcome: Outcome;
      if (way === 'run') {
        // `run` returns the output; its progress callback hears the final prediction last.
        let last: ReplicatePrediction | undefined;
        await official.run(model, { input }, (p) => {
          last = p;
        });
        outcome = ofReplicate(last as ReplicatePrediction);
      } else if (way === 'create-wait') {
        const created = await official.predictions.create({ model, input });
        outcome = ofReplicate(await official.wait(created));
      } else if (way === 'pk-run') {
        outcome = ofPredictKit(await runPrediction(client, model, input));
      } else {
        const created = await createPrediction(client, { model, input });
        outcome = ofPredictKit(
          await waitForPrediction(client, created, { stream: way === 'pk-stream' && streamPrediction }),
        );
      }
      const resultMs = performance.now() - started;
      const afterEndMs = Date.now() - Date.parse(outcome.completedAt ?? '');
      return { ...outcome, resultMs, afterEndMs };
    }),
  ).finally(() => {
    globalThis.fetch = fetch;
  });
  return {
    way,
    model: which,
    resultMs: outcomes.map((o) => o.resultMs),
    afterEndMs: outcomes.map((o) => o.afterEndMs),
    modelMs: outcomes.map((o) => (o.predictSeconds ?? Number.NaN) * 1000),
    requestsPerPrediction: requests / predictions,
    failures: outcomes.filter((o) => o.status !== 'succeeded' || Number.isNaN(o.afterEndMs)).length,
  };
}

export interface ReplicateLatencyOptions extends Omit<ReplicateWaitingOptions, 'way' | 'model'> {
  /** Rounds; every way runs once per round and case. */
  runs: number;
  /**
   * Rounds of echo, default `runs`: its figures are a few milliseconds, where one round's noise moves
   * a median, and a round takes well under a second, so it can afford more.
   */
  fastRuns?: number;
  /** Called after each run (progress output). */
  onRun?: (run: ReplicateWaitingRun, round: number) => void;
}

/** The ways that apply to a case: the stream only where the model's output streams. */
export const waysFor = (which: ReplicateModelCase) =>
  REPLICATE_WAYS.filter((w) => !w.streams || REPLICATE_MODELS[which].streams);

/**
 * Both cases, every way that applies, `runs` times, one way at a time, in an order rotated each round
 * so that none always goes first. A warm-up prediction of each model first, so none measured pays a
 * model's setup (its cold start).
 */
export async function measureReplicateLatency({
  runs,
  fastRuns = runs,
  onRun,
  ...options
}: ReplicateLatencyOptions): Promise<ReplicateWaitingRun[]> {
  const warm = createClient({ baseUrl: `${options.origin}/replicate/v1` });
  for (const which of ['fast', 'seconds'] as const) {
    await runPrediction(warm, REPLICATE_MODELS[which].model, replicateInput(which, 0, 1, options.timeScale));
  }
  const results: ReplicateWaitingRun[] = [];
  for (let round = 0; round < Math.max(runs, fastRuns); round++) {
    for (const which of ['fast', 'seconds'] as const) {
      if (round >= (which === 'fast' ? fastRuns : runs)) continue;
      const ways = waysFor(which);
      for (let i = 0; i < ways.length; i++) {
        const { way } = ways[(i + round) % ways.length]!;
        const run = await measureReplicateWaiting({ ...options, way, model: which });
        results.push(run);
        onRun?.(run, round);
      }
    }
  }
  return results;
}
