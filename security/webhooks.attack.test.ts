/**
 * Attacks on webhook verification (`@predictkit/core/server`), with deliveries signed and sent by
 * the real local server: replays, tampered bodies, forged or odd signature headers, key rotation.
 */
import { createClient, createPrediction } from '@predictkit/core';
import {
  computeWebhookSignature,
  signWebhook,
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookSignatureMismatchError,
  WebhookSignatureMissingError,
  WebhookTimestampMissingError,
  WebhookTimestampOutOfToleranceError,
  WebhookVerificationError,
} from '@predictkit/core/server';
import { createServer, type PredictKitServer } from '@predictkit/server';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';

const SECRET = 'whsec_attack_suite';
const RUNS = { seed: 42, numRuns: 300 };

interface Delivery {
  body: string;
  signature: string;
  /** The `t` of the signature, as sent. */
  t: string;
}

let server: PredictKitServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

/** Real deliveries: the local server runs a prediction with a signed webhook and hands each delivery over. */
async function deliveries(secret: string | null = SECRET): Promise<Delivery[]> {
  const received: Delivery[] = [];
  server = createServer({
    timeScale: 0.01,
    onWarning: () => {},
    webhooks: {
      fetch: async (_url, init) => {
        const headers = init?.headers as Record<string, string>;
        const signature = headers[WEBHOOK_SIGNATURE_HEADER] ?? '';
        received.push({ body: String(init?.body), signature, t: /^t=(\d+)/.exec(signature)?.[1] ?? '' });
        return new Response(null, { status: 204 });
      },
    },
  });
  const client = createClient({ baseUrl: 'http://127.0.0.1:8787/v1', fetch: server.fetch });
  await createPrediction(client, {
    model: 'predictkit/echo',
    input: { text: 'hook' },
    webhook: { url: 'https://receiver.example/hooks', ...(secret ? { secret } : {}) },
    wait: 5,
  });
  await server.webhooksIdle();
  return received;
}

/** A receiver's check of one delivery, `now` in Unix seconds. */
const verify = (d: Delivery, more: Partial<Parameters<typeof verifyWebhook>[0]> = {}) =>
  verifyWebhook({ body: d.body, signature: d.signature, secret: SECRET, now: Number(d.t), ...more });

const failure = (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('deliveries of the local server', () => {
  it('verify, every one, and carry the prediction', async () => {
    const received = await deliveries();
    expect(received.length).toBeGreaterThan(0);
    for (const d of received) {
      expect(d.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      await expect(verify(d)).resolves.toMatchObject({ input: { text: 'hook' } });
    }
  });

  it('are refused when replayed later than the tolerance, to the fraction of a second', async () => {
    const [d] = await deliveries();
    const t = Number(d!.t);
    for (const now of [t + 300.001, t + 300.4, t + 300.49, t + 3600, t - 300.5, t - 86_400]) {
      expect(await failure(verify(d!, { now }))).toBeInstanceOf(WebhookTimestampOutOfToleranceError);
    }
    await expect(verify(d!, { now: t + 300 })).resolves.toBeDefined();
    expect(
      await failure(verify(d!, { now: new Date((t + 5) * 1000), toleranceSeconds: 4.999 })),
    ).toBeInstanceOf(WebhookTimestampOutOfToleranceError);
  });

  it('are refused, never verified, when the body is changed in any way', async () => {
    const [d] = await deliveries();
    const body = d!.body;
    const changed = fc
      .tuple(fc.nat(body.length - 1), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), fc.nat(2))
      .map(([at, text, how]) =>
        how === 0
          ? body.slice(0, at) + text + body.slice(at)
          : how === 1
            ? body.slice(0, at) + text + body.slice(at + text.length)
            : body.slice(0, at) + body.slice(at + 1),
      )
      .filter((b) => b !== body);
    await fc.assert(
      fc.asyncProperty(changed, async (tampered) => {
        expect(await failure(verify({ ...d!, body: tampered }))).toBeInstanceOf(
          WebhookSignatureMismatchError,
        );
      }),
      RUNS,
    );
    // The same JSON, written differently, is another body.
    const reserialised = JSON.stringify(JSON.parse(body), null, 1);
    expect(await failure(verify({ ...d!, body: reserialised }))).toBeInstanceOf(
      WebhookSignatureMismatchError,
    );
  });
});

describe('signature headers', () => {
  it.each<[string, (h: string, t: string, v1: string) => string, unknown]>([
    [
      'a flipped hex digit',
      (_h, t, v1) => `t=${t},v1=${v1.slice(0, -1)}${v1.endsWith('0') ? '1' : '0'}`,
      WebhookSignatureMismatchError,
    ],
    ['upper-case hex', (_h, t, v1) => `t=${t},v1=${v1.toUpperCase()}`, WebhookSignatureMismatchError],
    [
      'another timestamp with the same v1',
      (_h, t, v1) => `t=${Number(t) + 1},v1=${v1}`,
      WebhookSignatureMismatchError,
    ],
    ['the timestamp with a leading zero', (_h, t, v1) => `t=0${t},v1=${v1}`, WebhookSignatureMismatchError],
    ['a later t put first', (h, t) => `t=${Number(t) + 100},${h}`, WebhookSignatureMismatchError],
    ['an old t put first', (h, t) => `t=${Number(t) - 1000},${h}`, WebhookTimestampOutOfToleranceError],
    ['no v1', (_h, t) => `t=${t}`, WebhookSignatureMissingError],
    ['v1 under another name', (_h, t, v1) => `t=${t},v2=${v1}`, WebhookSignatureMissingError],
    ['spaces around the parts', (_h, t, v1) => `t=${t}, v1=${v1}`, WebhookSignatureMissingError],
    ['no t', (_h, _t, v1) => `v1=${v1}`, WebhookTimestampMissingError],
    ['a t with a sign', (_h, t, v1) => `t=+${t},v1=${v1}`, WebhookTimestampMissingError],
    ['a t with a fraction', (_h, t, v1) => `t=${t}.0,v1=${v1}`, WebhookTimestampMissingError],
    ['a t in hex', (_h, t, v1) => `t=0x${Number(t).toString(16)},v1=${v1}`, WebhookTimestampMissingError],
    [
      'a t in exponent form',
      (_h, t, v1) => `t=${Number(t).toExponential()},v1=${v1}`,
      WebhookTimestampMissingError,
    ],
    ['an empty header', () => '', WebhookTimestampMissingError],
    [
      'only junk signatures',
      (_h, t) => `t=${t},v1=${'0'.repeat(64)},v1=,v1=zz`,
      WebhookSignatureMismatchError,
    ],
  ])('with %s: refused', async (_name, forge, kind) => {
    const [d] = await deliveries();
    const v1 = d!.signature.split(',v1=')[1]!;
    const error = await failure(verify({ ...d!, signature: forge(d!.signature, d!.t, v1) }));
    expect(error).toBeInstanceOf(kind);
  });

  it.each<[string, (h: string, v1: string) => string]>([
    ['the header duplicated, as a proxy joins it', (h) => `${h}, ${h}`],
    [
      'junk signatures before the real one',
      (h, v1) => `${h.split(',')[0]},v1=${'f'.repeat(64)},v1=x,v1=${v1}`,
    ],
    ['other schemes beside it', (h) => `${h},v0=abc,v2=def`],
    ['parts with more than one =', (h) => `${h},x=y=z`],
  ])('with %s: still verified', async (_name, reshape) => {
    const [d] = await deliveries();
    const v1 = d!.signature.split(',v1=')[1]!;
    await expect(verify({ ...d!, signature: reshape(d!.signature, v1) })).resolves.toBeDefined();
  });

  it('never throws anything but its documented errors, and accepts only a genuine signature', async () => {
    const [d] = await deliveries();
    const v1 = d!.signature.split(',v1=')[1]!;
    const part = fc.oneof(
      fc.constant(`t=${d!.t}`),
      fc.constant(`v1=${v1}`),
      fc.constantFrom('t=', 'v1=', '=', 't', 'v1', `t=${Number(d!.t) + 1}`, `v1=${v1.slice(1)}`, ' t=1'),
      fc.string({ unit: 'binary', maxLength: 12 }),
    );
    const header = fc.oneof(
      fc.array(part, { maxLength: 5 }).map((parts) => parts.join(',')),
      fc.string({ unit: 'binary', maxLength: 80 }),
    );
    await fc.assert(
      fc.asyncProperty(
        header,
        fc.option(fc.double({ noNaN: true, min: 0, max: 4e9 })),
        async (signature, now) => {
          const error = await failure(verify({ ...d!, signature }, now === null ? {} : { now }));
          if (error === undefined) {
            // Accepted: the first t is the signed one, within tolerance, and the genuine v1 is there.
            const parts = signature.split(',');
            expect(parts.find((p) => p.startsWith('t='))).toBe(`t=${d!.t}`);
            expect(parts).toContain(`v1=${v1}`);
          } else {
            expect(error).toBeInstanceOf(WebhookVerificationError);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('secrets', () => {
  it('verify while the receiver rotates keys, with any one of them matching', async () => {
    const [d] = await deliveries();
    await expect(verify(d!, { secret: ['whsec_next', SECRET] })).resolves.toBeDefined();
    await expect(verify(d!, { secret: [SECRET, 'whsec_next'] })).resolves.toBeDefined();
    expect(await failure(verify(d!, { secret: ['whsec_next'] }))).toBeInstanceOf(
      WebhookSignatureMismatchError,
    );
  });

  it('verify while the sender rotates keys: one v1 per secret, either one enough', async () => {
    const [d] = await deliveries();
    const signature = await signWebhook({
      body: d!.body,
      secret: ['whsec_old', 'whsec_new'],
      timestamp: Number(d!.t),
    });
    await expect(verify({ ...d!, signature }, { secret: 'whsec_new' })).resolves.toBeDefined();
    await expect(verify({ ...d!, signature }, { secret: 'whsec_old' })).resolves.toBeDefined();
    expect(await failure(verify({ ...d!, signature }))).toBeInstanceOf(WebhookSignatureMismatchError);
  });

  it.each<[string, unknown]>([
    ['an empty secret', ''],
    ['an empty list of secrets', []],
    ['a list with an empty secret', ['whsec_a', '']],
    ['a secret that is not text', 42],
  ])('refuse %s with a TypeError, on both sides', async (_name, secret) => {
    const [d] = await deliveries();
    expect(await failure(verify(d!, { secret: secret as never }))).toBeInstanceOf(TypeError);
    expect(await failure(signWebhook({ body: d!.body, secret: secret as never }))).toBeInstanceOf(TypeError);
  });

  it('an unsigned delivery is refused by a receiver that expects a signature', async () => {
    const [d] = await deliveries(null);
    expect(d!.signature).toBe('');
    expect(await failure(verify(d!, { now: Date.now() / 1000 }))).toBeInstanceOf(
      WebhookTimestampMissingError,
    );
  });

  it('a client cannot ask for a webhook with an empty secret', async () => {
    const client = createClient({
      baseUrl: 'http://127.0.0.1:8787/v1',
      fetch: () => Promise.reject(new Error('sent')),
    });
    await expect(
      createPrediction(client, {
        model: 'predictkit/echo',
        input: {},
        webhook: { url: 'https://x.example', secret: '' },
      }),
    ).rejects.toThrow(TypeError);
  });
});

describe('timing', () => {
  it('compares in constant time: as much is read for a near miss, a far miss and a match', async () => {
    const [d] = await deliveries();
    const v1 = d!.signature.split(',v1=')[1]!;
    const flip = (i: number) => v1.slice(0, i) + (v1[i] === '0' ? '1' : '0') + v1.slice(i + 1);
    const reads: number[] = [];
    for (const candidate of [flip(0), flip(63), v1]) {
      const charCodeAt = vi.spyOn(String.prototype, 'charCodeAt');
      await failure(verify({ ...d!, signature: `t=${d!.t},v1=${candidate}` }));
      reads.push(charCodeAt.mock.calls.length);
      charCodeAt.mockRestore();
    }
    expect(reads[0]).toBeGreaterThanOrEqual(64);
    expect(new Set(reads).size).toBe(1);
  });

  it('computes the signature for every secret, even when the first one matches', async () => {
    const [d] = await deliveries();
    const sign = vi.spyOn(crypto.subtle, 'sign');
    await verify(d!, { secret: [SECRET, 'whsec_b', 'whsec_c'] });
    expect(sign).toHaveBeenCalledTimes(3);
  });

  it('signs the timestamp as text, so what verifies is exactly what was sent', async () => {
    const [d] = await deliveries();
    expect(await computeWebhookSignature(SECRET, d!.t, d!.body)).toBe(d!.signature.split(',v1=')[1]);
    expect(await computeWebhookSignature(SECRET, `0${d!.t}`, d!.body)).not.toBe(
      d!.signature.split(',v1=')[1],
    );
  });
});
