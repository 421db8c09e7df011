/**
 * Finished predictions handed to sinks, from the two places a server sees them: the webhook
 * handler (both services' signing schemes) and the proxy. The local server delivers its webhooks
 * straight to the handler.
 */
import { createServer, type PredictKitServer } from '@predictkit/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getWebhookSecret } from '../account/index';
import { createClient, createPrediction, type Prediction, runPrediction, waitForPrediction } from '../index';
import { replicate } from '../replicate';
import {
  computeWebhookSignature,
  createProxyHandler,
  createWebhookHandler,
  type PredictionSink,
  WEBHOOK_SIGNATURE_HEADER,
} from '../server/index';
import { streamPrediction } from '../stream/index';
import { ORIGIN } from './localServer';
import { withCookies } from './withCookies';

const SECRET = 'app-webhook-secret';
let server: PredictKitServer | undefined;
afterEach(() => server?.close());

function recordingSink() {
  const logged: Prediction[] = [];
  return { logged, sink: { log: (p: Prediction) => void logged.push(p) } satisfies PredictionSink };
}

/** The local server, its webhooks delivered to `handler` (once it is set). */
function serverDeliveringTo() {
  const answers: number[] = [];
  const target: { handler?: (request: Request) => Promise<Response> } = {};
  server = createServer({
    timeScale: 0.01,
    onWarning: () => {},
    webhooks: {
      retryDelayMs: 1,
      fetch: async (url, init) => {
        const res = await target.handler!(new Request(url as string, init));
        answers.push(res.status);
        return res;
      },
    },
  });
  const fetch = (request: Request) => server!.fetch(request);
  return { target, answers, fetch };
}

describe('createWebhookHandler', () => {
  it('hands each finished WriftAI prediction to the sinks once, and tells onPrediction of every delivery', async () => {
    const { target, answers, fetch } = serverDeliveringTo();
    const { logged, sink } = recordingSink();
    const told: string[] = [];
    target.handler = createWebhookHandler({
      secret: SECRET,
      sinks: [sink],
      onPrediction: (p) => void told.push(p.status),
    });
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch });
    const done = await runPrediction(
      client,
      'predictkit/echo',
      { text: 'hooked' },
      {
        webhook: { url: 'https://app.test/hooks', secret: SECRET },
      },
    );
    await server!.webhooksIdle();
    expect(done.status).toBe('succeeded');
    expect(told.at(-1)).toBe('succeeded');
    expect(logged.map((p) => [p.id, p.status, p.output])).toEqual([[done.id, 'succeeded', 'hooked']]);
    expect(answers.every((status) => status === 200)).toBe(true);
  });

  it('answers a WriftAI delivery retried or replayed as received, without handling it again', async () => {
    const { target, fetch } = serverDeliveringTo();
    const deliveries: Request[] = [];
    target.handler = async (request) => {
      deliveries.push(request.clone());
      return new Response(null, { status: 204 });
    };
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch });
    await runPrediction(
      client,
      'predictkit/echo',
      { text: 'once' },
      {
        webhook: { url: 'https://app.test/hooks', secret: SECRET },
      },
    );
    await server!.webhooksIdle();
    const told: string[] = [];
    const handler = createWebhookHandler({ secret: SECRET, onPrediction: (p) => void told.push(p.status) });
    const delivery = deliveries.at(-1)!;
    const first = await handler(delivery.clone());
    const replayed = await handler(delivery.clone());
    expect([first.status, replayed.status, await replayed.json()]).toEqual([
      200,
      200,
      { detail: 'Already received.' },
    ]);
    expect(told).toEqual(['succeeded']);
    // The same delivery with its signature list reordered or padded is still the same delivery.
    const header = delivery.headers.get(WEBHOOK_SIGNATURE_HEADER)!;
    const padded = new Request(delivery.clone(), {
      headers: { ...Object.fromEntries(delivery.headers), [WEBHOOK_SIGNATURE_HEADER]: `v1=00,${header}` },
    });
    expect(await (await handler(padded)).json()).toEqual({ detail: 'Already received.' });
    // A retry is signed again, at its own time: the same delivery too.
    const body = await delivery.clone().text();
    const t = Math.floor(Date.now() / 1000) + 1;
    const resigned = new Request(delivery.clone(), {
      headers: {
        ...Object.fromEntries(delivery.headers),
        [WEBHOOK_SIGNATURE_HEADER]: `t=${t},v1=${await computeWebhookSignature(SECRET, t, body)}`,
      },
    });
    expect(await (await handler(resigned)).json()).toEqual({ detail: 'Already received.' });
    expect(told).toEqual(['succeeded']);
  });

  it('refuses a delivery signed with another secret, and hands nothing on', async () => {
    const { target, answers, fetch } = serverDeliveringTo();
    const { logged, sink } = recordingSink();
    target.handler = createWebhookHandler({ secret: 'not-the-one', sinks: [sink] });
    const client = createClient({ baseUrl: `${ORIGIN}/v1`, fetch });
    await createPrediction(client, {
      model: 'predictkit/echo',
      input: { text: 'x' },
      webhook: { url: 'https://app.test/hooks', secret: SECRET },
      wait: 5,
    });
    await server!.webhooksIdle();
    expect(answers.length).toBeGreaterThan(0);
    expect(new Set(answers)).toEqual(new Set([401]));
    expect(logged).toEqual([]);
  });

  it('verifies Replicate’s Standard Webhooks, and handles a retried delivery once', async () => {
    const { target, fetch } = serverDeliveringTo();
    const { logged, sink } = recordingSink();
    const client = createClient({ provider: replicate, baseUrl: `${ORIGIN}/replicate/v1`, fetch });
    const { key } = await getWebhookSecret(client);
    let failOnce = true;
    const handler = createWebhookHandler({
      secret: key,
      provider: replicate,
      sinks: [sink],
      onPrediction: (p) => {
        // The app's own handling fails once: the service delivers again, and it is handled then.
        if (p.status === 'succeeded' && failOnce) {
          failOnce = false;
          throw new Error('database down');
        }
      },
      onError: () => {},
    });
    const seen: Request[] = [];
    target.handler = (request) => {
      seen.push(request.clone());
      return handler(request);
    };
    const done = await createPrediction(client, {
      model: 'predictkit/echo',
      input: { text: 'replicated' },
      webhook: { url: 'https://app.test/hooks', events: ['completed'] },
      wait: 5,
    });
    await server!.webhooksIdle();
    expect(failOnce).toBe(false);
    expect(logged.map((p) => [p.id, p.status])).toEqual([[done.id, 'succeeded']]);
    // the same delivery sent once more is answered, not handled again
    const again = await handler(seen.at(-1)!);
    expect(again.status).toBe(200);
    expect(logged).toHaveLength(1);
    expect((await handler(new Request('https://app.test/hooks'))).status).toBe(405);
  });

  it('checks its options; an absent secret at the first delivery, so that a build without it loads', async () => {
    expect(() => createWebhookHandler({ secret: '' })).toThrow('`secret` must be the webhook secret');
    expect(() => createWebhookHandler({ secret: ['s', 1] as never })).toThrow(
      '`secret` must be the webhook secret',
    );
    const told: unknown[] = [];
    const delivery = () => new Request('https://app.test/hooks', { method: 'POST', body: '{}' });
    for (const secret of [process.env.PREDICTKIT_UNSET_SECRET!, [process.env.PREDICTKIT_UNSET_SECRET!]]) {
      const unset = createWebhookHandler({ secret, onError: (error) => told.push(error) });
      const answer = await unset(delivery());
      expect(answer.status).toBe(500);
      expect(await answer.json()).toEqual({
        detail: 'The delivery could not be handled; the server log says why.',
      });
    }
    expect(told.map(String)).toEqual([
      'TypeError: createWebhookHandler: `secret` must be the webhook secret, or a non-empty list of them, got undefined.',
      'TypeError: createWebhookHandler: `secret` must be the webhook secret, or a non-empty list of them, got an array.',
    ]);
    expect(() => createWebhookHandler({ secret: 's', sinks: [{}] as never })).toThrow(
      '`sinks` must be a list of sinks, each with a `log(prediction)` method',
    );
  });

  it('refuses at once what would fail every delivery: a misspelt option, a bad tolerance, a secret that is no whsec_ key', () => {
    expect(() => createWebhookHandler({ secret: 's', onprediction: () => {} } as never)).toThrow(
      'createWebhookHandler: unknown option `onprediction`; known: secret,provider,sinks,onPrediction,',
    );
    for (const toleranceSeconds of ['300', -1, Number.NaN]) {
      expect(() => createWebhookHandler({ secret: 's', toleranceSeconds } as never)).toThrow(
        'createWebhookHandler: `toleranceSeconds` must be a number ≥ 0',
      );
    }
    expect(() => createWebhookHandler({ secret: 'my webhook secret!', provider: replicate })).toThrow(
      'createWebhookHandler: `secret` must be `whsec_` followed by base64',
    );
    expect(() =>
      createWebhookHandler({ secret: process.env.PREDICTKIT_UNSET_SECRET!, provider: replicate }),
    ).not.toThrow();
  });

  it('holds a retry that comes while the first try is running, and handles it if that try fails', async () => {
    const { target, fetch } = serverDeliveringTo();
    const client = createClient({ provider: replicate, baseUrl: `${ORIGIN}/replicate/v1`, fetch });
    const { key } = await getWebhookSecret(client);
    const seen: Request[] = [];
    target.handler = async (request) => {
      seen.push(request.clone());
      return new Response(null, { status: 204 });
    };
    await createPrediction(client, {
      model: 'predictkit/echo',
      input: { text: 'slow' },
      webhook: { url: 'https://app.test/hooks', events: ['completed'] },
      wait: 5,
    });
    await server!.webhooksIdle();
    const delivery = seen.at(-1)!;
    const calls: string[] = [];
    let release!: () => void;
    const handler = createWebhookHandler({
      secret: key,
      provider: replicate,
      onPrediction: async () => {
        calls.push('call');
        if (calls.length === 1) {
          await new Promise<void>((resolve) => (release = resolve));
          throw new Error('database down');
        }
      },
      onError: () => {},
    });
    const first = handler(delivery.clone());
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const retry = handler(delivery.clone());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toHaveLength(1);
    release();
    expect((await first).status).toBe(500);
    const answer = await retry;
    expect([answer.status, await answer.json()]).toEqual([200, { detail: 'Received.' }]);
    expect(calls).toHaveLength(2);
    expect(await (await handler(delivery.clone())).json()).toEqual({ detail: 'Already received.' });
  });
});

describe('createProxyHandler sinks', () => {
  const APP = 'http://app.test';

  it('hand on a finished prediction a browser sees, once, as the service sent it', async () => {
    const { fetch } = serverDeliveringTo();
    const { logged, sink } = recordingSink();
    const proxy = createProxyHandler({
      token: 'server-held',
      upstream: `${ORIGIN}/v1`,
      allowModels: () => true,
      basePath: '/api',
      fetch,
      sinks: [sink],
    });
    const browserReads: string[] = [];
    const visit = withCookies(proxy);
    const browserFetch = (request: Request) => {
      if (request.method === 'GET') browserReads.push(new URL(request.url).pathname);
      return visit(request);
    };
    const client = createClient({ baseUrl: `${APP}/api`, fetch: browserFetch });
    const waited = await runPrediction(client, 'predictkit/echo', { text: 'seen' });
    await runPrediction(client, 'predictkit/echo', { text: 'seen' }).then((p) =>
      client.request('GET', `/predictions/${p.id}`),
    );
    // followed by its stream to the end: the browser reads no prediction after it
    const created = await createPrediction(client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'x', max_tokens: 3 },
    });
    expect(created.status).not.toBe('succeeded');
    const reads = browserReads.length;
    const streamed = await waitForPrediction(client, created, { stream: streamPrediction });
    expect(streamed.status).toBe('succeeded');
    expect(browserReads.slice(reads).filter((path) => path.endsWith(created.id))).toEqual([]);
    // a stream's end is followed by the proxy's own read, which the browser does not wait for
    await vi.waitFor(() => expect(logged.map((p) => p.id)).toContain(streamed.id));
    const ids = logged.map((p) => p.id);
    expect(ids.filter((id) => id === waited.id)).toHaveLength(1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(logged.every((p) => p.status === 'succeeded')).toBe(true);
    // as the service sent it: absolute URLs of the service, not the proxy's
    expect(logged[0]!.urls?.get).toMatch(new RegExp(`^${ORIGIN}/v1/`));
  });
});
