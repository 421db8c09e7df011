import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerOptions } from '../../options';
import { type WebhookReceiver, webhookReceiver } from '../webhookReceiver';
import { R, type ReplicatePrediction, type ReplicateTestApi, replicateApi } from './replicateTestApi';

let api: ReplicateTestApi;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await api?.server.close({ graceMs: 0 });
  await receiver?.close();
  receiver = undefined;
});

/** A server whose webhook deliveries go to a real receiver, with the time each attempt was sent. */
async function withReceiver(options: ServerOptions = {}, statuses: number[] = []) {
  receiver = await webhookReceiver({ statuses });
  const sentAt: number[] = [];
  api = replicateApi({
    webhooks: {
      retryDelayMs: 10,
      fetch: (input, init) => {
        sentAt.push(performance.now());
        return fetch(input, init);
      },
    },
    ...options,
  });
  const { key } = (await api.json<{ key: string }>(`${R}/webhooks/default/secret`)).body;
  return { receiver, sentAt, key };
}

const bodies = () =>
  (receiver as WebhookReceiver).requests.map((r) => JSON.parse(r.body) as ReplicatePrediction);

/** Standard Webhooks, checked with node:crypto rather than the server's code. */
function verify(key: string, request: WebhookReceiver['requests'][number]): boolean {
  const id = request.headers['webhook-id'] as string;
  const timestamp = request.headers['webhook-timestamp'] as string;
  const expected = createHmac('sha256', Buffer.from(key.slice('whsec_'.length), 'base64'))
    .update(`${id}.${timestamp}.${request.body}`)
    .digest();
  return (request.headers['webhook-signature'] as string)
    .split(' ')
    .some(
      (entry) => entry.startsWith('v1,') && timingSafeEqual(Buffer.from(entry.slice(3), 'base64'), expected),
    );
}

describe('Replicate webhooks', () => {
  it('by default send new output, at most one every 500 ms, and the end, all signed', async () => {
    const { sentAt, key } = await withReceiver({ timeScale: 0.1 });
    const created = await api.run(
      'predictkit/text-generator',
      { prompt: 'Alice', max_tokens: 200, seed: 1 },
      {},
      { webhook: (receiver as WebhookReceiver).url },
    );
    expect(created).toMatchObject({ webhook: receiver?.url, webhook_events_filter: ['output', 'completed'] });
    const final = await api.finish(created.id);
    await api.server.webhooksIdle();
    const delivered = bodies();
    const last = delivered.at(-1) as ReplicatePrediction;
    expect(last).toEqual({ ...(await api.get(created.id)), webhook: receiver?.url });
    expect(last.status).toBe('succeeded');
    const updates = delivered.slice(0, -1);
    expect(updates.length).toBeGreaterThanOrEqual(2);
    // throttled: far fewer deliveries than tokens, each carrying all the output so far
    expect(updates.length).toBeLessThan((final.output as string[]).length / 3);
    for (const update of updates) {
      expect(update.status).toBe('processing');
      expect(final.output).toEqual(expect.arrayContaining(update.output as string[]));
    }
    // Timed on arrival: two deliveries sent 500 ms apart can arrive closer on a loaded machine, but
    // unthrottled ones would arrive a token apart (a few ms).
    const gaps = sentAt.slice(1, -1).map((t, i) => t - (sentAt[i] as number));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(400);
    for (const request of receiver?.requests ?? []) {
      expect(request.headers['webhook-id']).toMatch(/^msg_/);
      expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
      expect(verify(key, request)).toBe(true);
    }
  });

  it('send start and completed alone when filtered so, and nothing for a create without a webhook', async () => {
    await withReceiver();
    const created = await api.run(
      'predictkit/slow-task',
      { duration_s: 20, steps: 20 },
      {},
      { webhook: (receiver as WebhookReceiver).url, webhook_events_filter: ['start', 'completed'] },
    );
    await api.run('predictkit/echo', { text: 'no hook' }, { prefer: 'wait=5' });
    await api.finish(created.id);
    await api.server.webhooksIdle();
    expect(bodies().map((p) => [p.id, p.status])).toEqual([
      [created.id, 'processing'],
      [created.id, 'succeeded'],
    ]);
  });

  it('send throttled logs, and what waited goes out at its turn when the prediction ends without completed', async () => {
    const { sentAt } = await withReceiver({ timeScale: 0.1 });
    const created = await api.run(
      'predictkit/slow-task',
      { duration_s: 15, steps: 30 },
      {},
      { webhook: (receiver as WebhookReceiver).url, webhook_events_filter: ['logs'] },
    );
    const final = await api.finish(created.id);
    await api.server.webhooksIdle();
    const delivered = bodies();
    expect(delivered.length).toBeGreaterThan(1);
    expect(delivered.length).toBeLessThan(30);
    // the last one waiting for the throttle went out at the end, so every log line reached the receiver
    expect(delivered.at(-1)?.logs).toBe(final.logs);
    // each was sent 500 ms after the one before, the last one too
    const gaps = sentAt.slice(1).map((t, i) => t - (sentAt[i] as number));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(490);
  });

  it('sends completed for an aborted prediction, and keeps the webhook-id across retries', async () => {
    const { key } = await withReceiver({ concurrency: 1 }, [500, 503]);
    await api.run('predictkit/slow-task', { duration_s: 600, steps: 2 });
    const aborted = await api.run(
      'predictkit/echo',
      { text: 'late' },
      { 'cancel-after': '100ms' },
      { webhook: (receiver as WebhookReceiver).url },
    );
    expect((await api.finish(aborted.id)).status).toBe('aborted');
    await api.server.webhooksIdle();
    const requests = receiver?.requests ?? [];
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const request of requests) expect(verify(key, request)).toBe(true);
    expect(JSON.parse(requests[2]?.body as string)).toMatchObject({ id: aborted.id, status: 'aborted' });
  });

  it('signs with a secret of the whsec_ form that stays the server’s', async () => {
    api = replicateApi();
    const first = (await api.json<{ key: string }>(`${R}/webhooks/default/secret`)).body.key;
    expect(first).toMatch(/^whsec_[A-Za-z\d+/]{32}$/);
    expect((await api.json<{ key: string }>(`${R}/webhooks/default/secret`)).body.key).toBe(first);
    const other = replicateApi();
    expect((await other.json<{ key: string }>(`${R}/webhooks/default/secret`)).body.key).not.toBe(first);
    await other.server.close();
  });
});
