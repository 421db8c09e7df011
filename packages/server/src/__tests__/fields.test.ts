import type { Model, Page, Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ListeningServer, listen } from '../node/listen';
import { ORIGIN, type TestApi, testApi } from './testServer';
import { type WebhookReceiver, webhookReceiver } from './webhookReceiver';

let api: TestApi | undefined;
let running: ListeningServer | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await api?.server.close();
  await running?.close({ graceMs: 0 });
  await receiver?.close();
  api = running = receiver = undefined;
});

type WithUrl = Prediction & { url: string };

describe('fields the official client reads', () => {
  it('gives every prediction its get URL as `url`: create, get, list items and webhook bodies', async () => {
    receiver = await webhookReceiver();
    running = await listen({ port: 0, timeScale: 0.01, onWarning: () => {} });
    const created = (await (
      await fetch(`${running.url}/v1/predictions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'predictkit/echo',
          input: { text: 'x' },
          webhook: { url: receiver.url },
        }),
      })
    ).json()) as WithUrl;
    const getUrl = `${running.url}/v1/predictions/${created.id}`;
    expect(created.url).toBe(getUrl);
    expect(((await (await fetch(created.url)).json()) as WithUrl).url).toBe(getUrl);
    const list = (await (await fetch(`${running.url}/v1/predictions`)).json()) as Page<WithUrl>;
    expect(list.items[0]).toMatchObject({ id: created.id, url: getUrl });
    await expect.poll(() => receiver?.terminal(created.id)).toBeTruthy();
    for (const delivery of receiver.deliveries) expect((delivery as WithUrl).url).toBe(getUrl);
  });

  it('lists hardware with its machine, and categories with a description', async () => {
    api = testApi();
    const hardware = await api.json<Page<Record<string, unknown>>>('/v1/hardware');
    expect(hardware.body.items).toEqual([
      {
        identifier: 'cpu',
        name: 'CPU',
        gpus: expect.any(Number),
        cpus: expect.any(Number),
        ram_per_gpu_gb: expect.any(Number),
        ram_gb: expect.any(Number),
        created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
      },
    ]);
    const categories =
      await api.json<Page<{ name: string; slug: string; description: string }>>('/v1/model_categories');
    expect(categories.body.items.length).toBeGreaterThan(2);
    for (const category of categories.body.items) {
      expect(Object.keys(category).sort()).toEqual(['description', 'name', 'slug']);
      expect(category.description.length).toBeGreaterThan(10);
    }
  });

  it('never sends a null avatar_url for an owner', async () => {
    api = testApi();
    const listed = await api.json<Page<Model>>('/v1/models?page_size=50');
    const one = await api.json<Model>('/v1/models/predictkit/echo');
    for (const model of [...listed.body.items, one.body]) {
      expect(model.owner.avatar_url).toBe(`${ORIGIN}/avatars/${model.owner.id}.svg`);
    }
    const account = await api.json<{ avatar_url: string }>('/replicate/v1/account');
    expect(account.body.avatar_url).toMatch(new RegExp(`^${ORIGIN}/avatars/[0-9a-f-]{36}\\.svg$`));
  });
});
