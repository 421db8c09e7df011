import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PredictKitError, UnexpectedResponseError } from '../errors';
import {
  signWebhook,
  verifyWebhook,
  WebhookSignatureMismatchError,
  WebhookSignatureMissingError,
  WebhookTimestampMissingError,
  WebhookTimestampOutOfToleranceError,
  WebhookVerificationError,
} from './webhook';

const secret = 'whsec_test_secret';
const t = 1_795_000_000;
const prediction = {
  id: '497f6eca-6276-4993-bfeb-53cbbbba6f08',
  model: { owner: 'predictkit', name: 'echo', version_number: 1 },
  created_at: '2026-11-22T10:00:00.000000Z',
  updated_at: '2026-11-22T10:00:01.250000Z',
  status: 'succeeded',
  setup_time: 'PT0.250S',
  execution_time: 'PT1.000S',
  input: { text: 'héllo' },
  output: 'héllo',
  error: null,
  logs: [],
};
const body = JSON.stringify(prediction);

/** Computed with node:crypto, independently of the Web Crypto code under test. */
const hmac = (key: string, timestamp: number, raw: string | Uint8Array) =>
  createHmac('sha256', key).update(`${timestamp}.`).update(raw).digest('hex');

const verify = (signature: string | null, more: Partial<Parameters<typeof verifyWebhook>[0]> = {}) =>
  verifyWebhook({ body, signature, secret, now: t, ...more });

describe('verifyWebhook', () => {
  it('accepts a signature made by an independent HMAC and returns the prediction', async () => {
    await expect(verify(`t=${t},v1=${hmac(secret, t, body)}`)).resolves.toEqual(prediction);
  });

  it('accepts the raw body as bytes (Uint8Array or ArrayBuffer)', async () => {
    const bytes = new TextEncoder().encode(body);
    const signature = `t=${t},v1=${hmac(secret, t, bytes)}`;
    await expect(verify(signature, { body: bytes })).resolves.toEqual(prediction);
    await expect(verify(signature, { body: bytes.buffer as ArrayBuffer })).resolves.toEqual(prediction);
  });

  it('accepts any of several v1 values (the sender rotating keys)', async () => {
    const signature = `t=${t},v1=${hmac('old-secret', t, body)},v1=${hmac(secret, t, body)}`;
    await expect(verify(signature)).resolves.toMatchObject({ id: prediction.id });
  });

  it('accepts any of several secrets (the receiver rotating keys)', async () => {
    const signature = `t=${t},v1=${hmac(secret, t, body)}`;
    await expect(verify(signature, { secret: ['next-secret', secret] })).resolves.toMatchObject({
      status: 'succeeded',
    });
  });

  it('verifies what signWebhook signs, with every secret given', async () => {
    const signature = await signWebhook({ body, secret: ['a', 'b'], timestamp: t });
    expect(signature).toBe(`t=${t},v1=${hmac('a', t, body)},v1=${hmac('b', t, body)}`);
    await expect(verify(signature, { secret: 'b' })).resolves.toMatchObject({ id: prediction.id });
  });

  it('accepts a timestamp exactly at the tolerance, on both sides', async () => {
    const signature = `t=${t},v1=${hmac(secret, t, body)}`;
    await expect(verify(signature, { now: t + 300 })).resolves.toBeDefined();
    await expect(verify(signature, { now: t - 300 })).resolves.toBeDefined();
    await expect(
      verify(signature, { now: new Date((t + 10) * 1000), toleranceSeconds: 10 }),
    ).resolves.toBeDefined();
  });

  it('compares the timestamp exactly: a fraction of a second past the tolerance is outside it', async () => {
    const signature = `t=${t},v1=${hmac(secret, t, body)}`;
    for (const now of [t + 300.4, t + 300.49, t - 300.001, new Date((t + 300) * 1000 + 1)]) {
      await expect(verify(signature, { now })).rejects.toBeInstanceOf(WebhookTimestampOutOfToleranceError);
    }
    await expect(verify(signature, { now: t + 300.4 })).rejects.toThrow(
      'verifyWebhook: the delivery is timestamped 300.4 s in the past, beyond the 300 s tolerance',
    );
    await expect(verify(signature, { now: t + 299.999 })).resolves.toBeDefined();
  });

  it('signs and checks the timestamp as written: a leading zero is part of what was signed', async () => {
    const written = `0${t}`;
    const signature = `t=${written},v1=${createHmac('sha256', secret).update(`${written}.`).update(body).digest('hex')}`;
    await expect(verify(signature)).resolves.toMatchObject({ id: prediction.id });
    // The same timestamp as a number was not what was signed.
    await expect(verify(`t=${written},v1=${hmac(secret, t, body)}`)).rejects.toBeInstanceOf(
      WebhookSignatureMismatchError,
    );
  });

  it.each(['+1795000000', '1795000000.0', '1.795e9', '0x6afd6980', '1795000000 ', '-1', '１２３'])(
    'takes only a plain decimal integer as t, not %j',
    async (written) => {
      await expect(verify(`t=${written},v1=${hmac(secret, t, body)}`)).rejects.toBeInstanceOf(
        WebhookTimestampMissingError,
      );
    },
  );

  it.each<[string, Partial<Parameters<typeof verifyWebhook>[0]>, string]>([
    ['now NaN', { now: Number.NaN }, 'verifyWebhook: `now` must be Unix seconds or a valid Date, got NaN.'],
    [
      'now text',
      { now: 'now' as never },
      'verifyWebhook: `now` must be Unix seconds or a valid Date, got "now".',
    ],
    [
      'now invalid Date',
      { now: new Date('x') },
      'verifyWebhook: `now` must be Unix seconds or a valid Date, got an object.',
    ],
    [
      'tolerance text',
      { toleranceSeconds: '300' as never },
      'verifyWebhook: `toleranceSeconds` must be a number ≥ 0, got "300".',
    ],
    [
      'signature number',
      { signature: 5 as never },
      'verifyWebhook: `signature` must be the header value: a string, null or undefined, got 5.',
    ],
    [
      'body object',
      { body: { id: 1 } as never },
      'verifyWebhook: `body` must be the raw body: a string, Uint8Array or ArrayBuffer, got an object.',
    ],
  ])('refuses %s with a TypeError, never accepting on a NaN clock', async (_name, more, message) => {
    const signature = `t=${t},v1=${hmac(secret, t, body)}`;
    await expect(verify(signature, more)).rejects.toMatchObject({ name: 'TypeError', message });
  });

  it.each([
    [null, 'verifyWebhook: no wriftai-webhook-signature header.'],
    ['', 'verifyWebhook: no wriftai-webhook-signature header.'],
    ['v1=abc', 'verifyWebhook: the wriftai-webhook-signature header has no `t=<unix seconds>`.'],
    ['t=soon,v1=abc', 'verifyWebhook: the wriftai-webhook-signature header has no `t=<unix seconds>`.'],
    [' t=1,v1=abc', 'verifyWebhook: the wriftai-webhook-signature header has no `t=<unix seconds>`.'],
  ])('with %j: no timestamp', async (signature, message) => {
    const error = await verify(signature).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookTimestampMissingError);
    expect(error).toMatchObject({ name: 'WebhookTimestampMissingError' });
    expect((error as Error).message).toContain(message);
  });

  it.each([`t=${t}`, `t=${t},v0=abc`, `t=${t}, v1=abc`, `t=${t},V1=abc`])(
    'with %j: no signature for the v1 scheme (no trimming, no case folding)',
    async (signature) => {
      const error = await verify(signature).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WebhookSignatureMissingError);
      expect(error).toMatchObject({
        name: 'WebhookSignatureMissingError',
        message:
          'verifyWebhook: the wriftai-webhook-signature header has no `v1=` signature, the only scheme this verifies.',
      });
    },
  );

  it('refuses a timestamp outside the tolerance, past or future, before checking the signature', async () => {
    const stale = await verify(`t=${t},v1=${hmac(secret, t, body)}`, { now: t + 301 }).catch(
      (e: unknown) => e,
    );
    expect(stale).toBeInstanceOf(WebhookTimestampOutOfToleranceError);
    expect((stale as Error).message).toBe(
      'verifyWebhook: the delivery is timestamped 301 s in the past, beyond the 300 s tolerance: a replayed delivery, or a clock that is off (check NTP).',
    );
    const future = await verify(`t=${t},v1=nonsense`, { now: t - 3600 }).catch((e: unknown) => e);
    expect(future).toBeInstanceOf(WebhookTimestampOutOfToleranceError);
    expect((future as Error).message).toContain('3600 s in the future');
  });

  it.each([
    ['a wrong secret', `t=${t},v1=${hmac('other', t, body)}`, body],
    ['a changed body', `t=${t},v1=${hmac(secret, t, body)}`, body.replace('héllo', 'hello')],
    ['a signature for another timestamp', `t=${t},v1=${hmac(secret, t - 1, body)}`, body],
    ['a truncated signature', `t=${t},v1=${hmac(secret, t, body).slice(0, 63)}`, body],
    ['an empty signature', `t=${t},v1=`, body],
  ])('refuses %s as a mismatch', async (_case, signature, raw) => {
    const error = await verify(signature, { body: raw }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookSignatureMismatchError);
    expect(error).toMatchObject({
      name: 'WebhookSignatureMismatchError',
      message:
        'verifyWebhook: the signature does not match the body. Check the secret, and pass the raw body exactly as received (not JSON re-serialised).',
    });
  });

  it('makes every failure a WebhookVerificationError and a PredictKitError', async () => {
    const error = await verify(null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toBeInstanceOf(PredictKitError);
  });

  it('refuses a signed body that is not a prediction', async () => {
    const raw = '{"hello":1}';
    const error = await verify(`t=${t},v1=${hmac(secret, t, raw)}`, { body: raw }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toBe(
      'verifyWebhook: the signature matches, but the body is not a prediction (at `id`). Check what the sender sends here.',
    );
    // What the body lacks, in the mapper's words.
    expect((error as { cause?: Error }).cause?.message).toMatch(
      /expected `id` to be a string, got undefined/,
    );
    const text = 'not json';
    await expect(verify(`t=${t},v1=${hmac(secret, t, text)}`, { body: text })).rejects.toThrow(
      'verifyWebhook: the signed body is not JSON.',
    );
  });

  it('refuses bad options with TypeErrors', async () => {
    await expect(verify('t=1,v1=a', { secret: '' })).rejects.toThrow(TypeError);
    await expect(verify('t=1,v1=a', { secret: [] })).rejects.toThrow(TypeError);
    await expect(verify('t=1,v1=a', { toleranceSeconds: -1 })).rejects.toThrow(
      'verifyWebhook: `toleranceSeconds` must be a number ≥ 0, got -1.',
    );
  });
});
