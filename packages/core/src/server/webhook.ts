/**
 * Webhook signatures: `wriftai-webhook-signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, where each
 * `v1` is hex(HMAC-SHA256(secret, "<t>." + raw body)). Web Crypto only, so it runs everywhere.
 */

import { invalid, PredictKitError, UnexpectedResponseError } from '../errors';
import type { Mapper } from '../provider';
import type { Prediction } from '../types';
import { mapPrediction } from '../wriftai';
import { hmacSha256 } from './hmacSha256';
import { timingSafeEqual } from './timingSafeEqual';
import { toHex } from './toHex';

export const WEBHOOK_SIGNATURE_HEADER = 'wriftai-webhook-signature';

const encoder = new TextEncoder();

/** hex(HMAC-SHA256(key = secret, message = "<timestamp>." + body)); a timestamp given as text is signed as written. */
export async function computeWebhookSignature(
  secret: string,
  timestamp: number | string,
  body: string | Uint8Array,
): Promise<string> {
  const mac = await hmacSha256(encoder.encode(secret), `${timestamp}.`, body);
  return toHex(mac);
}

export interface SignWebhookOptions {
  /** The raw body exactly as it will be sent. */
  body: string | Uint8Array;
  /** One secret, or several while rotating keys: each gets its own `v1` value. */
  secret: string | string[];
  /** Unix seconds; defaults to now. */
  timestamp?: number | undefined;
}

/** Builds the value of the `wriftai-webhook-signature` header. */
export async function signWebhook({ body, secret, timestamp }: SignWebhookOptions): Promise<string> {
  const secrets = Array.isArray(secret) ? secret : [secret];
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s.length === 0)) {
    throw new TypeError('signWebhook: `secret` must be a non-empty string (or a non-empty list of them).');
  }
  const t = timestamp ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(t) || t < 0) {
    throw new TypeError(`signWebhook: \`timestamp\` must be whole Unix seconds, got ${String(timestamp)}.`);
  }
  const signatures = await Promise.all(secrets.map((s) => computeWebhookSignature(s, t, body)));
  return [`t=${t}`, ...signatures.map((v) => `v1=${v}`)].join(',');
}

/** Any reason a webhook delivery did not verify; the subclasses tell which. */
export class WebhookVerificationError extends PredictKitError {
  override name = 'WebhookVerificationError';
}

/** The header is missing, or has no `t=<unix seconds>`. */
export class WebhookTimestampMissingError extends WebhookVerificationError {
  override name = 'WebhookTimestampMissingError';
}

/** The header has no `v1=` signature. */
export class WebhookSignatureMissingError extends WebhookVerificationError {
  override name = 'WebhookSignatureMissingError';
}

/** `t` is further from now than the tolerance: a replay, or a clock that is off. */
export class WebhookTimestampOutOfToleranceError extends WebhookVerificationError {
  override name = 'WebhookTimestampOutOfToleranceError';
}

/** No `v1` value matches the body under any of the secrets. */
export class WebhookSignatureMismatchError extends WebhookVerificationError {
  override name = 'WebhookSignatureMismatchError';
}

export interface VerifyWebhookOptions {
  /** The raw body exactly as received: read it with `await request.text()` (or as bytes), before any JSON parsing. */
  body: string | Uint8Array | ArrayBuffer;
  /** The `wriftai-webhook-signature` header's value, as received. */
  signature: string | null | undefined;
  /** The webhook secret; several while rotating keys (any one may match). */
  secret: string | string[];
  /** How far `t` may be from now. Default 300. */
  toleranceSeconds?: number | undefined;
  /** The current time, in Unix seconds or as a `Date`; default now. */
  now?: number | Date | undefined;
}

type RawBody = string | Uint8Array | ArrayBuffer;

/** The tolerance of both schemes: seconds ≥ 0 (`NaN` or a text would let no delivery, or any, through). */
export function checkTolerance(at: string, toleranceSeconds: unknown): void {
  if (!(typeof toleranceSeconds === 'number' && toleranceSeconds >= 0)) {
    throw invalid(at, 'toleranceSeconds', 'a number ≥ 0', toleranceSeconds);
  }
}

/**
 * The checks both signature schemes make of their arguments (`TypeError`s), and the raw body as
 * text or bytes. A `NaN` clock is refused: it would let any delivery through.
 */
export function checkDelivery(
  at: string,
  o: { body: RawBody; secret: string | string[]; toleranceSeconds?: number; now?: number | Date },
): { bytes: string | Uint8Array; secrets: string[]; seconds: number; tolerance: number } {
  const { body, toleranceSeconds = 300, now = new Date() } = o;
  const secrets = [o.secret].flat();
  if (!secrets.length || secrets.some((s) => typeof s !== 'string' || !s)) {
    throw new TypeError(`${at}: \`secret\` must be a non-empty string (or a non-empty list of them).`);
  }
  checkTolerance(at, toleranceSeconds);
  const seconds = now instanceof Date ? now.getTime() / 1000 : now;
  if (!Number.isFinite(seconds)) throw invalid(at, 'now', 'Unix seconds or a valid Date', now);
  if (!(typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer)) {
    throw invalid(at, 'body', 'the raw body: a string, Uint8Array or ArrayBuffer', body);
  }
  const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : body;
  return { bytes, secrets, seconds, tolerance: toleranceSeconds };
}

/** `t` (decimal Unix seconds, as sent) within `tolerance` of `seconds`, compared exactly: no rounding widens the window. */
export function checkTimestamp(at: string, seconds: number, t: string, tolerance: number): void {
  const skew = seconds - Number(t);
  if (!(Math.abs(skew) <= tolerance)) {
    throw new WebhookTimestampOutOfToleranceError(
      `${at}: the delivery is timestamped ${+Math.abs(skew).toFixed(3)} s in the ${skew > 0 ? 'past' : 'future'}, beyond the ` +
        `${tolerance} s tolerance: a replayed delivery, or a clock that is off (check NTP).`,
    );
  }
}

/**
 * Whether any candidate equals the signature any secret gives. No early exit: every candidate is
 * compared under every secret, in constant time, so timing does not tell which one matched.
 */
export async function checkSignatures<K>(
  at: string,
  keys: K[],
  sign: (key: K) => Promise<string>,
  candidates: string[],
): Promise<void> {
  let matched = false;
  for (const key of keys) {
    const expected = await sign(key);
    for (const candidate of candidates) matched = timingSafeEqual(expected, candidate) || matched;
  }
  if (!matched) {
    throw new WebhookSignatureMismatchError(
      `${at}: the signature does not match the body. Check the secret, and pass the raw body exactly as ` +
        'received (not JSON re-serialised).',
    );
  }
}

/** The verified body, parsed and mapped as the service that sent it answers predictions. */
export function readDelivery(at: string, bytes: string | Uint8Array, map: Mapper<Prediction>): Prediction {
  let payload: unknown;
  try {
    payload = JSON.parse(typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));
  } catch {
    throw new UnexpectedResponseError(`${at}: the signed body is not JSON.`, { path: '' });
  }
  try {
    return map(payload, at);
  } catch (error) {
    // The mapper's advice is a client's, which may have reached the wrong server; this body was
    // signed by the sender. Its words stay in `cause`.
    if (!(error instanceof UnexpectedResponseError)) throw error;
    throw new UnexpectedResponseError(
      `${at}: the signature matches, but the body is not a prediction (at \`${error.path || 'the body'}\`). Check what the sender sends here.`,
      { path: error.path, cause: error },
    );
  }
}

/**
 * Verifies a webhook delivery and returns the prediction it carries. The header is split on `,`
 * and each part on its first `=`, without trimming; any `v1` value may match (key rotation), each
 * compared in constant time. Throws one of four `WebhookVerificationError` subclasses: no
 * timestamp, no signature, timestamp outside the tolerance, signature mismatch.
 */
export async function verifyWebhook<TInput = Record<string, unknown>, TOutput = unknown>(
  options: VerifyWebhookOptions,
): Promise<Prediction<TInput, TOutput>> {
  const at = 'verifyWebhook';
  const { bytes, secrets, seconds, tolerance } = checkDelivery(at, options);
  const { signature } = options;
  if (signature != null && typeof signature !== 'string') {
    throw invalid(at, 'signature', 'the header value: a string, null or undefined', signature);
  }
  const parts = (signature ?? '').split(',').map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
  });
  // The first `t`, as written: it is signed as text, so `t=0…` verifies only as sent.
  const t = parts.find(([key]) => key === 't')?.[1];
  if (!t || !/^\d+$/.test(t)) {
    throw new WebhookTimestampMissingError(
      signature
        ? `${at}: the ${WEBHOOK_SIGNATURE_HEADER} header has no \`t=<unix seconds>\`. Pass the header exactly as received.`
        : `${at}: no ${WEBHOOK_SIGNATURE_HEADER} header. Was the webhook created with a secret, and is this request from the service?`,
    );
  }
  const candidates = parts.filter(([key]) => key === 'v1').map(([, value]) => value!);
  if (!candidates.length) {
    throw new WebhookSignatureMissingError(
      `${at}: the ${WEBHOOK_SIGNATURE_HEADER} header has no \`v1=\` signature, the only scheme this verifies.`,
    );
  }
  checkTimestamp(at, seconds, t, tolerance);
  await checkSignatures(at, secrets, (s) => computeWebhookSignature(s, t, bytes), candidates);
  return readDelivery(at, bytes, mapPrediction) as Prediction<TInput, TOutput>;
}
