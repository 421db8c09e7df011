import type { Model, ModelVersion, Page } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestApi, testApi } from './testServer';

let api: TestApi;
afterEach(async () => {
  await api?.server.close();
});

const DEMO_MODELS = [
  'echo',
  'text-generator',
  'image-generator',
  'image-filter',
  'tone-synth',
  'sentiment',
  'slow-task',
  'unreliable',
];

describe('models', () => {
  it('lists the eight demo models, sorted and filtered as asked', async () => {
    api = testApi();
    const { body } = await api.json<Page<Model>>('/v1/models');
    expect(body.items.map((m) => m.name).sort()).toEqual([...DEMO_MODELS].sort());
    for (const model of body.items) {
      expect(model).toMatchObject({ owner: { username: 'predictkit' }, visibility: 'public' });
      expect(model).not.toHaveProperty('latest_version');
    }
    const ascending = await api.json<Page<Model>>('/v1/models?sort_by=created_at&sort_direction=asc');
    const created = ascending.body.items.map((m) => m.created_at);
    expect(created).toEqual([...created].sort());

    await api.create('predictkit/sentiment', { text: 'great' });
    await api.create('predictkit/sentiment', { text: 'awful' });
    await api.create('predictkit/echo', { text: 'x' });
    const popular = await api.json<Page<Model>>('/v1/models?sort_by=predictions_count');
    expect(popular.body.items.slice(0, 2).map((m) => [m.name, m.predictions_count])).toEqual([
      ['sentiment', 2],
      ['echo', 1],
    ]);

    const slug = body.items[0]?.categories[0]?.slug as string;
    const filtered = await api.json<Page<Model>>(`/v1/models?category_slugs=${slug}&category_slugs=testing`);
    expect(filtered.body.items.length).toBeGreaterThan(0);
    for (const m of filtered.body.items)
      expect(m.categories.some((c) => [slug, 'testing'].includes(c.slug))).toBe(true);

    expect((await api.json('/v1/models?sort_by=name')).status).toBe(422);
    expect((await api.json('/v1/models?sort_direction=up')).status).toBe(422);
    const paged = await api.json<Page<Model>>('/v1/models?page_size=5');
    expect(paged.body.items).toHaveLength(5);
    const rest = await api.json<Page<Model>>(`/v1/models?page_size=5&cursor=${paged.body.next_cursor}`);
    expect(rest.body.items).toHaveLength(3);
    expect(rest.body.next_cursor).toBeNull();
  });

  it('gets a model with its latest version and schemas, and lists an owner’s models', async () => {
    api = testApi();
    const { body } = await api.json<Model>('/v1/models/predictkit/text-generator');
    expect(body.latest_version?.number).toBe(2);
    expect(body.latest_version?.schemas?.prediction.input).toMatchObject({ type: 'object' });
    expect(body.latest_version?.schemas?.prediction.output).toMatchObject({ type: 'array' });
    expect(body.overview).toBeTruthy();
    const owner = await api.json<Page<Model>>('/v1/models/predictkit');
    expect(owner.body.items).toHaveLength(8);
    expect((await api.json('/v1/models/nobody')).status).toBe(404);
    expect((await api.json('/v1/models/predictkit/nope')).status).toBe(404);
  });

  it('lists versions newest first and gets one with schemas', async () => {
    api = testApi();
    const versions = await api.json<Page<ModelVersion>>('/v1/models/predictkit/text-generator/versions');
    expect(versions.body.items.map((v) => v.number)).toEqual([2, 1]);
    expect(versions.body.items[0]).not.toHaveProperty('schemas');
    const one = await api.json<ModelVersion>('/v1/models/predictkit/text-generator/versions/1');
    expect(one.body.schemas?.prediction.input).toBeTruthy();
    expect(one.body.container_image_digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await api.json('/v1/models/predictkit/text-generator/versions/3')).status).toBe(404);
    expect((await api.json('/v1/models/predictkit/text-generator/versions/x')).status).toBe(422);
  });

  it('searches models, and lists hardware, categories and the user', async () => {
    api = testApi();
    const images = await api.json<Page<Model>>('/v1/search/models?q=image');
    expect(images.body.items.map((m) => m.name).sort()).toEqual(['image-filter', 'image-generator']);
    expect((await api.json<Page<Model>>('/v1/search/models?q=zzzz')).body.items).toEqual([]);
    expect((await api.json('/v1/search/models')).status).toBe(422);
    const hardware = await api.json<Page<{ identifier: string; name: string }>>('/v1/hardware');
    expect(hardware.body.items.length).toBeGreaterThan(0);
    const categories = await api.json<Page<{ slug: string }>>('/v1/model_categories');
    expect(categories.body.items.length).toBeGreaterThan(2);
    const user = await api.json<{ username: string }>('/v1/user');
    expect(user.body.username).toBe('local');
  });
});
