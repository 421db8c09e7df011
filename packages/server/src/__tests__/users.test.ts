import type { Model, Page, User } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../node/parseCliArgs';
import { as } from './accountApi';
import { ORIGIN, type TestApi, testApi } from './testServer';

let api: TestApi;
afterEach(async () => {
  await api?.server.close();
});

describe('users', () => {
  it('lists users oldest first by default, pages them, and sorts them newest first when asked', async () => {
    api = testApi();
    const first = await api.json<Page<User>>('/v1/users?page_size=5');
    expect(first.body.items).toHaveLength(5);
    expect(first.body.items.slice(0, 2).map((u) => u.username)).toEqual(['predictkit', 'local']);
    const rest = await api.json<Page<User>>(`/v1/users?page_size=5&cursor=${first.body.next_cursor}`);
    const all = [...first.body.items, ...rest.body.items];
    expect(rest.body.next_cursor).toBeNull();
    const created = all.map((u) => u.created_at);
    expect(created).toEqual([...created].sort());
    for (const user of all) {
      expect(user.avatar_url).toBe(`${ORIGIN}/avatars/${user.id}.svg`);
      expect(user).not.toHaveProperty('urls');
    }
    const desc = await api.json<Page<User>>('/v1/users?sort_by=created_at&sort_direction=desc&page_size=50');
    expect(desc.body.items.map((u) => u.id)).toEqual(all.map((u) => u.id).reverse());
    expect((await api.json('/v1/users?sort_by=username')).status).toBe(422);
    expect((await api.json('/v1/users?sort_direction=up')).status).toBe(422);
    expect((await api.json('/v1/users?page_size=4')).status).toBe(422);
  });

  it('gets a user with details, searches users, and serves their avatars without a token', async () => {
    api = testApi({ tokens: ['t'] });
    const me = as(api, 't');
    const owner = await me.get<User>('/v1/users/predictkit');
    expect(owner.body).toMatchObject({ username: 'predictkit', urls: ['https://github.com/predictkit'] });
    expect((await me.get('/v1/users/nobody')).status).toBe(404);
    const found = await me.get<Page<User>>('/v1/search/users?q=hopper');
    expect(found.body.items.map((u) => u.username)).toEqual(['grace']);
    expect((await me.get<Page<User>>('/v1/search/users?q=zzzz')).body.items).toEqual([]);
    expect((await me.get('/v1/search/users')).status).toBe(422);
    const avatar = await api.request(new URL(owner.body.avatar_url as string).pathname);
    expect(avatar.status).toBe(200);
    expect(avatar.headers.get('content-type')).toBe('image/svg+xml');
    expect(await avatar.text()).toMatch(/^<svg /);
    expect((await api.request('/avatars/%2e%2e%2fuser.svg')).status).toBe(404);
    expect((await api.request('/avatars/not-an-id.svg')).status).toBe(404);
  });

  it('answers the authenticated user, and changes only the fields sent', async () => {
    api = testApi();
    const me = as(api, undefined);
    const before = await me.get<User>('/v1/user');
    expect(before.body).toMatchObject({ username: 'local', urls: [], updated_at: null });
    expect(before.body.avatar_url).toBe(`${ORIGIN}/avatars/${before.body.id}.svg`);
    const changed = await me.send<User>('PATCH', '/v1/user', {
      bio: 'Trying things out.',
      urls: ['https://example.com/me'],
      company: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id: before.body.id,
      username: 'local',
      name: before.body.name,
      bio: 'Trying things out.',
      urls: ['https://example.com/me'],
      company: null,
      updated_at: expect.stringMatching(/Z$/),
    });
    const renamed = await me.send<User>('PATCH', '/v1/user', { username: 'lin' });
    expect(renamed.body.username).toBe('lin');
    expect((await me.get<User>('/v1/users/lin')).body.id).toBe(before.body.id);
    expect((await me.get('/v1/users/local')).status).toBe(404);
  });

  it('refuses a change that is not valid, or a username taken', async () => {
    api = testApi();
    const me = as(api, undefined);
    const issues = async (body: unknown) => {
      const answer = await me.send<{ detail: { loc: unknown[]; type: string }[] }>('PATCH', '/v1/user', body);
      expect(answer.status).toBe(422);
      return answer.body.detail.map((issue) => [issue.loc.join('.'), issue.type]);
    };
    expect(await issues({ username: 'Not Valid' })).toEqual([['body.username', 'string_pattern_mismatch']]);
    expect(await issues({ username: '../etc' })).toEqual([['body.username', 'string_pattern_mismatch']]);
    expect(await issues({ username: null })).toEqual([['body.username', 'string_type']]);
    expect(await issues({ urls: ['javascript:alert(1)'] })).toEqual([['body.urls.0', 'url_parsing']]);
    expect(await issues({ bio: 'x'.repeat(501) })).toEqual([['body.bio', 'string_too_long']]);
    expect(await issues({ email: 'a@b.c' })).toEqual([['body.email', 'extra_forbidden']]);
    expect(await issues([])).toEqual([['body', 'dict_type']]);
    const taken = await me.send<{ detail: string }>('PATCH', '/v1/user', { username: 'predictkit' });
    expect(taken.status).toBe(409);
    expect((await me.get<User>('/v1/user')).body.username).toBe('local');
  });

  it('acts as the account whose token is sent, and needs a token once accounts exist', async () => {
    api = testApi({ accounts: [{ username: 'sam', token: 'sam-token' }], tokens: ['local-token'] });
    expect((await as(api, 'sam-token').get<User>('/v1/user')).body.username).toBe('sam');
    expect((await as(api, 'local-token').get<User>('/v1/user')).body.username).toBe('local');
    expect((await as(api, undefined).get('/v1/user')).status).toBe(401);
    expect((await as(api, 'other').send('PATCH', '/v1/user', { bio: 'x' })).status).toBe(401);
    const sam = await as(api, 'sam-token').get<User>('/v1/users/sam');
    expect(sam.body.avatar_url).toBe(`${ORIGIN}/avatars/${sam.body.id}.svg`);
  });

  it("lists the authenticated user's models, private ones included", async () => {
    api = testApi();
    const me = as(api, undefined);
    expect((await me.get<Page<Model>>('/v1/user/models')).body.items).toEqual([]);
    await me.send('POST', '/v1/models', { name: 'first', hardware_identifier: 'cpu' });
    await me.send('POST', '/v1/models', { name: 'second', hardware_identifier: 'cpu', visibility: 'public' });
    const mine = await me.get<Page<Model>>('/v1/user/models?page_size=5');
    expect(mine.body.items.map((m) => [m.name, m.visibility]).sort()).toEqual([
      ['first', 'private'],
      ['second', 'public'],
    ]);
    expect((await me.get('/v1/user/models?page_size=51')).status).toBe(422);
  });
});

describe('--account', () => {
  it('reads <username>:<token>, the token free to hold colons, and never echoes a bad one', () => {
    expect(parseCliArgs(['--account', 'sam:a:b', '--account', 'kim:t']).accounts).toEqual([
      { username: 'sam', token: 'a:b' },
      { username: 'kim', token: 't' },
    ]);
    for (const bad of ['no-colon-secret', 'Sam:t', 'sam:', ':t']) {
      expect(() => parseCliArgs(['--account', bad])).toThrow(/--account must be <username>:<token>/);
      try {
        parseCliArgs(['--account', bad]);
      } catch (error) {
        expect((error as Error).message).not.toContain(bad);
      }
    }
  });
});
