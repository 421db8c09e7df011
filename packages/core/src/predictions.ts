import { CREATE_OPTIONS, checkOptions, PAGE_OPTIONS, WATCH_OPTIONS, WEBHOOK_FIELDS } from './checkOptions';
import type { CallOptions, Client } from './createClient';
// Not zod's own types: these declarations must compile in apps without zod, an optional peer.
import {
  isModelDefinition,
  type ModelDefinition,
  type SchemaInput as ZodInput,
  type SchemaOutput as ZodOutput,
  type ModelSchema as ZodType,
} from './defineModel';
import { invalid } from './errors';
import { followPrediction, type WatchOptions } from './followPrediction';
import { getPrediction } from './getPrediction';
import { isObject } from './isObject';
import { mapPageOf } from './mapPageOf';
import { type CreateRequestOptions, type PageParams, withQuery } from './provider';
import { requestOptions } from './requestOptions';
import type { ModelRef, Page, Prediction, PredictionListItem } from './types';
import { pageQuery } from './wriftai';

export type ModelArg = string | ModelRef | ModelDefinition;

/** A Replicate deployment, `owner/name`: where `runPrediction` takes a model. */
export interface DeploymentArg {
  deployment: string | ModelRef;
}

/** The prediction type of a `defineModel` model: its schemas' parsed input and output. */
export type TypedPrediction<I extends ZodType, O extends ZodType> = Prediction<ZodOutput<I>, ZodOutput<O>>;

interface CreateOptionsBase<TInput> extends CallOptions, CreateRequestOptions {
  input: TInput;
  /**
   * Hold the request up to this many seconds (1..60) for the prediction to finish (`Prefer: wait=N`);
   * `false`, or left out, sends it without holding.
   */
  wait?: number | false | undefined;
}

/**
 * What to run: a `model` (`owner/name`; a version: `owner/name:N` on WriftAI, `owner/name:<id>` or
 * the bare 64-hex id on Replicate; a `ModelRef`; a `defineModel` model, whose input is checked
 * before sending), or a Replicate `deployment` (`owner/name`). `webhook`: `{ url, secret? }` on
 * WriftAI, `{ url, events? }` on Replicate. `validateInput`: WriftAI's `Validate-Input: true`
 * (Replicate validates every input anyway). `cancelAfter`: Replicate's deadline (`Cancel-After`).
 */
export type CreatePredictionOptions<
  M extends ModelArg = ModelArg,
  TInput = Record<string, unknown>,
> = CreateOptionsBase<TInput> &
  ({ model: M; deployment?: undefined } | { deployment: string | ModelRef; model?: undefined });

export interface WaitOptions<P = Prediction> extends WatchOptions {
  /** Called with each new snapshot. */
  onUpdate?: ((prediction: P) => void) | undefined;
}

export interface RunOptions<P = Prediction> extends WaitOptions<P>, CreateRequestOptions {
  /**
   * Seconds the create request is held (`Prefer: wait`): default 60, or none when following a stream
   * (`stream`), whose events show the prediction as it runs; `false` holds it never.
   */
  wait?: number | false | undefined;
}

type AnyPrediction = Prediction<unknown, unknown>;

/**
 * Throws a `TypeError` naming the first value (`input.a.b[2]`) that JSON cannot carry as it is:
 * `JSON.stringify` would throw (a BigInt, a cycle) or quietly send something else (`null` for `NaN`
 * or for `undefined` in an array, nothing for a function). The input itself must be an object.
 */
function checkInput(at: string, value: unknown, path = 'input', parents: unknown[] = []): void {
  const v = typeof (value as Date)?.toJSON === 'function' ? (value as Date).toJSON() : value;
  const list = Array.isArray(v);
  if (!parents.length && (list || !isObject(v))) throw invalid(at, path, 'an object', v);
  if (!isObject(v)) {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v)) return;
    throw invalid(at, path, 'JSON', v);
  }
  if (parents.includes(v)) throw invalid(at, path, 'JSON', v, 'a circular reference');
  for (const key of list ? v.keys() : Object.keys(v)) {
    // `undefined` leaves an object out, and is `null` in an array.
    if (list || v[key as string] !== undefined) {
      checkInput(at, v[key as string], list ? `${path}[${key}]` : `${path}.${key}`, [...parents, v]);
    }
  }
}

/**
 * Creates a prediction on a model, a version or (Replicate) a deployment, on the route the provider
 * gives it. Never retried after a `5xx` or a lost connection.
 */
export function createPrediction<I extends ZodType, O extends ZodType>(
  client: Client,
  options: CreateOptionsBase<ZodInput<I>> & { model: ModelDefinition<I, O>; deployment?: undefined },
): Promise<TypedPrediction<I, O>>;
export function createPrediction<TInput = Record<string, unknown>, TOutput = unknown>(
  client: Client,
  options: CreatePredictionOptions<string | ModelRef, TInput>,
): Promise<Prediction<TInput, TOutput>>;
export async function createPrediction(
  client: Client,
  o: CreatePredictionOptions<ModelArg, unknown>,
): Promise<AnyPrediction> {
  const at = 'createPrediction';
  const { provider } = client;
  checkOptions(at, o, CREATE_OPTIONS, false, provider);
  const { model, input, wait, webhook } = o;
  if (webhook) checkOptions(at, webhook, WEBHOOK_FIELDS, true, provider, 'webhook.');
  checkInput(at, input);
  const definition = isModelDefinition(model);
  // The provider finds the route (a model, a version, a deployment) and builds what it sends.
  const { path, body, headers } = provider.createRequest({
    ...o,
    model: definition ? model.ref : model,
    input: definition ? model.parse('input', input, at) : input,
  });
  const raw = await client.request(
    'POST',
    path,
    requestOptions(client, at, o, {
      body,
      headers: wait ? { ...headers, prefer: `wait=${wait}` } : headers,
      timeoutMs: client.timeoutMs + (wait || 0) * 1000,
      unsure: 'it may have been created. Check listPredictions before creating it again',
    }),
  );
  return provider.mapPrediction(raw, at);
}

/** One page, newest first; list items leave out input, output, error and logs. */
export async function listPredictions(
  client: Client,
  params: PageParams & CallOptions = {},
): Promise<Page<PredictionListItem>> {
  const at = 'listPredictions';
  const { provider } = client;
  // Checked before the route reads them.
  const request = requestOptions(client, at, params, {}, PAGE_OPTIONS);
  // Both built-in services list on `/predictions` with the same query (Replicate lacks `pageSize`),
  // so neither provider carries a route that only lists use.
  const path = provider.routes.predictions?.(params) ?? withQuery('/predictions', pageQuery(params));
  const raw = await client.request('GET', path, request);
  return mapPageOf(provider, raw, at, provider.mapPrediction);
}

/** Asks the service to cancel (idempotent); the prediction ends `canceled` a little later. A finished one answers `409`. */
export async function cancelPrediction<TInput = Record<string, unknown>, TOutput = unknown>(
  client: Client,
  id: string,
  options?: CallOptions,
): Promise<Prediction<TInput, TOutput>> {
  const at = 'cancelPrediction';
  const raw = await client.request(
    'POST',
    client.provider.routes.cancelPrediction(id),
    requestOptions(client, at, options, { idempotent: true }),
  );
  // Services that accept with an empty `202` leave the prediction to be fetched.
  return raw == null
    ? getPrediction(client, id, options)
    : (client.provider.mapPrediction(raw, at) as Prediction<TInput, TOutput>);
}

/**
 * The terminal prediction, whatever its status; rejects with a `TimeoutError` (carrying the last
 * snapshot), the signal's `AbortError`, or a request's error. It polls; pass
 * `stream: streamPrediction` (`@predictkit/core/stream`) to follow `urls.stream` instead. It keeps
 * no state for a UI: see `createPredictionWatcher` for that.
 */
export async function waitForPrediction<TInput = Record<string, unknown>, TOutput = unknown>(
  client: Client,
  target: string | Prediction<TInput, TOutput>,
  options: WaitOptions<Prediction<TInput, TOutput>> = {},
): Promise<Prediction<TInput, TOutput>> {
  checkOptions('waitForPrediction', options, WATCH_OPTIONS);
  return waitSince(client, target, options);
}

/** `waitForPrediction` past its checks, its `timeoutMs` counted from `since` (a run's create). */
function waitSince<P extends AnyPrediction>(
  client: Client,
  target: string | P,
  options: WaitOptions<P>,
  since?: number,
): Promise<P> {
  // The snapshot in hand is the caller's already; one that only clears a transient failure is not new.
  let latest: unknown = target;
  return followPrediction(
    client,
    target,
    options,
    (event) => {
      if (event.type === 'snapshot' && event.prediction !== latest) {
        latest = event.prediction;
        options.onUpdate?.(event.prediction);
      }
    },
    since,
  ).result;
}

/**
 * Creates a prediction holding the request (`Prefer: wait`, 60 s by default; not when following a
 * stream), then waits for the end as `waitForPrediction` does. Always the terminal prediction (a failed one is returned: check
 * `status`) or an error. With a `defineModel` model, a succeeded output is parsed by its output schema.
 */
export function runPrediction<I extends ZodType, O extends ZodType>(
  client: Client,
  model: ModelDefinition<I, O>,
  input: ZodInput<I>,
  options?: RunOptions<TypedPrediction<I, O>>,
): Promise<TypedPrediction<I, O>>;
export function runPrediction<TInput = Record<string, unknown>, TOutput = unknown>(
  client: Client,
  model: string | ModelRef | DeploymentArg,
  input: TInput,
  options?: RunOptions<Prediction<TInput, TOutput>>,
): Promise<Prediction<TInput, TOutput>>;
export async function runPrediction(
  client: Client,
  model: ModelArg | DeploymentArg,
  input: unknown,
  o: RunOptions<AnyPrediction> = {},
): Promise<AnyPrediction> {
  checkOptions('runPrediction', o, { ...WATCH_OPTIONS, ...CREATE_OPTIONS }, false, client.provider);
  const since = Date.now();
  // A held create would show nothing until the end: a stream shows the prediction as it runs.
  const { webhook, validateInput, cancelAfter, wait = !o.stream && 60, signal } = o;
  let prediction: AnyPrediction = await createPrediction(client, {
    ...((model as DeploymentArg)?.deployment !== undefined
      ? (model as DeploymentArg)
      : { model: model as string }),
    input: input as Record<string, unknown>,
    webhook,
    validateInput,
    cancelAfter,
    // The hold is part of the run's `timeoutMs`: at most its whole seconds, none under one.
    wait: wait && (Math.min(wait, Math.floor((o.timeoutMs ?? Infinity) / 1000)) || false),
    signal,
  });
  o.onUpdate?.(prediction);
  // A terminal answer needs no request: the wait ends at once.
  prediction = await waitSince(client, prediction, o, since);
  if (isModelDefinition(model) && prediction.status === 'succeeded') {
    prediction = { ...prediction, output: model.parse('output', prediction.output, 'runPrediction') };
  }
  return prediction;
}
