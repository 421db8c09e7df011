import type { Rules } from '../checkOptions';
import type { CallOptions } from '../createClient';
import { invalid, PredictKitError } from '../errors';
import { isObject, isText } from '../isObject';
import { isTerminal } from '../isTerminal';
import type { Prediction } from '../types';
import { untilAborted } from '../untilAborted';
import {
  checkClient,
  createWeaveClient,
  type WeaveClient,
  type WeaveClientOptions,
} from './createWeaveClient';
import { createModelMinter } from './mintModel';
import { type RecordState, recordOnce, tryAgain } from './recordOnce';
import { scorePrediction } from './scorePrediction';
import { toWeaveValue } from './toWeaveValue';

type AnyPrediction = Prediction<unknown, unknown>;

export interface WeaveLoggerOptions extends Partial<WeaveClientOptions> {
  /** A client to log through, in place of the connection options (`entity`, `project`, `apiKey`, …). */
  client?: WeaveClient | undefined;
  /** Predictions being recorded at once. Default 4. */
  concurrency?: number | undefined;
  /** Predictions waiting or being recorded; past that, `log` refuses and reports. Default 1000. */
  maxQueue?: number | undefined;
  /** Tries per prediction before it is given up and reported. Default 6. */
  maxAttempts?: number | undefined;
  /**
   * The statuses recorded. Default `['succeeded']`. Weave's prediction has no status or error of its
   * own: one that did not succeed is recorded with `{ status, error, output }` as its output.
   */
  statuses?: string[] | undefined;
  /** Each prediction given up, with why; also returned by `flush()`. */
  onError?: ((error: Error, prediction: AnyPrediction) => void) | undefined;
}

/** What `log` did: `queued`; `duplicate` (seen before); `skipped` (not finished, or a status not recorded); `full`. */
export type LogResult = 'queued' | 'duplicate' | 'skipped' | 'full';

export interface LogFailure {
  prediction: AnyPrediction;
  error: Error;
}

export interface WeaveLogger {
  /**
   * Queues a finished prediction (any provider's) to be recorded as a Weave prediction, and returns
   * at once. Each prediction id is recorded once, however often it is logged (a repeated webhook).
   */
  log(prediction: AnyPrediction): LogResult;
  /**
   * Resolves once every prediction waiting or under way when it was called is recorded or given
   * up, with what could not be recorded since the last flush. With `signal`, rejects with its
   * reason when it aborts first (the work goes on): a deadline for a shutdown.
   */
  flush(options?: { signal?: AbortSignal | undefined }): Promise<LogFailure[]>;
  /** The Weave prediction id of a PredictKit prediction once recorded (to score it). */
  weaveId(predictionId: string): string | undefined;
  /**
   * Records feedback on a finished prediction as a Weave score (see `scorePrediction`): the
   * prediction is logged first if it has not been, and the score sent once it is recorded.
   * Rejects when the prediction cannot be recorded (a status not in `statuses`, a full queue, or
   * given up), saying so.
   */
  score(
    prediction: AnyPrediction,
    scorer: string,
    value: number | boolean,
    options?: CallOptions,
  ): Promise<{ score_id: string }>;
  /** Predictions waiting or being recorded. */
  readonly pending: number;
  readonly client: WeaveClient;
}

/** `log` refused a prediction: the logger's queue was full. */
export class QueueFullError extends PredictKitError {
  override name = 'QueueFullError';
}

/** The input key that marks each record with its PredictKit prediction id (see `recordOnce`). */
export const PREDICTION_MARK = '_predictkit_id';

/** Recorded ids kept to refuse duplicates; beyond it, the oldest are forgotten. */
const REMEMBERED = 100_000;

const COUNT = (min: number): Rules[string] => [
  (v) => Number.isInteger(v) && (v as number) >= min,
  `a whole number ≥ ${min}`,
];

const LOGGER_RULES: Rules = {
  client: [isObject, 'a Weave client (createWeaveClient)'],
  concurrency: COUNT(1),
  maxQueue: COUNT(1),
  maxAttempts: COUNT(1),
  statuses: [(v) => Array.isArray(v) && v.every(isText), 'an array of statuses'],
  onError: [(v) => typeof v === 'function', 'a function'],
};

interface Entry extends RecordState {
  prediction: AnyPrediction;
  state: 'queued' | 'working' | 'done' | 'failed';
  weaveId?: string;
  /** Why it was given up. */
  error?: Error;
  /** Told once the entry is recorded or given up (scores wait for it). */
  waiters?: (() => void)[];
}

/**
 * A sink that records finished predictions in Weave, off the request path: `log` never waits, a
 * bounded queue feeds a few workers, each prediction is tried again with backoff and never recorded
 * twice, and what fails is reported (`onError`, `flush()`), never dropped quietly.
 */
export function createWeaveLogger(options: WeaveLoggerOptions): WeaveLogger {
  const at = 'createWeaveLogger';
  if (!options || typeof options !== 'object') throw invalid(at, 'options', 'an object', options);
  const {
    client: given,
    concurrency = 4,
    maxQueue = 1000,
    maxAttempts = 6,
    statuses: recorded = ['succeeded'],
    onError,
    ...connection
  } = options;
  const statuses = new Set(recorded);
  for (const [name, rule] of Object.entries(LOGGER_RULES)) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined && !rule[0](value)) throw invalid(at, name, rule[1], value);
  }
  if (given) {
    checkClient(at, given);
    const extra = Object.keys(connection).filter(
      (k) => (connection as Record<string, unknown>)[k] !== undefined,
    );
    if (extra.length) throw new TypeError(`${at}: give \`client\` or its options (${extra}), not both.`);
  }
  const client = given ?? createWeaveClient(connection as WeaveClientOptions);
  const mint = createModelMinter(client);
  const entries = new Map<string, Entry>();
  const queue: Entry[] = [];
  let failures: LogFailure[] = [];
  let active = 0;

  const report = (entry: AnyPrediction, error: Error) => {
    failures.push({ prediction: entry, error });
    try {
      onError?.(error, entry);
    } catch {}
  };

  const forget = () => {
    // Map order is insertion order: the oldest finished records go first.
    for (const [id, e] of entries) {
      if (entries.size <= REMEMBERED) break;
      if (e.state === 'done') entries.delete(id);
    }
  };

  async function record(entry: Entry) {
    const p = entry.prediction;
    const model = await mint(p);
    entry.weaveId ??= await recordOnce(
      client,
      {
        model,
        inputs: { ...(toWeaveValue(p.input ?? {}) as Record<string, unknown>), [PREDICTION_MARK]: p.id },
        // Weave's prediction has no status or error: one that did not succeed says so in its output.
        output: toWeaveValue(
          p.status === 'succeeded'
            ? (p.output ?? null)
            : { status: p.status, error: p.error ?? null, output: p.output ?? null },
        ),
      },
      PREDICTION_MARK,
      p.id,
      entry,
    );
    // Not finished: Weave's create ends the call, and a finish (meant for a prediction of an
    // evaluation run) ends it again without the output, which may then be the one that stays.
  }

  async function work(entry: Entry) {
    entry.state = 'working';
    try {
      await tryAgain(() => record(entry), maxAttempts);
      entry.state = 'done';
    } catch (error) {
      entry.state = 'failed';
      entry.error = error as Error;
      report(entry.prediction, error as Error);
    }
    for (const resolve of entry.waiters ?? []) resolve();
    entry.waiters = undefined;
  }

  /** Resolves once `entry` is recorded or given up. */
  const settled = (entry: Entry) =>
    entry.state === 'done' || entry.state === 'failed'
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          entry.waiters ??= [];
          entry.waiters.push(resolve);
        });

  const pump = () => {
    while (active < concurrency && queue.length) {
      const entry = queue.shift()!;
      active++;
      void work(entry).finally(() => {
        active--;
        forget();
        pump();
      });
    }
  };

  const check = (label: string, prediction: unknown) => {
    const p = prediction as Partial<AnyPrediction> | undefined;
    if (
      !isObject(p) ||
      !isText(p.id) ||
      !isObject(p.model) ||
      !isText(p.model.owner) ||
      !isText(p.model.name)
    ) {
      throw invalid(label, 'prediction', 'a prediction with `id` and `model: { owner, name }`', prediction);
    }
  };

  const log = (prediction: AnyPrediction): LogResult => {
    check('log', prediction);
    const p = prediction;
    const seen = entries.get(p.id);
    // A prediction given up is tried again when logged again; its doubt, if any, goes with it.
    if (seen && seen.state !== 'failed') return 'duplicate';
    if (!isTerminal(p.status) || !statuses.has(p.status!)) return 'skipped';
    if (queue.length + active >= maxQueue) {
      report(
        prediction,
        new QueueFullError(
          `${at}: the queue is full (${maxQueue} waiting or under way); prediction ${p.id} was not queued. ` +
            'Log it again later, or raise `maxQueue` or `concurrency`.',
        ),
      );
      return 'full';
    }
    const entry: Entry = { ...seen, prediction, state: 'queued', error: undefined };
    entries.delete(p.id);
    entries.set(p.id, entry);
    queue.push(entry);
    pump();
    return 'queued';
  };

  return {
    client,
    get pending() {
      return queue.length + active;
    },
    log,
    async score(prediction, scorer, value, options) {
      check('score', prediction);
      const { id, status } = prediction;
      let entry = entries.get(id);
      if (!entry || entry.state === 'failed') {
        const result = log(prediction);
        if (result === 'skipped') {
          throw new PredictKitError(
            `score: prediction ${id} is ${status}; Weave records only ${[...statuses].join(', ')} predictions here, ` +
              'so it cannot be scored. Pass `statuses` to createWeaveLogger to record others.',
          );
        }
        if (result === 'full') throw failures.at(-1)!.error;
        entry = entries.get(id)!;
      }
      await settled(entry);
      if (entry.state !== 'done') {
        throw new PredictKitError(
          `score: prediction ${id} could not be recorded in Weave, so its score was not sent: ${entry.error?.message}`,
        );
      }
      return scorePrediction(client, {
        predictionId: entry.weaveId!,
        scorer,
        value,
        signal: options?.signal,
      });
    },
    async flush({ signal } = {}) {
      signal?.throwIfAborted();
      // What is waiting or under way now: predictions logged meanwhile do not hold it up, so that a
      // server shutting down under traffic gets its answer.
      const now = [...entries.values()].filter((e) => e.state === 'queued' || e.state === 'working');
      const all = Promise.all(now.map(settled));
      await (signal ? untilAborted(all, signal) : all);
      const failed = failures;
      failures = [];
      return failed;
    },
    weaveId: (id) => {
      const e = entries.get(id);
      return e?.state === 'done' ? e.weaveId : undefined;
    },
  };
}
