import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PredictKitError, UnexpectedResponseError } from '../errors';
import type { Provider } from '../provider';
import { wirePrediction } from '../replicate/fixtures';
import { replicate } from '../replicate/replicate';
import {
  signStandardWebhook,
  type VerifyStandardWebhookOptions,
  verifyStandardWebhook,
  WebhookIdMissingError,
} from './standardWebhook';
import {
  WebhookSignatureMismatchError,
  WebhookSignatureMissingError,
  WebhookTimestampMissingError,
  WebhookTimestampOutOfToleranceError,
  WebhookVerificationError,
} from './webhook';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const T = 1_614_265_330;
const body = JSON.stringify(wirePrediction({ status: 'starting', output: null, completed_at: null }));

/** Signed with node:crypto, independently of the Web Crypto code under test. */
const sign = (secret: string, id: string, t: number | string, raw: string | Uint8Array) =>
  createHmac('sha256', Buffer.from(secret.split('_').at(-1)!, 'base64'))
    .update(`${id}.${t}.`)
    .update(raw)
    .digest('base64');

const headers = (signature: string, more: Record<string, string> = {}) => ({
  'webhook-id': ID,
  'webhook-timestamp': `${T}`,
  'webhook-signature': signature,
  ...more,
});

const verify = (more: Partial<VerifyStandardWebhookOptions> = {}) =>
  verifyStandardWebhook({
    body,
    headers: headers(`v1,${sign(SECRET, ID, T, body)}`),
    secret: SECRET,
    provider: replicate,
    now: T,
    ...more,
  });

const failure = (more: Partial<VerifyStandardWebhookOptions>) => verify(more).catch((e: unknown) => e);

describe('verifyStandardWebhook', () => {
  it('accepts the Standard Webhooks specification’s own example', async () => {
    const raw = '{"test": 2432232314}';
    const passThrough = { ...replicate, mapPrediction: (x: unknown) => x } as Provider;
    const result = await verify({
      body: raw,
      headers: headers('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='),
      provider: passThrough,
    });
    expect(result).toEqual({ webhookId: ID, timestamp: T, prediction: { test: 2432232314 } });
  });

  it('returns the webhook id, for skipping a repeated delivery, and the prediction as Replicate’s provider maps it', async () => {
    const result = await verify();
    expect(result.webhookId).toBe(ID);
    expect(result.timestamp).toBe(T);
    expect(result.prediction).toMatchObject({
      id: 'gm3qorzdhgbfurvjtvhg6dckhu',
      status: 'pending',
      model: { owner: 'replicate', name: 'hello-world' },
      logs: ['loading', 'hello Alice'],
    });
  });

  it('reads the headers from a Headers object or a plain object in any case, a repeated one as Node lists it', async () => {
    const signature = `v1,${sign(SECRET, ID, T, body)}`;
    for (const h of [
      new Headers(headers(signature)),
      { 'Webhook-Id': ID, 'WEBHOOK-TIMESTAMP': `${T}`, 'webhook-signature': signature },
      { 'webhook-id': [ID, 'other'], 'webhook-timestamp': `${T}`, 'webhook-signature': signature },
    ]) {
      await expect(verify({ headers: h })).resolves.toMatchObject({ webhookId: ID });
    }
  });

  it('takes the raw body as text or bytes', async () => {
    const bytes = new TextEncoder().encode(body);
    await expect(verify({ body: bytes })).resolves.toMatchObject({ webhookId: ID });
    await expect(verify({ body: bytes.buffer as ArrayBuffer })).resolves.toMatchObject({ webhookId: ID });
  });

  it('accepts any of several signatures (the sender rotating), skipping other schemes', async () => {
    const good = sign(SECRET, ID, T, body);
    const other = sign('whsec_b2xkIHNlY3JldA==', ID, T, body);
    for (const signature of [`v1,${other} v1,${good}`, `v1a,${good} v1,${good}`, `v2,x v1,${good}`]) {
      await expect(verify({ headers: headers(signature) })).resolves.toMatchObject({ webhookId: ID });
    }
  });

  it('accepts any of several secrets (the receiver rotating), with or without the whsec_ prefix', async () => {
    await expect(verify({ secret: ['whsec_bmV4dCBzZWNyZXQ=', SECRET] })).resolves.toMatchObject({
      webhookId: ID,
    });
    await expect(verify({ secret: SECRET.slice('whsec_'.length) })).resolves.toMatchObject({ webhookId: ID });
  });

  it.each<[string, Partial<VerifyStandardWebhookOptions>]>([
    ['a changed body', { body: body.replace('Alice', 'Mallory') }],
    [
      'another message id',
      { headers: headers(`v1,${sign(SECRET, ID, T, body)}`, { 'webhook-id': 'msg_other' }) },
    ],
    [
      'another timestamp, within the tolerance',
      { headers: headers(`v1,${sign(SECRET, ID, T, body)}`, { 'webhook-timestamp': `${T + 1}` }) },
    ],
    ['a wrong secret', { secret: 'whsec_d3Jvbmcgc2VjcmV0' }],
    ['a truncated signature', { headers: headers(`v1,${sign(SECRET, ID, T, body).slice(0, -2)}`) }],
    ['an empty signature', { headers: headers('v1,') }],
    [
      'the signature in hex',
      { headers: headers(`v1,${Buffer.from(sign(SECRET, ID, T, body), 'base64').toString('hex')}`) },
    ],
  ])('refuses %s as a mismatch', async (_case, more) => {
    const error = await failure(more);
    expect(error).toBeInstanceOf(WebhookSignatureMismatchError);
    expect((error as Error).message).toBe(
      'verifyStandardWebhook: the signature does not match the body. Check the secret, and pass the raw body exactly as received (not JSON re-serialised).',
    );
  });

  it('refuses a replay: a timestamp beyond the tolerance either way, compared exactly', async () => {
    await expect(verify({ now: T + 300 })).resolves.toBeDefined();
    await expect(verify({ now: T - 300 })).resolves.toBeDefined();
    await expect(verify({ now: new Date((T + 10) * 1000), toleranceSeconds: 10 })).resolves.toBeDefined();
    for (const now of [T + 300.001, T - 300.4, new Date((T + 300) * 1000 + 1)]) {
      await expect(verify({ now })).rejects.toBeInstanceOf(WebhookTimestampOutOfToleranceError);
    }
    const stale = (await failure({ now: T + 3600 })) as Error;
    expect(stale.message).toBe(
      'verifyStandardWebhook: the delivery is timestamped 3600 s in the past, beyond the 300 s tolerance: a replayed delivery, or a clock that is off (check NTP).',
    );
  });

  it('checks the timestamp before the signature: an old delivery is a replay whatever it carries', async () => {
    await expect(verify({ headers: headers('v1,forged'), now: T + 301 })).rejects.toBeInstanceOf(
      WebhookTimestampOutOfToleranceError,
    );
  });

  it.each<[string, Record<string, string>, new (message: string) => Error, string]>([
    ['no id', { 'webhook-id': '' }, WebhookIdMissingError, 'verifyStandardWebhook: no webhook-id header.'],
    [
      'no timestamp',
      { 'webhook-timestamp': '' },
      WebhookTimestampMissingError,
      'verifyStandardWebhook: no webhook-timestamp header.',
    ],
    [
      'a timestamp that is not Unix seconds',
      { 'webhook-timestamp': '1614265330.5' },
      WebhookTimestampMissingError,
      'verifyStandardWebhook: the webhook-timestamp header is not Unix seconds.',
    ],
    [
      'no signature',
      { 'webhook-signature': '' },
      WebhookSignatureMissingError,
      'verifyStandardWebhook: the webhook-signature header has no `v1,` signature, the only scheme this verifies.',
    ],
    [
      'only an asymmetric signature',
      { 'webhook-signature': 'v1a,abc' },
      WebhookSignatureMissingError,
      'verifyStandardWebhook: the webhook-signature header has no `v1,` signature',
    ],
    [
      'the WriftAI header instead',
      { 'webhook-signature': `t=${T},v1=abc` },
      WebhookSignatureMissingError,
      'verifyStandardWebhook: the webhook-signature header has no `v1,` signature',
    ],
  ])('tells %s apart', async (_case, changed, Class, message) => {
    const error = await failure({ headers: headers(`v1,${sign(SECRET, ID, T, body)}`, changed) });
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toBeInstanceOf(PredictKitError);
    expect((error as Error).name).toBe(Class.name);
    expect((error as Error).message).toContain(message);
  });

  it.each<[string, Partial<VerifyStandardWebhookOptions>, string]>([
    [
      'a secret that is not base64',
      { secret: 'whsec_not base64!' },
      '`secret` must be `whsec_` followed by base64',
    ],
    ['an empty secret', { secret: '' }, '`secret` must be a non-empty string'],
    ['no secrets', { secret: [] }, '`secret` must be a non-empty string'],
    [
      'no provider',
      { provider: undefined as never },
      '`provider` must be the provider of the service that sent it',
    ],
    ['no headers', { headers: null as never }, '`headers` must be the request headers'],
    ['a body object', { body: { id: 1 } as never }, '`body` must be the raw body'],
    ['a NaN clock', { now: Number.NaN }, '`now` must be Unix seconds or a valid Date'],
    ['a negative tolerance', { toleranceSeconds: -1 }, '`toleranceSeconds` must be a number ≥ 0'],
  ])('refuses %s with a TypeError', async (_case, more, message) => {
    const error = await failure(more);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(`verifyStandardWebhook: ${message}`);
  });

  it('refuses a signed body that is not a Replicate prediction', async () => {
    const raw = '{"hello":1}';
    const error = await failure({ body: raw, headers: headers(`v1,${sign(SECRET, ID, T, raw)}`) });
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toBe(
      'verifyStandardWebhook: the signature matches, but the body is not a prediction (at `id`). Check what the sender sends here.',
    );
  });
});

describe('signStandardWebhook', () => {
  it('signs as node:crypto does, one v1 signature per secret', async () => {
    const signed = await signStandardWebhook({
      body,
      secret: [SECRET, 'whsec_bmV4dA=='],
      id: ID,
      timestamp: T,
    });
    expect(signed).toEqual({
      'webhook-id': ID,
      'webhook-timestamp': `${T}`,
      'webhook-signature': `v1,${sign(SECRET, ID, T, body)} v1,${sign('whsec_bmV4dA==', ID, T, body)}`,
    });
    await expect(verify({ headers: signed })).resolves.toMatchObject({ webhookId: ID });
  });

  it('makes a message id and takes the time now unless told', async () => {
    const before = Math.floor(Date.now() / 1000);
    const signed = await signStandardWebhook({ body, secret: SECRET });
    expect(signed['webhook-id']).toMatch(/^msg_[\w-]{36}$/);
    expect(+signed['webhook-timestamp']).toBeGreaterThanOrEqual(before);
    await expect(
      verifyStandardWebhook({ body, headers: signed, secret: SECRET, provider: replicate }),
    ).resolves.toMatchObject({ webhookId: signed['webhook-id'] });
  });

  it('refuses a bad secret, id or timestamp', async () => {
    await expect(signStandardWebhook({ body, secret: 'whsec_%%' })).rejects.toThrow(TypeError);
    await expect(signStandardWebhook({ body, secret: [] })).rejects.toThrow(TypeError);
    await expect(signStandardWebhook({ body, secret: SECRET, id: '' })).rejects.toThrow(
      'signStandardWebhook: `id` must be a non-empty string, got "".',
    );
    await expect(signStandardWebhook({ body, secret: SECRET, timestamp: 1.5 })).rejects.toThrow(
      'signStandardWebhook: `timestamp` must be whole Unix seconds, got 1.5.',
    );
  });
});
