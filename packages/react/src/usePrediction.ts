'use client';

import {
  isTerminal,
  isTransient,
  type PollInterval,
  type Prediction,
  type PredictionStatus,
  pollDelay,
  retryDelay,
} from '@predictkit/core';
import { focusManager, skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { acquireWatcher } from './acquireWatcher';
import { displayStatus } from './displayStatus';
import { usePredictKitClient } from './PredictKitProvider';
import { predictionKeys } from './predictionKeys';
import { predictionQueryOptions } from './predictionQueryOptions';
import { useLatest } from './useLatest';
import { metaKey, setMeta, type WatchMeta } from './writePrediction';

export interface UsePredictionOptions<TInput = Record<string, unknown>, TOutput = unknown> {
  /** Default `true`; `false` neither fetches nor watches (cached data is still returned). */
  enabled?: boolean | undefined;
  /**
   * Milliseconds between polls: a number, or a function of the last snapshot and the attempt.
   * Default: core's `defaultPollInterval` (progress in the logs, the model's recent run times, the age).
   */
  interval?: PollInterval | undefined;
  /** `'auto'` (default): follow `urls.stream` when the prediction has one and the runtime can read streams; `true`: whenever it has one; `false`: poll. */
  stream?: 'auto' | boolean | undefined;
  /** Keep watching while the tab is hidden. Default `true`: a job should finish whether or not someone looks. */
  background?: boolean | undefined;
  /** Each new snapshot this component renders. */
  onUpdate?: ((prediction: Prediction<TInput, TOutput>) => void) | undefined;
  /** Once per id: the prediction reached a terminal status, or a request failed for good (not while retrying). */
  onSettled?:
    | ((prediction: Prediction<TInput, TOutput> | undefined, error: Error | null) => void)
    | undefined;
}

export interface UsePredictionResult<TInput = Record<string, unknown>, TOutput = unknown> {
  prediction: Prediction<TInput, TOutput> | undefined;
  /** The prediction's status, or `'canceling'` from a cancel request until the server confirms the end. */
  status: PredictionStatus | 'canceling' | undefined;
  isTerminal: boolean;
  isCanceling: boolean;
  output: TOutput | null | undefined;
  /**
   * A request's failure (fetching or watching); the prediction's own failure is `prediction.error`.
   * While `isRetrying`, the failure watching keeps retrying after, cleared by the next answer.
   */
  error: Error | null;
  /** Watching goes on through a lost connection, a request timeout or a `5xx`: the UI can say "reconnecting…". */
  isRetrying: boolean;
  /** The first fetch is under way. */
  isLoading: boolean;
  /** Fetches again and, after a `4xx` stopped watching, watches again. */
  refetch: () => Promise<Prediction<TInput, TOutput> | undefined>;
}

/**
 * The live prediction: fetched once, then followed to its end by core's watcher (the stream when
 * the prediction has `urls.stream`, else polls), which writes each snapshot into the query cache.
 * Any number of components watching one id share one fetch and one poller or stream.
 */
export function usePrediction<TInput = Record<string, unknown>, TOutput = unknown>(
  id: string | null | undefined,
  options: UsePredictionOptions<TInput, TOutput> = {},
): UsePredictionResult<TInput, TOutput> {
  const client = usePredictKitClient();
  const qc = useQueryClient();
  const latest = useLatest(options);
  const { enabled = true, stream = 'auto', background = true } = options;
  const key = id ?? '';
  const on = enabled && !!id;
  const {
    data: prediction,
    error: queryError,
    failureReason,
    isLoading,
    refetch: refetchQuery,
  } = useQuery({
    ...predictionQueryOptions<TInput, TOutput>(client, key),
    enabled: on,
    // The watcher keeps the data current: no refetching on mount, focus or reconnect.
    staleTime: Number.POSITIVE_INFINITY,
    // Before there is anything to watch, the first fetch goes on through an outage as watching
    // does, on top of the client's own retries and with watching's waits; a `4xx` stops it.
    retry: (_, error) => isTransient(error),
    retryDelay: (failures, error) => retryDelay(error, failures),
  });
  const meta = useQuery<WatchMeta>({ queryKey: metaKey(client, key), queryFn: skipToken }).data;
  const visible = useSyncExternalStore(
    focusManager.subscribe,
    () => focusManager.isFocused(),
    () => true,
  );
  const done = isTerminal(prediction?.status);
  // What stopped fetching or watching; a failure that watching retries after is shown but stops nothing.
  const failed = queryError ?? meta?.error ?? null;
  const retrying = !failed && (meta?.retrying ?? (prediction ? undefined : failureReason));
  const active = on && !!prediction && !done && !meta?.error && (background || visible);

  useEffect(() => {
    const seed = qc.getQueryData<Prediction>(predictionKeys.detail(client, key));
    if (!active || !seed) return;
    return acquireWatcher(qc, client, seed, {
      interval: (last, attempt) => pollDelay(latest.current.interval, last, attempt),
      stream: stream === true || (stream && typeof TextDecoderStream === 'function'),
    });
  }, [active, stream, qc, client, key]);

  const seen = useRef<unknown>(undefined);
  const settled = useRef<string>(undefined);
  useEffect(() => {
    const { onUpdate, onSettled } = latest.current;
    if (prediction && prediction !== seen.current) {
      seen.current = prediction;
      onUpdate?.(prediction);
    }
    if ((done || failed) && settled.current !== key) {
      settled.current = key;
      onSettled?.(prediction, failed);
    }
  }, [prediction, done, failed, key]);

  const refetch = useCallback(async () => {
    setMeta(qc, client, key, { error: undefined });
    return (await refetchQuery()).data;
  }, [qc, client, key, refetchQuery]);

  const status = displayStatus({ prediction, canceling: meta?.canceling });
  return {
    prediction,
    status,
    isTerminal: done,
    isCanceling: status === 'canceling',
    output: prediction?.output,
    error: failed ?? (retrying || null),
    isRetrying: !!retrying,
    isLoading,
    refetch,
  };
}
