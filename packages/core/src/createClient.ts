import type { input as ZodInput, ZodType } from 'zod';
import { catalogApi, type ModelsApi } from './catalogApi';
import { type BaseClient, type CallOptions, type ClientOptions, createBaseClient } from './createBaseClient';
import type { WatchOptions } from './createPredictionWatcher';
import type { SseEvent } from './createSseParser';
import type { ModelDefinition } from './defineModel';
import { paginate } from './paginate';
import {
  type CreatePredictionOptions,
  cancelPrediction,
  createPrediction,
  getPrediction,
  listPredictions,
  type RunOptions,
  runPrediction,
  type StreamOptions,
  streamPrediction,
  type TypedPrediction,
  type WaitOptions,
  waitForPrediction,
  watchPrediction,
} from './predictions';
import type { PageParams } from './provider';
import type { Hardware, ModelCategory, ModelRef, Page, Prediction, PredictionListItem, User } from './types';

type Params = PageParams & CallOptions;

/** The prediction operations as methods; each is also exported as a standalone function (named in brackets). */
export interface PredictionsApi {
  /** (`createPrediction`) */
  create<I extends ZodType, O extends ZodType>(
    options: CreatePredictionOptions<ModelDefinition<I, O>, ZodInput<I>>,
  ): Promise<TypedPrediction<I, O>>;
  create<TInput = Record<string, unknown>, TOutput = unknown>(
    options: CreatePredictionOptions<string | ModelRef, TInput>,
  ): Promise<Prediction<TInput, TOutput>>;
  /** (`getPrediction`) */
  get<TInput = Record<string, unknown>, TOutput = unknown>(
    id: string,
    options?: CallOptions,
  ): Promise<Prediction<TInput, TOutput>>;
  /** One page, newest first (`listPredictions`). */
  list(params?: Params): Promise<Page<PredictionListItem>>;
  /** Every prediction across pages (`paginate` over `list`). */
  iterate(params?: Params): AsyncGenerator<PredictionListItem, void, undefined>;
  /** (`cancelPrediction`) */
  cancel<TInput = Record<string, unknown>, TOutput = unknown>(
    id: string,
    options?: CallOptions,
  ): Promise<Prediction<TInput, TOutput>>;
  /** The terminal prediction (`waitForPrediction`). */
  wait<TInput = Record<string, unknown>, TOutput = unknown>(
    target: string | Prediction<TInput, TOutput>,
    options?: WaitOptions<Prediction<TInput, TOutput>>,
  ): Promise<Prediction<TInput, TOutput>>;
  /** Each new snapshot until the end (`watchPrediction`). */
  watch<TInput = Record<string, unknown>, TOutput = unknown>(
    target: string | Prediction<TInput, TOutput>,
    options?: WatchOptions,
  ): AsyncGenerator<Prediction<TInput, TOutput>, void, undefined>;
  /** The raw events of one stream connection (`streamPrediction`). */
  stream(
    target: string | Prediction<unknown, unknown>,
    options?: StreamOptions,
  ): AsyncGenerator<SseEvent, void, undefined>;
}

export interface Client extends BaseClient {
  readonly predictions: PredictionsApi;
  readonly models: ModelsApi;
  readonly hardware: { list(params?: Params): Promise<Page<Hardware>> };
  readonly modelCategories: { list(params?: Params): Promise<Page<ModelCategory>> };
  /** The user the token belongs to. */
  readonly user: { get(options?: CallOptions): Promise<User> };
  /** Create with `Prefer: wait`, then wait for the end: always a terminal prediction or an error (`runPrediction`). */
  run<I extends ZodType, O extends ZodType>(
    model: ModelDefinition<I, O>,
    input: ZodInput<I>,
    options?: RunOptions<TypedPrediction<I, O>>,
  ): Promise<TypedPrediction<I, O>>;
  run<TInput = Record<string, unknown>, TOutput = unknown>(
    model: string | ModelRef,
    input: TInput,
    options?: RunOptions<Prediction<TInput, TOutput>>,
  ): Promise<Prediction<TInput, TOutput>>;
}

/** Any standalone operation; `Client`'s declared method types are what callers see. */
type Operation = (client: BaseClient, ...args: never[]) => unknown;

/**
 * The full client: every operation as a method, grouped (`predictions`, `models`, `hardware`,
 * `modelCategories`, `user`, `run`). Bundles that use a few operations only can import
 * `createBaseClient` and the standalone functions instead.
 */
export function createClient(options?: ClientOptions): Client {
  const base = createBaseClient(options);
  const b =
    (fn: Operation) =>
    (...args: unknown[]) =>
      fn(client, ...(args as never[]));
  const client: Client = {
    ...base,
    predictions: {
      create: b(createPrediction),
      get: b(getPrediction),
      list: b(listPredictions),
      iterate: (params?: Params) => paginate(client.predictions.list, params),
      cancel: b(cancelPrediction),
      wait: b(waitForPrediction),
      watch: b(watchPrediction),
      stream: b(streamPrediction),
    },
    ...catalogApi(base),
    run: b(runPrediction),
  } as unknown as Client;
  return client;
}
