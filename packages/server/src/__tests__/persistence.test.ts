import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ListeningServer, listen } from '../node/listen';
import { type CliProcess, startCli } from './cliProcess';
import { type WebhookReceiver, webhookReceiver } from './webhookReceiver';

const dirs: string[] = [];
let running: ListeningServer | undefined;
let cli: (CliProcess & { url: string }) | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await running?.close({ graceMs: 0 });
  cli?.child.kill('SIGKILL');
  await receiver?.close();
  running = undefined;
  cli = undefined;
  receiver = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  return (await (await fetch(url, init)).json()) as T;
}

const create = (url: string, model: string, input: Record<string, unknown>, webhook?: string) =>
  call<Prediction>(`${url}/v1/predictions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, input, ...(webhook ? { webhook: { url: webhook } } : {}) }),
  });

async function settle(url: string, id: string): Promise<Prediction> {
  for (;;) {
    const p = await call<Prediction>(`${url}/v1/predictions/${id}`);
    if (['succeeded', 'failed', 'canceled'].includes(p.status)) return p;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'predictkit-'));
  dirs.push(dir);
  return dir;
}

describe('--data-dir', () => {
  it('keeps predictions and files across a restart; one running at close fails as shut down', async () => {
    const dataDir = tempDir();
    running = await listen({ port: 0, dataDir, timeScale: 0.01, onWarning: () => {} });
    let url = running.url;
    const finished = await settle(
      url,
      (await create(url, 'predictkit/image-generator', { prompt: 'x', width: 64, height: 64 })).id,
    );
    const file = (finished.output as string[])[0] as string;
    const bytes = await (await fetch(file)).arrayBuffer();
    const interrupted = await create(url, 'predictkit/slow-task', { duration_s: 600, steps: 10 });
    const port = new URL(url).port;
    await running.close();
    // let the client see its keep-alive sockets closed before it talks to the new process
    await new Promise((resolve) => setTimeout(resolve, 100));

    running = await listen({ port: Number(port), dataDir, timeScale: 0.01, onWarning: () => {} });
    url = running.url;
    expect(await call(`${url}/v1/predictions/${finished.id}`)).toEqual(finished);
    expect(await (await fetch(file)).arrayBuffer()).toEqual(bytes);
    const after = await call<Prediction>(`${url}/v1/predictions/${interrupted.id}`);
    expect(after).toMatchObject({
      status: 'failed',
      error: {
        source: 'internal',
        message: expect.stringMatching(/shut down before this prediction finished/),
      },
    });
    const list = await call<{ items: Prediction[] }>(`${url}/v1/predictions`);
    expect(list.items.map((p) => p.id)).toEqual([interrupted.id, finished.id]);
    // new predictions go on from there, newest first
    const next = await create(url, 'predictkit/echo', { text: 'again' });
    expect((await call<{ items: Prediction[] }>(`${url}/v1/predictions`)).items[0]?.id).toBe(next.id);
    const model = await call<{ predictions_count: number }>(`${url}/v1/models/predictkit/image-generator`);
    expect(model.predictions_count).toBe(1);
  });

  it('after a crash, fails the predictions that were running and sends their terminal webhook', async () => {
    receiver = await webhookReceiver();
    const dataDir = tempDir();
    cli = await startCli(['--data-dir', dataDir, '--concurrency', '1']);
    const runningOne = await create(
      cli.url,
      'predictkit/slow-task',
      { duration_s: 600, steps: 10 },
      receiver.url,
    );
    const queued = await create(cli.url, 'predictkit/echo', { text: 'queued' }, receiver.url);
    await expect.poll(() => receiver?.deliveries.some((p) => p.status === 'started')).toBe(true);
    cli.child.kill('SIGKILL');
    await cli.exited;

    running = await listen({ port: 0, dataDir, timeScale: 0.01, onWarning: () => {} });
    await running.server.webhooksIdle();
    const url = running.url;
    expect(await call<Prediction>(`${url}/v1/predictions/${runningOne.id}`)).toMatchObject({
      status: 'failed',
      error: {
        source: 'internal',
        message: expect.stringMatching(/restarted while this prediction was running/),
      },
    });
    expect(receiver.terminal(runningOne.id)?.error?.message).toMatch(/restarted while/);
    expect(receiver.terminal(queued.id)?.error?.message).toMatch(/restarted before this prediction started/);
  }, 30_000);
});
