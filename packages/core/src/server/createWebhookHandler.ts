import { CHECKED_APART, checkOptions, isFunction, MS, type Rule } from '../checkOptions';
import { invalid, PredictKitError } from '../errors';
import type { Provider } from '../provider';
import type { Prediction } from '../types';
import { wriftaiService } from '../wriftai';
import { handToSinks, type PredictionSink, sinksProblem } from './PredictionSink';
import { readCapped } from './readCapped';
import { signingKey, verifyStandardWebhook } from './standardWebhook';
import { toHex } from './toHex';
import { checkTolerance, verifyWebhook, WEBHOOK_SIGNATURE_HEADER, WebhookVerificationError } from './webhook';

export interface WebhookHandlerOptions {
  /**
   * WriftAI's secret (the `webhook.secret` you set on creates), or Replicate's `whsec_…` (its
   * `GET /v1/webhooks/default/secret`); several while rotating keys. An absent one (a build without
   * the server's secrets) fails each delivery (`500`, told to `onError`), not the module's loading.
   */
  secret: string | string[];
  /**
   * The service that sends the deliveries: WriftAI's by default (signed with
   * `wriftai-webhook-signature`); `replicate` from `@predictkit/core/replicate` (Standard Webhooks).
   */
  provider?: Pick<Provider, 'name' | 'mapPrediction'> | undefined;
  /** Where each finished prediction goes, such as `createWeaveLogger`'s logger. */
  sinks?: PredictionSink[] | undefined;
  /** Told of every verified delivery, finished or not, and awaited before the answer. */
  onPrediction?: (prediction: Prediction, delivery: { id: string | undefined }) => unknown;
  /** How far the delivery's timestamp may be from now, in seconds. Default 300. */
  toleranceSeconds?: number | undefined;
  /** The largest body taken. Default 10 MiB. */
  maxBodyBytes?: number | undefined;
  /** Told of a failure in a sink or in `onPrediction`. Default `console.error`. */
  onError?: ((error: unknown) => void) | undefined;
}

/** Deliveries whose `webhook-id` was seen: a service retries one it thinks was lost. */
const SEEN_DELIVERIES = 10_000;

/** The options by name, so that a misspelt one (`onprediction`) is refused rather than ignored. */
const OPTIONS: Record<keyof WebhookHandlerOptions, Rule> = {
  secret: CHECKED_APART,
  provider: CHECKED_APART,
  sinks: CHECKED_APART,
  onPrediction: [isFunction, 'a function'],
  toleranceSeconds: CHECKED_APART,
  maxBodyBytes: MS,
  onError: [isFunction, 'a function'],
};

const answer = (status: number, detail: string) => Response.json({ detail }, { status });

/**
 * A `Request → Response` handler for a service's webhook deliveries: it reads the body (within
 * `maxBodyBytes`), verifies the signature with the service's scheme (`401` if it fails: the body
 * is never trusted before), maps the prediction as the client does, tells `onPrediction`, hands a
 * finished prediction to the `sinks`, and answers `200`. A Standard Webhooks delivery handled before
 * (the same `webhook-id`, a retry) is answered `200` and not handled again; one still being handled
 * is waited for. Mount it on a route of the server that holds the secret, e.g.
 * `export const POST = createWebhookHandler({ … })`.
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  const at = 'createWebhookHandler';
  checkOptions(at, options, OPTIONS, true);
  const {
    secret,
    provider = wriftaiService,
    sinks = [],
    onPrediction,
    toleranceSeconds,
    maxBodyBytes = 10_485_760,
    onError = (error: unknown) => console.error(`${at}:`, error),
  } = options;
  // A framework may load this module to build the app, without the server's secrets: an absent
  // secret (or a list of absent ones, while rotating) is refused at each delivery, a `500` the
  // service retries and `onError` is told of; a wrong one is refused at once.
  const secrets = [secret].flat();
  const noSecret = () => invalid(at, 'secret', 'the webhook secret, or a non-empty list of them', secret);
  const absent = secrets.length > 0 && secrets.every((s) => s === undefined);
  if (!absent && !(secrets.length && secrets.every((s) => typeof s === 'string' && s !== ''))) {
    throw noSecret();
  }
  if (typeof provider?.mapPrediction !== 'function') {
    throw invalid(at, 'provider', '`wriftai` or `replicate`', provider);
  }
  const problem = sinksProblem('sinks', sinks);
  if (problem) throw new TypeError(`${at}: ${problem}`);
  if (toleranceSeconds !== undefined) checkTolerance(at, toleranceSeconds);
  const standard = provider.name !== wriftaiService.name;
  // A Standard Webhooks secret that is no `whsec_` key would fail every delivery: refused now.
  if (standard && !absent) for (const s of secrets) signingKey(at, s);
  /**
   * By delivery, whether it was handled: a retry that comes while the first try is still running
   * waits for it, and is handled itself if that try failed (a `200` then would lose it). A Standard
   * Webhooks delivery is named by its `webhook-id`; a WriftAI one, which has none, by its body's
   * SHA-256 (a retry is signed again, with a new timestamp), so that neither a retry nor a replay
   * within the tolerance is handled again.
   */
  const seen = new Map<string, Promise<boolean>>();

  return async (request) => {
    if (absent) {
      onError(noSecret());
      return answer(500, 'The delivery could not be handled; the server log says why.');
    }
    if (request.method !== 'POST') return answer(405, 'Webhook deliveries are POSTed.');
    const body = await readCapped(request, maxBodyBytes);
    if (!body) return answer(413, `The delivery is over ${maxBodyBytes} bytes.`);
    let prediction: Prediction;
    let id: string | undefined;
    let key: string;
    try {
      if (standard) {
        const delivery = await verifyStandardWebhook({
          body,
          headers: request.headers,
          secret: secrets,
          provider: provider as Provider,
          toleranceSeconds,
        });
        ({ prediction } = delivery);
        id = key = delivery.webhookId;
      } else {
        prediction = await verifyWebhook({
          body,
          signature: request.headers.get(WEBHOOK_SIGNATURE_HEADER),
          secret: secrets,
          toleranceSeconds,
        });
        key = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', body as BufferSource)));
      }
    } catch (error) {
      if (error instanceof WebhookVerificationError) return answer(401, error.message);
      if (error instanceof PredictKitError) return answer(400, error.message);
      throw error;
    }
    for (let earlier = seen.get(key); earlier; earlier = seen.get(key)) {
      if (await earlier) return answer(200, 'Already received.');
    }
    if (seen.size >= SEEN_DELIVERIES) seen.delete(seen.keys().next().value!);
    let handled!: (ok: boolean) => void;
    const mine = new Promise<boolean>((resolve) => (handled = resolve));
    seen.set(key, mine);
    try {
      await onPrediction?.(prediction, { id });
    } catch (error) {
      // Answered 500 so that the service delivers it again; forgotten, so that the retry is handled
      // (unless a retry already took its place, once so many deliveries came that it was dropped).
      if (seen.get(key) === mine) seen.delete(key);
      handled(false);
      onError(error);
      return answer(500, 'The delivery could not be handled; the server log says why.');
    }
    handled(true);
    handToSinks(sinks, prediction, onError);
    return answer(200, 'Received.');
  };
}
