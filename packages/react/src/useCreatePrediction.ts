'use client';

import {
  type CreatePredictionOptions,
  type CreateRequestOptions,
  createPrediction,
  isTerminal,
  type ModelDefinition,
  type ModelInput,
  type ModelRef,
  mayHaveHappened,
  type Prediction,
  type TypedPrediction,
  type WebhookConfig,
} from '@predictkit/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type DisplayStatus, displayStatus } from './displayStatus';
import { usePredictKitClient } from './PredictKitProvider';
import { predictionKeys } from './predictionKeys';
import { useCancelPrediction } from './useCancelPrediction';
import { useLatest } from './useLatest';
import { type UsePredictionOptions, type UsePredictionResult, usePrediction } from './usePrediction';
import { addToLists, writePrediction } from './writePrediction';

export interface CreateOptions {
  /**
   * `owner/name`, a version (`owner/name:N` on WriftAI; `owner/name:<id>` or the bare 64-hex id on
   * Replicate), a `ModelRef` or a `defineModel` model. A call's `model` or `deployment` replaces the hook's.
   */
  model?: string | ModelRef | ModelDefinition | undefined;
  /** Replicate: a deployment (`owner/name`) to run in place of a model. */
  deployment?: string | ModelRef | undefined;
  /** Hold the create request up to this many seconds (1..60) for the prediction to finish (`Prefer: wait`). */
  wait?: number | undefined;
  /** Have the server check the input against the version's schema first: a `422` `ValidationError` with `issues`. */
  validateInput?: boolean | undefined;
  /** `{ url, secret? }` on WriftAI, `{ url, events? }` on Replicate. */
  webhook?: WebhookConfig | undefined;
  /**
   * Replicate: cancel the prediction if it is not done this long after it was created
   * (`Cancel-After`): seconds, or a duration such as `"90s"` or `"1h30m"`.
   */
  cancelAfter?: CreateRequestOptions['cancelAfter'] | undefined;
}

export interface UseCreatePredictionOptions<TInput = Record<string, unknown>, TOutput = unknown>
  extends Omit<UsePredictionOptions<TInput, TOutput>, 'enabled'>,
    Omit<CreateOptions, 'model'> {}

/**
 * `idle` → `creating` → the prediction's statuses; `error` when creating failed; `stopped` after
 * `stop()` once a prediction was created (`idle` when `stop()` aborted its create: there is none to show).
 */
export type CreateStatus = 'idle' | DisplayStatus;

export interface UseCreatePredictionResult<TInput = Record<string, unknown>, TOutput = unknown>
  extends Omit<UsePredictionResult<TInput, TOutput>, 'status'> {
  /** Creates a prediction and follows it; the created prediction, or `undefined` when creating failed (see `error`) or was stopped. */
  create(input: TInput, options?: CreateOptions): Promise<Prediction<TInput, TOutput> | undefined>;
  status: CreateStatus;
  isCreating: boolean;
  /**
   * A run is on: its create is on its way, or its prediction runs and is followed (not ended, not
   * stopped, its watch not failed for good; it may be retrying after a lost connection). What a
   * form waits for before another run.
   */
  isActive: boolean;
  /** The latest cancel's failure (also in `error`), until the next cancel or create. */
  cancelError: Error | null;
  /**
   * Asks the server to cancel the latest prediction (one still being created as soon as its create
   * answers, `canceling` meanwhile); the answer, or `undefined` (see `error`).
   */
  cancel(): Promise<Prediction<TInput, TOutput> | undefined>;
  /** Stops watching (and an unanswered create request), keeping what was received; the prediction may still run. */
  stop(): void;
  /** Back to `idle`. */
  reset(): void;
}

/** The output type of a `defineModel` model. */
export type ModelOutput<M extends ModelDefinition> =
  TypedPrediction<M['input'], M['output']> extends Prediction<unknown, infer O> ? O : never;

type Any = Record<string, unknown>;

/** One create: its answer, and the cancel on its way for it. */
interface Run {
  answer: Promise<Prediction | undefined>;
  cancel?: Promise<Prediction | undefined>;
}

/**
 * Creates predictions from an event handler (never from an effect, so StrictMode creates once)
 * and follows the latest one through `usePrediction`. The create answer seeds the detail cache and
 * goes first in the prediction lists.
 */
export function useCreatePrediction<M extends ModelDefinition>(
  model: M,
  options?: UseCreatePredictionOptions<ModelInput<M>, ModelOutput<M>>,
): UseCreatePredictionResult<ModelInput<M>, ModelOutput<M>>;
export function useCreatePrediction<TInput = Any, TOutput = unknown>(
  model?: string | ModelRef,
  options?: UseCreatePredictionOptions<TInput, TOutput>,
): UseCreatePredictionResult<TInput, TOutput>;
export function useCreatePrediction(
  model?: string | ModelRef | ModelDefinition,
  options: UseCreatePredictionOptions = {},
): UseCreatePredictionResult {
  const client = usePredictKitClient();
  const qc = useQueryClient();
  const latest = useLatest(options);
  const abort = useRef<AbortController>(undefined);
  const [stopped, setStopped] = useState(false);
  // The latest create, until `reset()`: `cancel` takes the id from its answer, which may not be
  // rendered yet.
  const latestCreate = useRef<Run>(undefined);
  // The same, for rendering: a ref is not read during render.
  const [current, setCurrent] = useState<Run>();
  // The create a cancel waits for (it is sent once the id is known): that run reads `canceling`.
  const [cancelWaitsFor, setCancelWaitsFor] = useState<Run>();
  const created = useMutation({
    // Never sent twice, whatever the app's defaults: a create whose answer was lost may have been
    // made (the error says so), and the client already retries what is safe to retry.
    retry: false,
    mutationFn: async ({ input, options: call }: { input: Any; options?: CreateOptions }) => {
      const { wait, validateInput, webhook, cancelAfter, deployment } = { ...latest.current, ...call };
      abort.current ??= new AbortController();
      const { signal } = abort.current;
      // Stopped or unmounted: the abort is ours, not a failure to report. An answer after it is
      // ignored too, as a `fetch` that does not follow its signal can still deliver one.
      try {
        const prediction = await createPrediction(client, {
          // A call that names a model or a deployment replaces both of the hook's, so that a hook
          // on a model can run a deployment for one call.
          ...(call?.model || call?.deployment ? call : { model, deployment }),
          input,
          wait,
          validateInput,
          webhook,
          cancelAfter,
          signal,
        } as CreatePredictionOptions<string>);
        if (signal.aborted) return;
        // A list page on its way (a reload, the next page) may have been read before this
        // prediction existed, and land without it: once it has, the prediction, as the cache knows
        // it by then, goes on top of a list that lacks it.
        const onTheWay = qc
          .getQueryCache()
          .findAll({ queryKey: predictionKeys.lists(client), fetchStatus: 'fetching' });
        writePrediction(qc, client, prediction, true);
        void Promise.allSettled(onTheWay.map((query) => query.promise)).then(() => {
          const latest = qc.getQueryData<Prediction>(predictionKeys.detail(client, prediction.id));
          addToLists(qc, client, latest ?? prediction);
        });
        return prediction;
      } catch (error) {
        if (!signal.aborted) throw error;
      }
    },
    // A create whose answer was lost may have been made: the lists look again, so that it shows.
    onError: (error) => {
      if (mayHaveHappened(error)) void qc.invalidateQueries({ queryKey: predictionKeys.lists(client) });
    },
  });
  const canceled = useCancelPrediction();
  const id = created.data?.id;
  const live = usePrediction(id, { ...options, enabled: !stopped });
  // Effects can run again after their cleanup (`<Activity>` hidden then shown, Fast Refresh): the
  // next create must not reuse the aborted controller.
  useEffect(
    () => () => {
      abort.current?.abort();
      abort.current = undefined;
    },
    [],
  );

  const { mutateAsync, reset: resetCreate } = created;
  const { mutateAsync: cancelAsync, reset: resetCancel } = canceled;
  const create = useCallback(
    (input: Any, call?: CreateOptions) => {
      setStopped(false);
      resetCancel();
      const answer = mutateAsync({ input, options: call }).catch(() => undefined);
      const run = { answer };
      latestCreate.current = run;
      setCurrent(run);
      return answer;
    },
    [mutateAsync, resetCancel],
  );
  const stop = useCallback(() => {
    abort.current?.abort();
    abort.current = undefined;
    setStopped(true);
  }, []);
  const reset = useCallback(() => {
    stop();
    setStopped(false);
    latestCreate.current = undefined;
    setCurrent(undefined);
    resetCreate();
    resetCancel();
  }, [stop, resetCreate, resetCancel]);
  const cancel = useCallback(async () => {
    const run = latestCreate.current;
    if (!run) return undefined;
    // The id comes with the create's answer, which may not have come (or been rendered) yet; calls
    // meanwhile share one cancel. A create that failed, was stopped or answered finished (within
    // `wait`) leaves nothing to cancel.
    run.cancel ??= (async () => {
      setCancelWaitsFor(run);
      try {
        const made = await run.answer;
        if (made && !isTerminal(made.status)) return await cancelAsync(made.id).catch(() => undefined);
      } finally {
        run.cancel = undefined;
        setCancelWaitsFor((waiting) => (waiting === run ? undefined : waiting));
      }
    })();
    return run.cancel;
  }, [cancelAsync]);

  const watchFailed = !!live.error && !live.isRetrying;
  // A cancel waiting for its create's answer counts as one on its way.
  const canceling = live.isCanceling || (cancelWaitsFor !== undefined && cancelWaitsFor === current);
  return {
    ...live,
    status:
      displayStatus({
        prediction: live.prediction,
        creating: created.isPending,
        createError: created.error,
        canceling,
        stopped,
      }) ?? 'idle',
    isCanceling: canceling,
    // A watch that failed for good says why following stopped, before a cancel's failure does.
    error: created.error ?? (watchFailed ? live.error : (canceled.error ?? live.error)),
    isCreating: created.isPending,
    isActive: created.isPending || (!!live.prediction && !live.isTerminal && !stopped && !watchFailed),
    cancelError: canceled.error,
    create,
    cancel,
    stop,
    reset,
  };
}
