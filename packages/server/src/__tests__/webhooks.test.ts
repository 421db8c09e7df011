import { createHmac } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestApi, testApi } from './testServer';

interface Delivery {
  body: string;
  signature: string | undefined;
}

let api: TestApi;
let receiver: Server | undefined;
afterEach(async () => {
  await api?.server.close();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  receiver = undefined;
});

/** A real HTTP endpoint on 127.0.0.1 that records deliveries and answers the given statuses in turn. */
async function webhookReceiver(statuses: number[] = []): Promise<{ url: string; deliveries: Delivery[] }> {
  const deliveries: Delivery[] = [];
  receiver = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      deliveries.push({ body, signature: req.headers['wriftai-webhook-signature'] as string | undefined });
      res.statusCode = statuses.shift() ?? 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, deliveries };
}

function independentSignature(
  secret: string,
  header: string,
  body: string,
): { t: string; v1: string[]; expected: string } {
  const parts = header
    .split(',')
    .map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)]);
  const t = parts.find(([k]) => k === 't')?.[1] as string;
  const v1 = parts.filter(([k]) => k === 'v1').map(([, v]) => v as string);
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return { t, v1, expected };
}

describe('webhooks', () => {
  it('posts the prediction on every status change, signed with its secret', async () => {
    const { url, deliveries } = await webhookReceiver();
    api = testApi();
    const { body: created } = await api.json<Prediction>('/v1/predictions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'predictkit/echo',
        input: { text: 'hook' },
        webhook: { url, secret: 'whsec_test' },
      }),
    });
    await api.settle(created.id);
    await api.server.webhooksIdle();
    const statuses = deliveries.map((d) => (JSON.parse(d.body) as Prediction).status);
    expect(statuses).toEqual(['pending', 'started', 'succeeded']);
    for (const delivery of deliveries) {
      const { t, v1, expected } = independentSignature(
        'whsec_test',
        delivery.signature as string,
        delivery.body,
      );
      expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(30);
      expect(v1).toEqual([expected]);
    }
    const final = JSON.parse(deliveries.at(-1)?.body as string) as Prediction;
    expect(final).toEqual((await api.json(`/v1/predictions/${created.id}`)).body);
  });

  it('retries a failing receiver with backoff, without holding the prediction back', async () => {
    const { url, deliveries } = await webhookReceiver([500, 502]);
    api = testApi({ webhooks: { retryDelayMs: 10 } });
    const { body: created } = await api.json<Prediction>('/v1/predictions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'predictkit/echo', input: { text: 'x' }, webhook: { url } }),
    });
    expect((await api.settle(created.id)).status).toBe('succeeded');
    await api.server.webhooksIdle();
    const statuses = deliveries.map((d) => (JSON.parse(d.body) as Prediction).status);
    // the first delivery was tried three times; no secret means no signature
    expect(statuses).toEqual(['pending', 'pending', 'pending', 'started', 'succeeded']);
    expect(deliveries.every((d) => d.signature === undefined)).toBe(true);
  });

  it('gives up after three retries and says so', async () => {
    const warnings: string[] = [];
    api = testApi({
      webhooks: { retryDelayMs: 1, fetch: async () => new Response(null, { status: 500 }) },
      onWarning: (message) => warnings.push(message),
    });
    const { body: created } = await api.json<Prediction>('/v1/predictions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'predictkit/echo',
        input: { text: 'x' },
        webhook: { url: 'http://127.0.0.1:9/x' },
      }),
    });
    await api.settle(created.id);
    await api.server.webhooksIdle();
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/gave up: webhook http:\/\/127.0.0.1:9\/x answered 500/);
  });
});
