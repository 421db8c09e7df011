import { getModel } from '../catalog';
import type { Client } from '../createClient';
import { invalid, PredictKitError } from '../errors';
import { isObject, isText } from '../isObject';
import { parseDuration } from '../parseDuration';
import { formatModelRef, parseModelRef, versionOf } from '../parseModelRef';
import { runPrediction } from '../predictions';
import type { ModelRef, Prediction } from '../types';
import { checkClient, type WeaveClient } from './createWeaveClient';
import { createEvaluationRun, finishEvaluationRun } from './evaluationRuns';
import { createModelMinter } from './mintModel';
import { createDataset, createEvaluation, createScorer } from './objects';
import { finishWeavePrediction } from './predictions';
import { recordOnce, tryAgain } from './recordOnce';
import { createScore } from './scores';
import { type ScoreValue, summarizeScores } from './summarizeScores';
import { toWeaveValue } from './toWeaveValue';
import type { WeaveSummary } from './types';
import { isWeaveRef } from './weaveRef';

type Row = Record<string, unknown>;
type AnyPrediction = Prediction<Record<string, unknown>, unknown>;

/** Judges one output: a number, a pass/fail, or `undefined` for no score. */
export type Scorer<R extends Row = Row> = (args: {
  row: R;
  input: Record<string, unknown>;
  output: unknown;
  prediction: AnyPrediction;
}) => ScoreValue | undefined | Promise<ScoreValue | undefined>;

export interface EvaluationRow<R extends Row = Row> {
  index: number;
  row: R;
  /** The terminal prediction (absent when it could not be run). */
  prediction?: AnyPrediction;
  /** The Weave prediction's id, once recorded. */
  weaveId?: string;
  scores: Record<string, ScoreValue>;
  /** What went wrong with this row: the run, a scorer, a record. */
  errors: Error[];
}

export interface EvaluationProgress<R extends Row = Row> {
  done: number;
  total: number;
  row: EvaluationRow<R>;
}

export interface RunEvaluationOptions<R extends Row = Row> {
  /** The PredictKit client that runs the model. */
  client: Client;
  /** `owner/name` (its latest version, looked up once) or a version. */
  model: string | ModelRef;
  /** The rows, each a model input unless `input` maps it to one; a name makes it a named dataset. */
  dataset: R[] | { name?: string; rows: R[] };
  /** By name: each judges every output. Their code is recorded as each scorer's source. */
  scorers: Record<string, Scorer<R>>;
  /** Where the evaluation is recorded. */
  weave: WeaveClient;
  /**
   * An evaluation already in Weave (its `weave:///…` reference), in place of the dataset and
   * evaluation objects made from `dataset` and `scorers`.
   */
  evaluation?: string | undefined;
  /** Scorers already in Weave, by the names in `scorers`, in place of those made from their code. */
  scorerRefs?: Record<string, string> | undefined;
  /** The model input of a row; default the row itself. */
  input?: ((row: R) => Record<string, unknown>) | undefined;
  /** The evaluation's name; default the model's `owner/name` and ` evaluation`. */
  name?: string | undefined;
  /** Rows run at once. Default 4. */
  concurrency?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: EvaluationProgress<R>) => void) | undefined;
}

export interface EvaluationResult<R extends Row = Row> {
  evaluationRunId: string;
  /** `weave:///…` references of the evaluation and the model version. */
  evaluation: string;
  model: string;
  /** What the run was finished with: per scorer (see `summarizeScores`), and `model_latency`. */
  summary: WeaveSummary & { model_latency?: { mean: number } };
  rows: EvaluationRow<R>[];
}

/** The input key that marks each record of a run with its row's index (see `recordOnce`). */
export const ROW_MARK = '_predictkit_row';

/** Tries of one record (create, finish) before the row reports it. */
const ATTEMPTS = 4;

/**
 * Runs each row of `dataset` on `model` (with `runPrediction`), scores each output with `scorers`,
 * and records it all in Weave as one evaluation run: the dataset, scorers and evaluation as
 * objects, each row's prediction and scores under the run. Finishes the run with the summary and
 * answers it, with each row's prediction, scores and errors (a failed prediction is not recorded).
 */
export async function runEvaluation<R extends Row = Row>(
  options: RunEvaluationOptions<R>,
): Promise<EvaluationResult<R>> {
  const at = 'runEvaluation';
  if (!isObject(options)) throw invalid(at, 'options', 'an object', options);
  const {
    client,
    weave,
    scorers,
    input = (row: R) => row as Row,
    concurrency = 4,
    signal: given,
    onProgress,
  } = options;
  if (!isObject(client) || typeof (client as Client).request !== 'function' || !(client as Client).provider) {
    throw invalid(at, 'client', 'a PredictKit client (createClient)', client);
  }
  checkClient(at, weave);
  const ref = parseModelRef(options.model);
  const dataset = Array.isArray(options.dataset) ? { rows: options.dataset } : options.dataset;
  if (
    !isObject(dataset) ||
    !Array.isArray(dataset.rows) ||
    !dataset.rows.every((r) => isObject(r) && !Array.isArray(r))
  ) {
    throw invalid(at, 'dataset', 'an array of rows (objects), or { name?, rows }', options.dataset);
  }
  if (dataset.name !== undefined && !isText(dataset.name))
    throw invalid(at, 'dataset.name', 'a non-empty string', dataset.name);
  const names = isObject(scorers) ? Object.keys(scorers) : [];
  if (!names.length || names.some((n) => typeof scorers[n] !== 'function')) {
    throw invalid(at, 'scorers', 'an object of one or more scorer functions, by name', scorers);
  }
  if (typeof input !== 'function') throw invalid(at, 'input', 'a function', input);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw invalid(at, 'concurrency', 'a whole number ≥ 1', concurrency);
  if (onProgress !== undefined && typeof onProgress !== 'function')
    throw invalid(at, 'onProgress', 'a function', onProgress);
  if (options.evaluation !== undefined && !isWeaveRef(options.evaluation)) {
    throw invalid(at, 'evaluation', 'a weave:/// evaluation reference', options.evaluation);
  }
  const refs = options.scorerRefs;
  if (
    refs !== undefined &&
    (!isObject(refs) || !Object.entries(refs).every(([n, r]) => names.includes(n) && isWeaveRef(r)))
  ) {
    throw invalid(at, 'scorerRefs', 'weave:/// scorer references by the names in `scorers`', refs);
  }
  if (options.name !== undefined && !isText(options.name))
    throw invalid(at, 'name', 'a non-empty string', options.name);
  // The caller's signal, or the first failure of a row's worker, which stops the others: no more
  // paid predictions go into a run that is being finished.
  const halt = new AbortController();
  // (by hand: `AbortSignal.any` needs Node 20.3)
  const forward = () => halt.abort(given?.reason);
  if (given?.aborted) forward();
  else given?.addEventListener('abort', forward);
  const { signal } = halt;
  try {
    const o = { signal };

    // The run names one version: `owner/name` is the version that is latest now.
    const version = ref.version ?? versionOf((await getModel(client, ref, o)).version);
    const model = formatModelRef(version === undefined ? ref : { ...ref, version });
    const label = options.name ?? `${ref.owner}/${ref.name} evaluation`;
    const [modelRef, scorerRefs] = await Promise.all([
      createModelMinter(weave)(model, signal),
      Promise.all(
        names.map(
          (name) =>
            options.scorerRefs?.[name] ??
            createScorer(
              weave,
              {
                name: name.replace(/[^\w.-]/g, '-'),
                description: name,
                op_source_code: String(scorers[name]),
              },
              o,
            ).then((v) => v.ref),
        ),
      ),
    ]);
    const evaluation: string =
      options.evaluation ??
      (await createEvaluation(
        weave,
        {
          name: label.replace(/[^\w.-]/g, '-'),
          dataset: (
            await createDataset(
              weave,
              {
                name: (dataset.name ?? `${label} dataset`).replace(/[^\w.-]/g, '-'),
                rows: toWeaveValue(dataset.rows) as Row[],
              },
              o,
            )
          ).ref,
          scorers: scorerRefs,
          evaluation_name: label,
        },
        o,
      ).then((v) => v.ref));
    const { evaluation_run_id: runId } = await createEvaluationRun(weave, { evaluation, model: modelRef }, o);

    const rows: EvaluationRow<R>[] = dataset.rows.map((row, index) => ({
      index,
      row,
      scores: {},
      errors: [],
    }));
    let done = 0;
    const evaluate = async (r: EvaluationRow<R>) => {
      const given = input(r.row);
      let prediction: AnyPrediction;
      try {
        prediction = await runPrediction(client, model, given, o);
      } catch (error) {
        if (signal?.aborted) throw error;
        r.errors.push(error as Error);
        return;
      }
      r.prediction = prediction;
      if (prediction.status !== 'succeeded') {
        r.errors.push(
          new PredictKitError(
            `${at}: prediction ${prediction.id} of row ${r.index} ended ${prediction.status}${prediction.error ? `: ${prediction.error.message}` : ''}.`,
          ),
        );
        return;
      }
      const output = prediction.output;
      await Promise.all(
        names.map(async (name) => {
          try {
            const value = await scorers[name]!({ row: r.row, input: given, output, prediction });
            if (value === undefined) return;
            if (typeof value !== 'boolean' && !Number.isFinite(value)) {
              throw invalid(
                at,
                `scorers.${name}`,
                'a scorer that returns a finite number, a boolean or undefined',
                value,
              );
            }
            r.scores[name] = value;
          } catch (error) {
            r.errors.push(error as Error);
          }
        }),
      );
      const state = {};
      const fields = {
        model: modelRef,
        inputs: { ...(toWeaveValue(given) as Row), [ROW_MARK]: r.index },
        output: toWeaveValue(output ?? null),
        evaluation_run_id: runId,
      };
      try {
        const weaveId = await tryAgain(
          () => recordOnce(weave, fields, ROW_MARK, r.index, state, signal),
          ATTEMPTS,
          signal,
        );
        r.weaveId = weaveId;
        await Promise.all(
          Object.entries(r.scores).map(([name, value]) =>
            createScore(
              weave,
              {
                prediction_id: weaveId,
                scorer: scorerRefs[names.indexOf(name)]!,
                value: Number(value),
                evaluation_run_id: runId,
              },
              o,
            ).catch((error) => {
              r.errors.push(error);
            }),
          ),
        );
        // After its scores: finishing a run's prediction gathers them.
        await tryAgain(() => finishWeavePrediction(weave, weaveId, o), ATTEMPTS, signal);
      } catch (error) {
        if (signal?.aborted) throw error;
        r.errors.push(error as Error);
      }
    };

    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        signal?.throwIfAborted();
        const r = rows[next++]!;
        await evaluate(r);
        done++;
        onProgress?.({ done, total: rows.length, row: r });
      }
    };
    const summarize = () => {
      const recorded = rows.filter((r) => r.weaveId);
      const summary: EvaluationResult<R>['summary'] = summarizeScores(recorded.map((r) => r.scores));
      const latencies = recorded
        .map((r) => parseDuration(r.prediction?.execution_time ?? null))
        .filter((ms): ms is number => typeof ms === 'number');
      if (latencies.length)
        summary.model_latency = { mean: latencies.reduce((a, b) => a + b, 0) / latencies.length / 1000 };
      return summary;
    };
    const workers = Array.from({ length: Math.min(concurrency, rows.length) }, () =>
      worker().catch((error) => {
        halt.abort(error);
        throw error;
      }),
    );
    const stopped = (await Promise.allSettled(workers)).find((w) => w.status === 'rejected');
    if (stopped) {
      // A run left open shows as running in Weave for ever: one stopped (aborted, or an `onProgress`
      // that threw) is finished, once every worker has, with the rows recorded so far, within a
      // deadline of its own, since the signal may be what stopped it.
      await finishEvaluationRun(
        weave,
        runId,
        { summary: summarize() },
        { signal: AbortSignal.timeout(10_000) },
      ).catch(() => {});
      throw given?.aborted ? given.reason : stopped.reason;
    }
    const summary = summarize();
    await tryAgain(() => finishEvaluationRun(weave, runId, { summary }, o), ATTEMPTS, signal);
    return { evaluationRunId: runId, evaluation, model: modelRef, summary, rows };
  } finally {
    given?.removeEventListener('abort', forward);
  }
}
