import type { Model, Page } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { as } from './accountApi';
import { ORIGIN, type TestApi, testApi } from './testServer';

let api: TestApi;
afterEach(async () => {
  await api?.server.close();
});

type Issues = { detail: { loc: (string | number)[]; type: string }[] };

const twoUsers = () => {
  api = testApi({
    accounts: [
      { username: 'sam', token: 'sam-token' },
      { username: 'kim', token: 'kim-token' },
    ],
  });
  return { sam: as(api, 'sam-token'), kim: as(api, 'kim-token') };
};

describe('model writes', () => {
  it('creates a private model by default, with details and the caller as owner', async () => {
    api = testApi();
    const me = as(api, undefined);
    const created = await me.send<Model>('POST', '/v1/models', {
      name: 'my-model',
      hardware_identifier: 'cpu',
      description: 'Mine.',
      source_url: 'https://example.com/src',
      category_slugs: ['testing'],
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/models/local/my-model');
    expect(created.body).toMatchObject({
      name: 'my-model',
      visibility: 'private',
      description: 'Mine.',
      owner: { username: 'local', avatar_url: expect.stringMatching(new RegExp(`^${ORIGIN}/avatars/`)) },
      hardware: { identifier: 'cpu', name: 'CPU' },
      categories: [{ name: 'Testing', slug: 'testing' }],
      predictions_count: 0,
      overview: null,
      source_url: 'https://example.com/src',
      license_url: null,
      paper_url: null,
      latest_version: null,
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await me.get<Model>('/v1/models/local/my-model')).body).toEqual(created.body);
    const again = await me.send('POST', '/v1/models', { name: 'my-model', hardware_identifier: 'cpu' });
    expect(again.status).toBe(409);
  });

  it('refuses bodies that are not valid, naming each field', async () => {
    api = testApi();
    const me = as(api, undefined);
    const issues = async (body: unknown) => {
      const answer = await me.send<Issues>('POST', '/v1/models', body);
      expect(answer.status).toBe(422);
      return answer.body.detail.map((issue) => [issue.loc.join('.'), issue.type]);
    };
    expect(await issues({})).toEqual([
      ['body.name', 'missing'],
      ['body.hardware_identifier', 'missing'],
    ]);
    const ok = { name: 'm', hardware_identifier: 'cpu' };
    expect(await issues({ ...ok, name: 'Bad Name' })).toEqual([['body.name', 'string_pattern_mismatch']]);
    expect(await issues({ ...ok, name: '..' })).toEqual([['body.name', 'string_pattern_mismatch']]);
    expect(await issues({ ...ok, visibility: 'hidden' })).toEqual([['body.visibility', 'enum']]);
    expect(await issues({ ...ok, paper_url: 'file:///etc/passwd' })).toEqual([
      ['body.paper_url', 'url_parsing'],
    ]);
    expect(await issues({ ...ok, description: 5 })).toEqual([['body.description', 'string_type']]);
    expect(await issues({ ...ok, category_slugs: 'testing' })).toEqual([
      ['body.category_slugs', 'list_type'],
    ]);
    expect(await issues({ ...ok, owner: 'predictkit' })).toEqual([['body.owner', 'extra_forbidden']]);
    expect(await issues({ ...ok, hardware_identifier: 'tpu' })).toEqual([
      ['body.hardware_identifier', 'value_error'],
    ]);
    expect(await issues({ ...ok, category_slugs: ['testing', 'nope'] })).toEqual([
      ['body.category_slugs.1', 'value_error'],
    ]);
    expect(await issues('not an object')).toEqual([['body', 'dict_type']]);
    expect((await me.get<Page<Model>>('/v1/user/models')).body.items).toEqual([]);
  });

  it('shows a private model to its owner only', async () => {
    const { sam, kim } = twoUsers();
    await sam.send('POST', '/v1/models', { name: 'secret', hardware_identifier: 'cpu' });
    expect((await sam.get('/v1/models/sam/secret')).status).toBe(200);
    expect((await kim.get('/v1/models/sam/secret')).status).toBe(404);
    expect((await kim.get('/v1/models/sam/secret/versions')).status).toBe(404);
    expect((await kim.get<Page<Model>>('/v1/models/sam')).body.items).toEqual([]);
    expect((await sam.get<Page<Model>>('/v1/models/sam')).body.items.map((m) => m.name)).toEqual(['secret']);
    const listed = async (who: typeof sam, path: string) =>
      (await who.get<Page<Model>>(path)).body.items.map((m) => `${m.owner.username}/${m.name}`);
    expect(await listed(sam, '/v1/models?page_size=50')).not.toContain('sam/secret');
    expect(await listed(sam, '/v1/search/models?q=secret')).toEqual(['sam/secret']);
    expect(await listed(kim, '/v1/search/models?q=secret')).toEqual([]);
    const run = await kim.send('POST', '/v1/models/sam/secret/predictions', { input: {} });
    expect(run.status).toBe(404);
    // made public, everyone sees it
    await sam.send('PATCH', '/v1/models/sam/secret', { visibility: 'public' });
    expect(await listed(kim, '/v1/models?page_size=50')).toContain('sam/secret');
    expect((await kim.get('/v1/models/sam/secret')).status).toBe(200);
  });

  it('changes only what a PATCH sends, and lets only the owner change or delete', async () => {
    const { sam, kim } = twoUsers();
    const created = await sam.send<Model>('POST', '/v1/models', {
      name: 'draft',
      hardware_identifier: 'cpu',
      visibility: 'public',
      description: 'First words.',
      overview: 'Long text.',
    });
    const patched = await sam.send<Model>('PATCH', '/v1/models/sam/draft', {
      name: 'final',
      description: null,
      license_url: 'https://example.com/license',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      id: created.body.id,
      name: 'final',
      description: null,
      overview: 'Long text.',
      visibility: 'public',
      license_url: 'https://example.com/license',
      created_at: created.body.created_at,
    });
    expect((patched.body.updated_at as string) >= (created.body.updated_at as string)).toBe(true);
    expect((await sam.get('/v1/models/sam/draft')).status).toBe(404);
    const bad = await sam.send<Issues>('PATCH', '/v1/models/sam/final', { name: null, visibility: 'x' });
    expect(bad.body.detail.map((i) => i.loc.join('.'))).toEqual(['body.name', 'body.visibility']);

    expect((await kim.send('PATCH', '/v1/models/sam/final', { description: 'mine now' })).status).toBe(403);
    expect((await kim.send('DELETE', '/v1/models/sam/final')).status).toBe(403);
    expect((await sam.send('PATCH', '/v1/models/predictkit/echo', { description: 'x' })).status).toBe(403);
    expect((await sam.send('DELETE', '/v1/models/predictkit/echo')).status).toBe(403);
    expect((await sam.get('/v1/models/predictkit/echo')).status).toBe(200);
    expect((await sam.send('PATCH', '/v1/models/sam/nothing', {})).status).toBe(404);

    const deleted = await sam.send('DELETE', '/v1/models/sam/final');
    expect(deleted).toMatchObject({ status: 200, body: null });
    expect((await sam.get('/v1/models/sam/final')).status).toBe(404);
    expect((await sam.send('DELETE', '/v1/models/sam/final')).status).toBe(404);
  });

  it('needs a token for every write on a server started with tokens', async () => {
    api = testApi({ tokens: ['t'] });
    const body = { name: 'x', hardware_identifier: 'cpu' };
    expect((await as(api, undefined).send('POST', '/v1/models', body)).status).toBe(401);
    expect((await as(api, 'wrong').send('POST', '/v1/models', body)).status).toBe(401);
    expect((await as(api, 't').send('POST', '/v1/models', body)).status).toBe(201);
    expect((await as(api, undefined).send('DELETE', '/v1/models/local/x')).status).toBe(401);
    expect((await as(api, 't').get('/v1/models/local/x')).status).toBe(200);
  });
});
