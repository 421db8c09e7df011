import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ListeningServer, listen } from '../node/listen';

const dirs: string[] = [];
let running: ListeningServer | undefined;
afterEach(async () => {
  await running?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  return (await (await fetch(url, init)).json()) as T;
}

const create = (url: string, model: string, input: Record<string, unknown>) =>
  call<Prediction>(`${url}/v1/predictions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, input }),
  });

async function settle(url: string, id: string): Promise<Prediction> {
  for (;;) {
    const p = await call<Prediction>(`${url}/v1/predictions/${id}`);
    if (['succeeded', 'failed', 'canceled'].includes(p.status)) return p;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('--data-dir', () => {
  it('keeps predictions and files across a restart, and fails the ones that were running', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'predictkit-'));
    dirs.push(dataDir);
    running = await listen({ port: 0, dataDir, timeScale: 0.01 });
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

    running = await listen({ port: Number(port), dataDir, timeScale: 0.01 });
    url = running.url;
    expect(await call(`${url}/v1/predictions/${finished.id}`)).toEqual(finished);
    expect(await (await fetch(file)).arrayBuffer()).toEqual(bytes);
    const after = await call<Prediction>(`${url}/v1/predictions/${interrupted.id}`);
    expect(after).toMatchObject({
      status: 'failed',
      error: { source: 'internal', message: expect.stringMatching(/restarted/) },
    });
    const list = await call<{ items: Prediction[] }>(`${url}/v1/predictions`);
    expect(list.items.map((p) => p.id)).toEqual([interrupted.id, finished.id]);
    // new predictions go on from there, newest first
    const next = await create(url, 'predictkit/echo', { text: 'again' });
    expect((await call<{ items: Prediction[] }>(`${url}/v1/predictions`)).items[0]?.id).toBe(next.id);
    const model = await call<{ predictions_count: number }>(`${url}/v1/models/predictkit/image-generator`);
    expect(model.predictions_count).toBe(1);
  });
});
