import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Replicate, { validateWebhook } from 'replicate';
import { afterEach, describe, expect, it } from 'vitest';
import { encodePng } from '../../models/png';
import { type ListeningServer, listen } from '../../node/listen';
import { type CliProcess, startCli } from '../cliProcess';
import { type WebhookReceiver, webhookReceiver } from '../webhookReceiver';
import { type RawEvent, type ReplicatePrediction, readRawEvents } from './replicateTestApi';

const dirs: string[] = [];
let running: ListeningServer | undefined;
let cli: (CliProcess & { url: string }) | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await running?.close({ graceMs: 0 });
  cli?.child.kill('SIGKILL');
  await receiver?.close();
  running = cli = receiver = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'predictkit-replicate-'));
  dirs.push(dir);
  return dir;
}

const start = (dataDir: string) => listen({ port: 0, dataDir, timeScale: 0.01, onWarning: () => {} });
const client = (url: string) => new Replicate({ baseUrl: `${url}/replicate/v1` });
const outputs = (events: RawEvent[]) => events.filter((e) => e.event === 'output').map((e) => e.data);
/** The same URL on a server that came back on another port. */
const moved = (url: string, to: string) => `${to}${new URL(url).pathname}${new URL(url).search}`;

describe('--data-dir on the Replicate surface', () => {
  it('keeps predictions, uploads, the webhook secret, version ids and signed URLs across a restart', async () => {
    const dataDir = tempDir();
    running = await start(dataDir);
    let replicate = client(running.url);
    const { key } = await replicate.webhooks.default.secret.get();
    const versions = (await replicate.models.versions.list('predictkit', 'text-generator')).results.map(
      (v) => v.id,
    );
    const generated = (await replicate.predictions.create({
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 8, seed: 1 },
      wait: 10,
    })) as ReplicatePrediction;
    const png = new Uint8Array(
      await encodePng({ width: 2, height: 2, data: new Uint8ClampedArray(16).fill(1) }),
    );
    const file = await replicate.files.create(new Blob([png], { type: 'image/png' }), { kept: true });
    const image = (await replicate.predictions.create({
      model: 'predictkit/image-filter',
      input: { image: file.urls.get },
      wait: 10,
    })) as ReplicatePrediction;
    expect([generated.status, image.status]).toEqual(['succeeded', 'succeeded']);
    await running.close();

    running = await start(dataDir);
    const url = running.url;
    replicate = client(url);
    expect((await replicate.webhooks.default.secret.get()).key).toBe(key);
    expect(
      (await replicate.models.versions.list('predictkit', 'text-generator')).results.map((v) => v.id),
    ).toEqual(versions);
    const again = (await replicate.predictions.get(generated.id)) as ReplicatePrediction;
    expect({ ...again, urls: undefined }).toEqual({ ...generated, urls: undefined });
    // its stream, signed before the restart, replays the stored output: the events themselves are gone
    const events = await readRawEvents(await fetch(moved(generated.urls.stream as string, url)));
    expect(outputs(events)).toEqual(generated.output);
    expect(events.at(-1)?.event).toBe('done');
    expect(await replicate.files.get(file.id)).toEqual({ ...file, urls: { get: moved(file.urls.get, url) } });
    const bytes = await fetch(moved(image.output as string, url));
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('content-type')).toBe('image/png');
    expect((await replicate.predictions.list()).results.map((p) => p.id)).toEqual([image.id, generated.id]);
  });

  it('after a crash, fails the prediction that was running and tells its webhook, signed with the same secret', async () => {
    receiver = await webhookReceiver();
    const dataDir = tempDir();
    cli = await startCli(['--data-dir', dataDir]);
    const { key } = await client(cli.url).webhooks.default.secret.get();
    const created = await client(cli.url).predictions.create({
      model: 'predictkit/slow-task',
      input: { duration_s: 600, steps: 10 },
      webhook: receiver.url,
      webhook_events_filter: ['start', 'completed'],
    });
    await expect.poll(() => receiver?.deliveries.some((p) => p.status === 'processing')).toBe(true);
    cli.child.kill('SIGKILL');
    await cli.exited;

    running = await start(dataDir);
    await running.server.webhooksIdle();
    const last = receiver.requests.at(-1) as WebhookReceiver['requests'][number];
    expect(JSON.parse(last.body)).toMatchObject({
      id: created.id,
      status: 'failed',
      error: expect.stringMatching(/restarted while this prediction was running/),
      // it had started: the time it ran is not counted as queued
      metrics: { predict_time: expect.any(Number), total_time: expect.any(Number) },
    });
    const request = new Request(receiver.url, {
      method: 'POST',
      headers: last.headers as HeadersInit,
      body: last.body,
    });
    expect(await validateWebhook(request, key)).toBe(true);
    expect((await client(running.url).predictions.get(created.id)).status).toBe('failed');
  }, 30_000);
});
