import { describe, expect, it, vi } from 'vitest';
import { wriftaiCatalog } from '../catalog/wriftaiCatalog';
import { createClient } from '../createClient';
import type { CatalogRoutes } from '../provider';
import { replicate } from '../replicate/replicate';
import { getUserByName, listUserModels, listUsers, searchUsers, updateUser } from './users';

const setup = (provider = {}) => {
  const fetch = vi.fn(async (_request: Request) => Response.json({}));
  return { fetch, client: createClient({ baseUrl: 'http://api.test/v1', fetch, ...provider }) };
};

describe('users', () => {
  it('builds the routes, with their page and sort parameters', () => {
    const routes = wriftaiCatalog.routes as Required<CatalogRoutes>;
    expect(routes.users({ sortDirection: 'desc', pageSize: 5 })).toBe(
      '/users?page_size=5&sort_direction=desc',
    );
    expect(routes.userByName('a b')).toBe('/users/a%20b');
    expect(() => routes.userByName('..')).toThrow('`username` must be one path segment');
    expect(routes.searchUsers('ada l', { cursor: 'c' })).toBe('/search/users?q=ada+l&cursor=c');
    expect(routes.userModels({ pageSize: 50 })).toBe('/user/models?page_size=50');
  });

  it('refuses bad arguments before sending', async () => {
    const { client, fetch } = setup();
    const cases: [Promise<unknown>, string][] = [
      [searchUsers(client, ''), 'searchUsers: `query` must be a non-empty string, got "".'],
      [listUsers(client, { pageSize: 0 }), 'listUsers: `pageSize` must be a whole number ≥ 1, got 0.'],
      [getUserByName(client, 'a/b'), '`username` must be one path segment'],
      [
        updateUser(client, { urls: 'https://x.test' } as never),
        'updateUser: `urls` must be an array of URLs or null',
      ],
      [updateUser(client, { username: '' }), 'updateUser: `username` must be a non-empty string, got "".'],
      [updateUser(client, { email: 'x' } as never), 'updateUser: unknown option `email`'],
    ];
    for (const [call, message] of cases) await expect(call).rejects.toThrow(message);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('updates the token’s user with a PATCH of the fields given', async () => {
    const { client, fetch } = setup();
    await updateUser(client, { bio: null, location: 'Oslo' }).catch(() => {});
    const request = fetch.mock.calls[0]![0];
    expect([request.method, new URL(request.url).pathname, await request.text()]).toEqual([
      'PATCH',
      '/v1/user',
      '{"bio":null,"location":"Oslo"}',
    ]);
  });

  it('are not available on Replicate, and say so without sending', async () => {
    const { client, fetch } = setup({ provider: replicate });
    const calls: [Promise<unknown>, string][] = [
      [listUsers(client), 'listUsers'],
      [getUserByName(client, 'ada'), 'getUserByName'],
      [searchUsers(client, 'ada'), 'searchUsers'],
      [listUserModels(client), 'listUserModels'],
      [updateUser(client, { bio: 'x' }), 'updateUser'],
    ];
    for (const [call, at] of calls) {
      await expect(call).rejects.toThrow(new TypeError(`${at}: \`${at}\` is not available on Replicate.`));
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});
