import type { Page, PredictionListItem } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestApi, testApi } from './testServer';

let api: TestApi;
afterEach(async () => {
  await api?.server.close();
});

async function createMany(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await api.create('predictkit/echo', { text: `#${i}` })).id);
  return ids;
}

describe('GET /v1/predictions', () => {
  it('pages newest first with 25 by default and accepts page_size 5..50 only', async () => {
    api = testApi();
    const ids = await createMany(30);
    const first = await api.json<Page<PredictionListItem>>('/v1/predictions');
    expect(first.body.items).toHaveLength(25);
    expect(first.body.items[0]?.id).toBe(ids.at(-1));
    expect(first.body.previous_cursor).toBeNull();
    expect(first.body.next_url).toBe(`/v1/predictions?cursor=${first.body.next_cursor}`);
    // list rows leave out what can be large or private
    expect(first.body.items[0]).not.toHaveProperty('input');
    expect(first.body.items[0]).not.toHaveProperty('logs');
    for (const [size, status] of [
      [4, 422],
      [5, 200],
      [50, 200],
      [51, 422],
    ] as const) {
      const answer = await api.json<{ detail: { loc: string[] }[] }>(`/v1/predictions?page_size=${size}`);
      expect({ size, status: answer.status }).toEqual({ size, status });
      if (status === 422) expect(answer.body.detail[0]?.loc).toEqual(['query', 'page_size']);
    }
    expect((await api.json('/v1/predictions?page_size=ten')).status).toBe(422);
    expect((await api.json('/v1/predictions?cursor=garbage')).status).toBe(422);
  });

  it('walks 120 predictions by cursor with no duplicate and no gap while new ones are created', async () => {
    api = testApi();
    const ids = await createMany(120);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const { body }: { body: Page<PredictionListItem> } = await api.json<Page<PredictionListItem>>(
        `/v1/predictions?page_size=7${query}`,
      );
      seen.push(...body.items.map((item) => item.id));
      await api.create('predictkit/echo', { text: 'created while paging' });
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('goes back with previous_cursor to exactly the page before', async () => {
    api = testApi();
    await createMany(12);
    const first = await api.json<Page<PredictionListItem>>('/v1/predictions?page_size=5');
    const second = await api.json<Page<PredictionListItem>>(
      `/v1/predictions?page_size=5&cursor=${first.body.next_cursor}`,
    );
    const back = await api.json<Page<PredictionListItem>>(
      `/v1/predictions?page_size=5&cursor=${second.body.previous_cursor}`,
    );
    expect(back.body.items.map((i) => i.id)).toEqual(first.body.items.map((i) => i.id));
    const third = await api.json<Page<PredictionListItem>>(
      `/v1/predictions?page_size=5&cursor=${second.body.next_cursor}`,
    );
    expect(third.body.items).toHaveLength(2);
    expect(third.body.next_cursor).toBeNull();
  });
});
