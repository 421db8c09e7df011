/**
 * Standard Webhooks (the scheme Replicate signs with): `webhook-id`, `webhook-timestamp` and
 * `webhook-signature: v1,<base64> [v1,<base64> …]`, each signature base64(HMAC-SHA256(key,
 * "<id>.<timestamp>.<raw body>")) with the key the base64 after `whsec_`. Web Crypto only.
 */

import { invalid } from '../errors';
import type { Provider } from '../provider';
import type { Prediction } from '../types';
import { hmacSha256 } from './hmacSha256';
import {
  checkDelivery,
  checkSignatures,
  checkTimestamp,
  readDelivery,
  WebhookSignatureMissingError,
  WebhookTimestampMissingError,
  WebhookVerificationError,
} from './webhook';

/**
 * The headers of a Standard Webhooks delivery, as `signStandardWebhook` gives them (a type rather
 * than an interface, so that they pass as `headers` to `verifyStandardWebhook` too).
 */
export type StandardWebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** The delivery has no `webhook-id` header: nothing was signed that can be checked. */
export class WebhookIdMissingError extends WebhookVerificationError {
  override name = 'WebhookIdMissingError';
}

/** The signing key: the base64 after `whsec_` (a secret without the prefix is read as base64 too). */
export function signingKey(at: string, secret: string): Uint8Array {
  try {
    const key = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
    if (key.length) return key;
  } catch {}
  throw new TypeError(`${at}: \`secret\` must be \`whsec_\` followed by base64, as the service shows it.`);
}

const sign = async (key: Uint8Array, id: string, timestamp: string, body: string | Uint8Array) =>
  btoa(String.fromCharCode(...(await hmacSha256(key, `${id}.${timestamp}.`, body))));

export interface SignStandardWebhookOptions {
  /** The raw body exactly as it will be sent. */
  body: string | Uint8Array;
  /** `whsec_<base64>`; several while rotating keys: each adds a `v1,` signature. */
  secret: string | string[];
  /** The message id, the same on every retry of one delivery; default `msg_` and a random UUID. */
  id?: string | undefined;
  /** Unix seconds; default now. */
  timestamp?: number | undefined;
}

/** The three headers of a Standard Webhooks delivery of `body`. */
export async function signStandardWebhook({
  body,
  secret,
  id = `msg_${crypto.randomUUID()}`,
  timestamp = Math.floor(Date.now() / 1000),
}: SignStandardWebhookOptions): Promise<StandardWebhookHeaders> {
  const at = 'signStandardWebhook';
  const keys = [secret].flat().map((s) => signingKey(at, s));
  if (!keys.length) throw new TypeError(`${at}: \`secret\` must be a secret or a non-empty list of them.`);
  if (typeof id !== 'string' || !id) throw invalid(at, 'id', 'a non-empty string', id);
  if (!Number.isInteger(timestamp) || timestamp < 0) {
    throw invalid(at, 'timestamp', 'whole Unix seconds', timestamp);
  }
  const signatures = await Promise.all(keys.map((key) => sign(key, id, `${timestamp}`, body)));
  return {
    'webhook-id': id,
    'webhook-timestamp': `${timestamp}`,
    'webhook-signature': signatures.map((s) => `v1,${s}`).join(' '),
  };
}

export interface VerifyStandardWebhookOptions {
  /** The raw body exactly as received: `await request.text()` (or the bytes), before any JSON parsing. */
  body: string | Uint8Array | ArrayBuffer;
  /** The request's headers: `request.headers`, or Node's `req.headers`. */
  headers: Headers | Record<string, string | string[] | null | undefined>;
  /** `whsec_<base64>`; several while rotating keys (any one may match). */
  secret: string | string[];
  /** The service that sent it, whose prediction the body is: `replicate` from `@predictkit/core/replicate`. */
  provider: Provider;
  /** How far `webhook-timestamp` may be from now. Default 300. */
  toleranceSeconds?: number | undefined;
  /** The current time, in Unix seconds or as a `Date`; default now. */
  now?: number | Date | undefined;
}

export interface StandardWebhook<TInput = Record<string, unknown>, TOutput = unknown> {
  /** `webhook-id`: the same on every retry of a delivery, so a handler can skip one it has seen. */
  webhookId: string;
  /** `webhook-timestamp`, Unix seconds. */
  timestamp: number;
  /** The body, mapped by the provider like any answer of its API. */
  prediction: Prediction<TInput, TOutput>;
}

/**
 * Verifies a Standard Webhooks delivery: any `v1` signature may match under any secret, each
 * compared in constant time, and the timestamp must be within the tolerance (exactly: no rounding).
 * Throws a `WebhookVerificationError` subclass: `WebhookIdMissingError`,
 * `WebhookTimestampMissingError`, `WebhookSignatureMissingError`,
 * `WebhookTimestampOutOfToleranceError` or `WebhookSignatureMismatchError`.
 */
export async function verifyStandardWebhook<TInput = Record<string, unknown>, TOutput = unknown>(
  options: VerifyStandardWebhookOptions,
): Promise<StandardWebhook<TInput, TOutput>> {
  const at = 'verifyStandardWebhook';
  const { bytes, secrets, seconds, tolerance } = checkDelivery(at, options);
  const { headers, provider } = options;
  if (typeof provider?.mapPrediction !== 'function') {
    throw invalid(at, 'provider', 'the provider of the service that sent it, such as `replicate`', provider);
  }
  const keys = secrets.map((s) => signingKey(at, s));
  if (!headers || typeof headers !== 'object') {
    throw invalid(at, 'headers', 'the request headers: a Headers object or a plain object', headers);
  }
  const header = (name: string) => {
    const value =
      typeof headers.get === 'function'
        ? (headers as Headers).get(name)
        : // A plain object may spell the name in any case; Node gives a repeated header as a list.
          [
            (headers as Record<string, unknown>)[Object.keys(headers).find((k) => k.toLowerCase() === name)!],
          ].flat()[0];
    return typeof value === 'string' ? value : '';
  };
  const id = header('webhook-id');
  const timestamp = header('webhook-timestamp');
  const signature = header('webhook-signature');
  if (!id) {
    throw new WebhookIdMissingError(
      `${at}: no webhook-id header. Pass the request's headers as received; is this request from the service?`,
    );
  }
  if (!/^\d+$/.test(timestamp)) {
    throw new WebhookTimestampMissingError(
      timestamp
        ? `${at}: the webhook-timestamp header is not Unix seconds. Pass the header exactly as received.`
        : `${at}: no webhook-timestamp header. Pass the request's headers as received.`,
    );
  }
  // Space-separated `version,signature` pairs; versions other than v1 (v1a is asymmetric) are skipped.
  const candidates = signature
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => entry.slice(3));
  if (!candidates.length) {
    throw new WebhookSignatureMissingError(
      `${at}: the webhook-signature header has no \`v1,\` signature, the only scheme this verifies.`,
    );
  }
  checkTimestamp(at, seconds, timestamp, tolerance);
  await checkSignatures(at, keys, (key) => sign(key, id, timestamp, bytes), candidates);
  return {
    webhookId: id,
    timestamp: +timestamp,
    prediction: readDelivery(at, bytes, provider.mapPrediction) as Prediction<TInput, TOutput>,
  };
}
