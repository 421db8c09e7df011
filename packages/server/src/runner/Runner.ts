import { isTerminal, type PredictionError } from '@predictkit/core';
import { OWNER } from '../catalog';
import { saveFile } from '../files';
import { HttpError } from '../http/HttpError';
import { applyDefaults } from '../models/applyDefaults';
import { decodeDataUri } from '../models/dataUri';
import type { DemoModel, DemoVersion, ModelContext } from '../models/types';
import type { PredictionRecord, PredictionWebhook, Store, StoredFile } from '../store/Store';
import { isoDuration, isoTimestamp } from '../time';
import { validateAgainstSchema } from '../validation/validateInput';
import { abortableSleep } from './abortableSleep';
import type { EventHub } from './EventHub';

/** What changed on a prediction: its status, or (while it runs) its output or logs. */
export type PredictionChange = 'status' | 'output' | 'logs';

/** Hands a change to the prediction's webhook, which decides (by its surface) what to send. */
export type NotifyWebhook = (
  webhook: PredictionWebhook,
  prediction: PredictionRecord,
  change: PredictionChange,
) => void;

export interface RunnerOptions {
  store: Store;
  events: EventHub;
  notify: NotifyWebhook;
  /** One of this server's files from its URL, in any surface's form, if `url` names one. */
  ownFile: (url: string, origin: string) => StoredFile | undefined;
  /** Multiplies every model-time wait: 0.01 runs a 10 s prediction in 100 ms. */
  timeScale: number;
  concurrency: number;
  maxRunTimeMs: number;
}

export interface CreateJob {
  model: Pick<DemoModel, 'name'>;
  /** Who owns the model, as the prediction names it; default the demo models' owner. */
  owner?: string;
  /** The id of the user who creates it: the one who reaches it (see `Registry.mayReach`). */
  creator: string;
  version: DemoVersion;
  input: Record<string, unknown>;
  webhook: PredictionWebhook | null;
  /** Origin for the absolute URLs in the prediction and its files. */
  origin: string;
  /** Already validated at create time (`Validate-Input: true`); otherwise the run validates it. */
  inputValidated: boolean;
  /** `Cancel-After`: when (epoch ms) it is stopped if not finished; aborted if it has not started. */
  deadlineAt?: number;
  /** The deployment it is created through, `owner/name`. */
  deployment?: string;
}

interface Job {
  id: string;
  version: DemoVersion;
  origin: string;
  inputValidated: boolean;
  controller: AbortController;
  cancelRequested: boolean;
  /** Its `Cancel-After` deadline passed before it finished. */
  deadlinePassed: boolean;
  deadlineTimer?: ReturnType<typeof setTimeout>;
  /** `performance.now()` when it left the queue. */
  dequeuedAt?: number;
  /** It reached `started`: past that, a deadline cancels rather than aborts it. */
  started: boolean;
}

class RunTimeExceeded extends Error {}
class ServerClosing extends Error {}

/** Carries the `source` a model gave its error (`external`: the caller's input was at fault). */
function errorSource(error: unknown): PredictionError['source'] {
  const source = (error as { source?: unknown })?.source;
  return source === 'external' ? 'external' : 'internal';
}

function shutdownError(started: boolean): PredictionError {
  return {
    source: 'internal',
    message: started
      ? 'The server shut down before this prediction finished. Create it again.'
      : 'The server shut down before this prediction started. Create it again.',
    detail: null,
  };
}

function minutes(ms: number): string {
  return ms >= 60_000 ? `${+(ms / 60_000).toFixed(2)} minutes` : `${+(ms / 1000).toFixed(3)} seconds`;
}

/**
 * Runs predictions as jobs: a FIFO queue with a concurrency limit, each job going
 * `pending` → `started` → `succeeded` | `failed` | `canceled` (or `aborted`, when its deadline
 * passes before it starts). Every change is written to the store and published as a stream event,
 * and handed to the prediction's webhook.
 */
export class Runner {
  #queue: Job[] = [];
  #jobs = new Map<string, Job>();
  #running = 0;
  /** Runs under way: a shutdown waits for them. */
  #runs = new Set<Promise<void>>();
  #state: 'open' | 'draining' | 'closed' = 'open';
  #shutdown: Promise<void> | undefined;
  #graceEndsAt = Number.POSITIVE_INFINITY;
  #graceTimer: ReturnType<typeof setTimeout> | undefined;
  #endGrace = () => {};
  /** Open `Prefer: wait` requests: a shutdown answers every one. */
  #waiters = new Set<() => void>();
  #webhookOf = new Map<string, PredictionWebhook>();
  /** Versions that have done their setup: like a warm container, they start at once from then on. */
  #warm = new Set<DemoVersion>();

  constructor(private readonly options: RunnerOptions) {}

  /** Refuses new work once a shutdown has begun: `503` with `Retry-After`. */
  assertAccepting(): void {
    if (this.#state === 'open') return;
    const seconds = Math.max(1, Math.ceil((this.#graceEndsAt - performance.now()) / 1000));
    throw new HttpError(
      503,
      'The server is shutting down and takes no new predictions. Create it again once the server is back.',
      { 'retry-after': String(Number.isFinite(seconds) ? seconds : 1) },
    );
  }

  create({
    model,
    owner = OWNER.username,
    creator,
    version,
    input,
    webhook,
    origin,
    inputValidated,
    deadlineAt,
    deployment,
  }: CreateJob): PredictionRecord {
    this.assertAccepting();
    const { store } = this.options;
    const id = crypto.randomUUID();
    const now = isoTimestamp();
    const prediction: PredictionRecord = {
      id,
      model: { owner, name: model.name, version_number: version.number },
      created_at: now,
      updated_at: now,
      status: 'pending',
      setup_time: null,
      execution_time: null,
      input,
      output: null,
      error: null,
      logs: [],
      setup_logs: [],
      urls: {
        get: `${origin}/v1/predictions/${id}`,
        cancel: `${origin}/v1/predictions/${id}/cancel`,
        stream: `${origin}/v1/predictions/${id}/stream`,
      },
      started_at: null,
      completed_at: null,
      deadline: deadlineAt === undefined ? null : isoTimestamp(deadlineAt),
      deployment: deployment ?? null,
    };
    store.insert({ seq: store.nextSeq(), prediction, webhook, creator });
    if (webhook) this.#webhookOf.set(id, webhook);
    const job: Job = {
      id,
      version,
      origin,
      inputValidated,
      controller: new AbortController(),
      cancelRequested: false,
      deadlinePassed: false,
      started: false,
    };
    if (deadlineAt !== undefined) {
      job.deadlineTimer = setTimeout(() => this.#deadlinePassed(job), Math.max(0, deadlineAt - Date.now()));
    }
    this.#jobs.set(id, job);
    this.#queue.push(job);
    this.#announce(prediction);
    queueMicrotask(() => this.#pump());
    return prediction;
  }

  /**
   * Asks to cancel. A queued prediction ends `canceled` at once; a running one has its model's
   * signal aborted and ends `canceled` as soon as the model stops. Idempotent while it runs and once
   * canceled or aborted; a prediction that succeeded or failed cannot be canceled (`409`, naming it
   * as the caller does: `shown`, a surface's own form of the id).
   */
  cancel(id: string, shown = id): PredictionRecord {
    const current = this.get(id);
    if (current.status === 'canceled' || current.status === 'aborted') return current;
    if (isTerminal(current.status)) {
      throw new HttpError(
        409,
        `Prediction ${shown} has already ${current.status}; only pending or started predictions can be canceled.`,
      );
    }
    const job = this.#jobs.get(id);
    if (!job) return current;
    job.cancelRequested = true;
    const queued = this.#queue.indexOf(job);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      this.#jobs.delete(id);
      return this.#finish(job, { status: 'canceled', error: canceledError() });
    }
    job.controller.abort(new DOMException('The prediction was canceled.', 'AbortError'));
    return current;
  }

  get(id: string): PredictionRecord {
    const record = this.options.store.get(id);
    if (!record) throw new HttpError(404, `Prediction ${id} not found.`);
    return record.prediction;
  }

  /** Resolves with the prediction once it is terminal, or as it is after `ms`, whichever comes first. */
  waitFor(id: string, ms: number, signal?: AbortSignal): Promise<PredictionRecord> {
    return new Promise((resolve) => {
      let unsubscribe = () => {};
      const settle = () => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', settle);
        this.#waiters.delete(settle);
        resolve(this.get(id));
      };
      const timer = setTimeout(settle, ms);
      signal?.addEventListener('abort', settle, { once: true });
      if (isTerminal(this.get(id).status) || this.#state === 'closed') return settle();
      this.#waiters.add(settle);
      unsubscribe = this.options.events.subscribe(id, this.options.events.lastEventId(id), (event) => {
        if (event.event === 'done') settle();
      });
    });
  }

  /**
   * `Cancel-After` ran out: a prediction still queued or setting up ends `aborted`; a running one
   * is canceled.
   */
  #deadlinePassed(job: Job): void {
    if (isTerminal(this.get(job.id).status)) return;
    job.deadlinePassed = true;
    const queued = this.#queue.indexOf(job);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      this.#jobs.delete(job.id);
      this.#finish(job, { status: 'aborted', error: deadlineError(false) });
      return;
    }
    job.controller.abort(new DOMException('The prediction passed its deadline.', 'AbortError'));
  }

  /**
   * Stops taking work and shuts down: queued predictions fail at once, running ones get `graceMs`
   * to finish, and those still running then fail too, each with its terminal event and webhook.
   * Every open wait is answered. Calling again with less time shortens the grace (0: stop now).
   */
  shutdown(graceMs: number): Promise<void> {
    const endsAt = performance.now() + graceMs;
    if (endsAt < this.#graceEndsAt) {
      this.#graceEndsAt = endsAt;
      clearTimeout(this.#graceTimer);
      this.#graceTimer = setTimeout(() => this.#endGrace(), graceMs);
    }
    this.#shutdown ??= this.#drain();
    return this.#shutdown;
  }

  async #drain(): Promise<void> {
    const graceOver = new Promise<void>((resolve) => {
      this.#endGrace = resolve;
    });
    this.#state = 'draining';
    for (const job of this.#queue.splice(0)) {
      this.#jobs.delete(job.id);
      this.#finish(job, { status: 'failed', error: shutdownError(false) });
    }
    await Promise.race([Promise.allSettled([...this.#runs]), graceOver]);
    clearTimeout(this.#graceTimer);
    for (const job of [...this.#jobs.values()]) {
      const started = job.dequeuedAt !== undefined;
      this.#finish(job, {
        status: 'failed',
        error: shutdownError(started),
        ...(started ? { execution_time: isoDuration(performance.now() - (job.dequeuedAt as number)) } : {}),
      });
      job.controller.abort(new ServerClosing('server closing'));
    }
    this.#state = 'closed';
    for (const settle of [...this.#waiters]) settle();
  }

  #pump(): void {
    while (this.#state === 'open' && this.#running < this.options.concurrency && this.#queue.length > 0) {
      const job = this.#queue.shift() as Job;
      this.#running++;
      const run = this.#execute(job).finally(() => {
        this.#running--;
        this.#jobs.delete(job.id);
        this.#runs.delete(run);
        this.#pump();
      });
      this.#runs.add(run);
    }
  }

  async #execute(job: Job): Promise<void> {
    const { timeScale, maxRunTimeMs } = this.options;
    const { signal } = job.controller;
    const dequeuedAt = performance.now();
    job.dequeuedAt = dequeuedAt;
    const overtime = setTimeout(
      () => job.controller.abort(new RunTimeExceeded('maximum run time exceeded')),
      maxRunTimeMs,
    );
    const sleep = (ms: number) => abortableSleep(ms * timeScale, signal);
    let startedAt = dequeuedAt;
    try {
      const setupMs = this.#warm.has(job.version) ? 0 : (job.version.setupMs ?? 0);
      if (setupMs > 0) {
        this.#patch(job.id, (p) => ({ setup_logs: [...(p.setup_logs ?? []), 'Starting container…'] }));
        await sleep(setupMs);
        this.#patch(job.id, (p) => ({ setup_logs: [...(p.setup_logs ?? []), 'Model loaded.'] }));
        this.#warm.add(job.version);
      }
      startedAt = performance.now();
      job.started = true;
      const started = this.#patch(job.id, () => ({
        status: 'started',
        setup_time: isoDuration(startedAt - dequeuedAt),
        started_at: isoTimestamp(),
      }));
      const input = this.#checkedInput(job, started);
      const context = this.#context(job, input, sleep);
      const output = await untilAborted(job.version.run(context), signal);
      this.#finish(job, {
        status: 'succeeded',
        output,
        execution_time: isoDuration(performance.now() - startedAt),
      });
    } catch (error) {
      if (signal.reason instanceof ServerClosing) return;
      const execution_time = isoDuration(performance.now() - startedAt);
      if (job.cancelRequested) {
        this.#finish(job, { status: 'canceled', error: canceledError(), execution_time });
      } else if (job.deadlinePassed) {
        this.#finish(
          job,
          job.started
            ? { status: 'canceled', error: deadlineError(true), execution_time }
            : { status: 'aborted', error: deadlineError(false) },
        );
      } else if (signal.reason instanceof RunTimeExceeded) {
        this.#finish(job, {
          status: 'failed',
          execution_time,
          error: {
            source: 'internal',
            message: `Prediction ran longer than the maximum run time of ${minutes(maxRunTimeMs)} and was stopped.`,
            detail: null,
          },
        });
      } else {
        const message = error instanceof Error ? error.message : String(error);
        const detail = (error as { detail?: unknown })?.detail ?? null;
        this.#finish(job, {
          status: 'failed',
          execution_time,
          error: { source: errorSource(error), message, detail },
        });
      }
    } finally {
      clearTimeout(overtime);
    }
  }

  /** Without `Validate-Input`, a bad input is found here and fails the prediction as the caller's fault. */
  #checkedInput(job: Job, prediction: PredictionRecord): Record<string, unknown> {
    const schema = job.version.input;
    const input = (prediction.input ?? {}) as Record<string, unknown>;
    if (!job.inputValidated) {
      const issues = validateAgainstSchema(schema, input, ['input']);
      if (issues.length > 0) {
        // the message names the first few; `detail` has them all
        const summary = issues
          .slice(0, 10)
          .map((issue) => `${issue.loc.slice(1).join('.')}: ${issue.msg}`)
          .concat(issues.length > 10 ? [`and ${issues.length - 10} more`] : [])
          .join('; ');
        throw Object.assign(new Error(`Invalid input: ${summary}.`), { source: 'external', detail: issues });
      }
    }
    return applyDefaults(schema, input);
  }

  #context(job: Job, input: Record<string, unknown>, sleep: (ms: number) => Promise<void>): ModelContext {
    const { store, events } = this.options;
    const origin = job.origin;
    return {
      input,
      signal: job.controller.signal,
      sleep,
      log: (line) => {
        // a stopped model that keeps talking is not heard: its prediction is finished
        if (job.controller.signal.aborted) return;
        const next = this.#patch(job.id, (p) => ({ logs: [...(p.logs ?? []), line] }), false);
        events.publish(job.id, 'logs', line);
        this.#tellWebhook(next, 'logs');
      },
      emit: (chunk) => {
        if (job.controller.signal.aborted) return;
        const next = this.#patch(
          job.id,
          (p) => ({ output: [...(Array.isArray(p.output) ? p.output : []), chunk] }),
          false,
        );
        events.publish(job.id, 'output', chunk);
        this.#tellWebhook(next, 'output');
      },
      saveFile: async (bytes, contentType) => saveFile(store, origin, bytes, contentType),
      readFile: async (uri) => {
        if (uri.startsWith('data:')) {
          try {
            return decodeDataUri(uri);
          } catch (error) {
            throw Object.assign(new Error(`Input file: ${(error as Error).message}.`), {
              source: 'external',
            });
          }
        }
        const file = this.options.ownFile(uri, origin);
        if (!file) throw Object.assign(new Error(`Input file not found: ${uri}`), { source: 'external' });
        return { bytes: file.bytes, contentType: file.contentType };
      },
    };
  }

  /**
   * Applies a change, stores it, and (for status changes, unless `announce` is false) publishes the
   * whole prediction to streams and webhooks.
   */
  #patch(
    id: string,
    change: (p: PredictionRecord) => Partial<PredictionRecord>,
    announce = true,
  ): PredictionRecord {
    const previous = this.get(id);
    // a finished prediction never changes again, even if a model ignores its signal and keeps writing
    if (isTerminal(previous.status)) return previous;
    const next: PredictionRecord = { ...previous, ...change(previous), updated_at: isoTimestamp() };
    this.options.store.update(next);
    if (announce && next.status !== previous.status) this.#announce(next);
    return next;
  }

  #finish(job: Job, change: Partial<PredictionRecord>): PredictionRecord {
    // announced once: a second finish (a model ending as the server stops it) changes nothing
    const current = this.get(job.id);
    if (isTerminal(current.status)) return current;
    clearTimeout(job.deadlineTimer);
    const final = this.#patch(job.id, () => ({ ...change, completed_at: isoTimestamp() }), false);
    this.#announce(final);
    this.options.events.publish(job.id, 'done', final);
    this.#webhookOf.delete(job.id);
    return final;
  }

  #announce(prediction: PredictionRecord): void {
    this.options.events.publish(prediction.id, 'prediction', prediction);
    this.#tellWebhook(prediction, 'status');
  }

  #tellWebhook(prediction: PredictionRecord, change: PredictionChange): void {
    const webhook = this.#webhookOf.get(prediction.id);
    if (webhook) this.options.notify(webhook, prediction, change);
  }
}

function canceledError(): PredictionError {
  return { source: 'external', message: 'The prediction was canceled.', detail: null };
}

function deadlineError(started: boolean): PredictionError {
  return {
    source: 'external',
    message: started
      ? 'The prediction was canceled: its deadline (Cancel-After) passed while it ran.'
      : 'The prediction was aborted: its deadline (Cancel-After) passed before it started.',
    detail: null,
  };
}

/** Ends with the signal's reason as soon as it aborts, even if the model ignores its signal. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
