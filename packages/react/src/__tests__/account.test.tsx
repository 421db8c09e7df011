/**
 * The account entry's hooks against the local server in-process: users, the token's user's models,
 * and each change with what it does to the cache.
 */
import {
  ApiError,
  type ModelFields,
  type ModelRef,
  type User,
  ValidationError,
  type VersionSchemas,
} from '@predictkit/core';
import { getModelVersion } from '@predictkit/core/catalog';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  modelVersionKeys,
  modelVersionListQueryOptions,
  useCreateModel,
  useCreateModelVersion,
  useDeleteModel,
  useDeleteModelVersion,
  useModelVersions,
  userKeys,
  userModelListQueryOptions,
  userQueryOptions,
  useUpdateModel,
  useUpdateUser,
  useUser,
  useUserModels,
  useUsers,
} from '../account';
import { modelKeys, modelQueryOptions, useModel } from '../index';
import { type SetupResult, setupPredictKit } from './setupPredictKit';
import { type ReplicateSetup, setupReplicate } from './setupReplicate';

let kit: SetupResult | ReplicateSetup;
afterEach(async () => {
  cleanup();
  await kit?.close();
});

const SCHEMAS: VersionSchemas = {
  prediction: {
    input: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
    output: { type: 'string' },
  },
};

/** The local server with a model of the local user's, `local/shout`, and the digest of echo's image. */
async function withModel(versions = 0) {
  const local = setupPredictKit();
  kit = local;
  const { container_image_digest: digest } = await getModelVersion(local.client, 'predictkit/echo:1');
  const { result } = renderHook(() => ({ create: useCreateModel(), version: useCreateModelVersion() }), {
    wrapper: local.wrapper,
  });
  await act(async () => {
    await result.current.create.mutateAsync({ name: 'shout', hardware_identifier: 'cpu' });
    for (let i = 0; i < versions; i++) {
      await result.current.version.mutateAsync({
        model: 'local/shout',
        fields: { schemas: SCHEMAS, container_image_digest: digest! },
      });
    }
  });
  cleanup();
  local.queryClient.clear();
  local.requests.length = 0;
  return { kit: local, digest: digest! };
}

describe('useUser', () => {
  it('gives the token’s user without a username, and a user by name with one', async () => {
    const local = setupPredictKit();
    kit = local;
    const { result, rerender } = renderHook(({ name }: { name?: string }) => useUser(name), {
      wrapper: local.wrapper,
      initialProps: {},
    });
    await waitFor(() => expect(result.current.user?.username).toBe('local'));
    expect(local.count('GET', '/user')).toBe(1);
    rerender({ name: 'predictkit' });
    await waitFor(() => expect(result.current.user?.username).toBe('predictkit'));
    expect(result.current.user?.urls).toEqual(['https://github.com/predictkit']);
    expect(local.count('GET', '/users/predictkit')).toBe(1);
    expect(local.queryClient.getQueryData(userQueryOptions(local.client).queryKey)?.username).toBe('local');
  });

  it('reports an unknown user', async () => {
    kit = setupPredictKit();
    const { result } = renderHook(() => useUser('nobody'), { wrapper: kit.wrapper });
    await waitFor(() => expect(result.current.error).toBeInstanceOf(ApiError));
    expect(result.current.error).toMatchObject({ status: 404 });
    expect(result.current.user).toBeUndefined();
  });
});

describe('useUsers', () => {
  it('lists users in pages, oldest first unless asked otherwise', async () => {
    const local = setupPredictKit();
    kit = local;
    const { result, rerender } = renderHook((params) => useUsers(params), {
      wrapper: local.wrapper,
      initialProps: { pageSize: 5 } as Parameters<typeof useUsers>[0],
    });
    await waitFor(() => expect(result.current.users).toHaveLength(5));
    expect(result.current.users.slice(0, 2).map((u) => u.username)).toEqual(['predictkit', 'local']);
    expect(result.current.hasNextPage).toBe(true);
    result.current.fetchNextPage();
    await waitFor(() => expect(result.current.hasNextPage).toBe(false));
    const all = result.current.users.map((u) => u.id);
    expect(all.length).toBeGreaterThan(5);

    rerender({ pageSize: 50, direction: 'desc' });
    await waitFor(() => expect(result.current.isPlaceholderData).toBe(false));
    expect(result.current.users.map((u) => u.id)).toEqual([...all].reverse());
    const last = new URL(local.requests.at(-1)!.url);
    expect(last.searchParams.get('sort_direction')).toBe('desc');
  });

  it('searches when q is not empty, keeping the last results while the next load', async () => {
    const local = setupPredictKit();
    kit = local;
    const { result, rerender } = renderHook(({ q }) => useUsers({ q }), {
      wrapper: local.wrapper,
      initialProps: { q: '' },
    });
    await waitFor(() => expect(result.current.users.length).toBeGreaterThan(2));
    const all = result.current.users;
    rerender({ q: 'hopper' });
    expect(result.current.users).toBe(all);
    await waitFor(() => expect(result.current.users.map((u) => u.username)).toEqual(['grace']));
    expect(local.count('GET', '/search/users')).toBe(1);
  });
});

describe('useCreateModel', () => {
  it('puts the new model in the user’s models without a manual refetch, and seeds its detail', async () => {
    const local = setupPredictKit();
    kit = local;
    const { result } = renderHook(() => ({ mine: useUserModels(), create: useCreateModel() }), {
      wrapper: local.wrapper,
    });
    await waitFor(() => expect(result.current.mine.isSuccess).toBe(true));
    expect(result.current.mine.models).toEqual([]);
    await act(async () => {
      await result.current.create.mutateAsync({
        name: 'shout',
        hardware_identifier: 'cpu',
        description: 'Loud echo.',
      });
    });
    await waitFor(() => expect(result.current.create.isSuccess).toBe(true));
    // The mutation is pending until the list was fetched again: it has the model once it succeeded.
    expect(result.current.mine.models.map((m) => `${m.owner.username}/${m.name}`)).toEqual(['local/shout']);
    expect(result.current.mine.models[0]).toMatchObject({ visibility: 'private', description: 'Loud echo.' });
    expect(local.count('GET', '/user/models')).toBe(2);

    const { result: detail } = renderHook(() => useModel('local/shout'), { wrapper: local.wrapper });
    // On the first render, before any request of its own.
    expect(detail.current.model).toMatchObject({ name: 'shout', latest_version: null });
    expect(detail.current.version).toBeUndefined();
  });

  it('surfaces the server’s field issues, keeping the fields sent, and changes no list', async () => {
    const local = setupPredictKit();
    kit = local;
    const { result } = renderHook(() => ({ mine: useUserModels(), create: useCreateModel() }), {
      wrapper: local.wrapper,
    });
    await waitFor(() => expect(result.current.mine.isSuccess).toBe(true));
    const fields: ModelFields = { name: 'Bad Name', hardware_identifier: 'cpu' };
    await act(async () => {
      await result.current.create.mutateAsync(fields).catch(() => undefined);
    });
    await waitFor(() => expect(result.current.create.isError).toBe(true));
    const error = result.current.create.error as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(422);
    expect(error.issues.map((issue) => [issue.path.join('.'), issue.type])).toEqual([
      ['body.name', 'string_pattern_mismatch'],
    ]);
    expect(result.current.create.variables).toBe(fields);
    expect(result.current.mine.models).toEqual([]);
    expect(local.count('GET', '/user/models')).toBe(1);
  });
});

describe('useUpdateModel', () => {
  it('writes the answer into each of the model’s details, and has its lists fetched again', async () => {
    const { kit: local } = await withModel(1);
    const { result } = renderHook(
      () => ({
        latest: useModel('local/shout'),
        first: useModel('local/shout:1'),
        mine: useUserModels(),
        update: useUpdateModel(),
      }),
      { wrapper: local.wrapper },
    );
    await waitFor(() => expect(result.current.first.version?.number).toBe(1));
    await waitFor(() => expect(result.current.latest.model).toBeDefined());
    await waitFor(() => expect(result.current.mine.models).toHaveLength(1));
    const gets = local.count('GET', /^\/models\/local\/shout/);
    await act(async () => {
      await result.current.update.mutateAsync({
        model: 'local/shout',
        fields: { description: 'Louder.', visibility: 'public' },
      });
    });
    await waitFor(() => expect(result.current.update.isSuccess).toBe(true));
    expect(result.current.latest.model).toMatchObject({ description: 'Louder.', visibility: 'public' });
    expect(result.current.latest.version?.number).toBe(1);
    expect(result.current.first.model?.description).toBe('Louder.');
    expect(result.current.first.version?.schemas).toEqual(SCHEMAS);
    expect(local.count('GET', /^\/models\/local\/shout/)).toBe(gets);
    expect(result.current.mine.models[0]?.description).toBe('Louder.');
    expect(local.count('GET', '/user/models')).toBe(2);
  });

  it('moves a renamed model to its new name, and forgets the old one', async () => {
    const { kit: local } = await withModel(1);
    const { result } = renderHook(
      () => ({ versions: useModelVersions('local/shout'), update: useUpdateModel() }),
      { wrapper: local.wrapper },
    );
    await waitFor(() => expect(result.current.versions.versions).toHaveLength(1));
    await local.queryClient.prefetchQuery(modelQueryOptions(local.client, 'local/shout'));
    const ref: ModelRef = { owner: 'local', name: 'shout' };
    await act(async () => {
      await result.current.update.mutateAsync({ model: ref, fields: { name: 'yell' } });
    });
    await waitFor(() => expect(result.current.update.isSuccess).toBe(true));
    const cached = (key: readonly unknown[]) => local.queryClient.getQueryCache().find({ queryKey: key });
    expect(cached(modelKeys.detail(local.client, 'local/shout'))).toBeUndefined();
    expect(cached(modelVersionKeys.lists(local.client, 'local/shout'))).toBeUndefined();
    expect(local.queryClient.getQueryData(modelKeys.detail(local.client, 'local/yell'))).toMatchObject({
      name: 'yell',
      version: { number: 1 },
    });
  });

  it('reports an unknown model as 404, keeping what was sent', async () => {
    kit = setupPredictKit();
    const { result } = renderHook(() => useUpdateModel(), { wrapper: kit.wrapper });
    const variables = { model: 'local/nothing', fields: { description: 'x' } };
    await act(async () => {
      await result.current.mutateAsync(variables).catch(() => undefined);
    });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toMatchObject({ name: 'ApiError', status: 404 });
    expect(result.current.variables).toBe(variables);
  });
});

describe('useDeleteModel', () => {
  it('takes the model out of the user’s models and the cache; a view still open on it reads a 404', async () => {
    const { kit: local } = await withModel(1);
    const { client, queryClient } = local;
    const { result } = renderHook(
      () => ({ mine: useUserModels(), open: useModel('local/shout'), remove: useDeleteModel() }),
      { wrapper: local.wrapper },
    );
    await waitFor(() => expect(result.current.mine.models).toHaveLength(1));
    await waitFor(() => expect(result.current.open.model).toBeDefined());
    await queryClient.prefetchQuery(modelQueryOptions(client, 'local/shout:1'));
    await queryClient.prefetchInfiniteQuery(modelVersionListQueryOptions(client, 'local/shout'));
    await act(async () => {
      await result.current.remove.mutateAsync('local/shout');
    });
    await waitFor(() => expect(result.current.remove.isSuccess).toBe(true));
    expect(result.current.mine.models).toEqual([]);
    const cache = queryClient.getQueryCache();
    expect(cache.find({ queryKey: modelKeys.detail(client, 'local/shout:1') })).toBeUndefined();
    expect(cache.findAll({ queryKey: modelVersionKeys.lists(client, 'local/shout') })).toEqual([]);
    await waitFor(() => expect(result.current.open.error).toMatchObject({ name: 'ApiError', status: 404 }));
    expect(result.current.open.model).toBeUndefined();

    await act(async () => {
      await result.current.remove.mutateAsync('local/shout').catch(() => undefined);
    });
    await waitFor(() => expect(result.current.remove.isError).toBe(true));
    expect(result.current.remove.error).toMatchObject({ name: 'ApiError', status: 404 });
    expect(result.current.remove.variables).toBe('local/shout');
  });
});

describe('useCreateModelVersion', () => {
  it('shows the new version in the version list and as the model’s latest', async () => {
    const { kit: local, digest } = await withModel(1);
    const { result } = renderHook(
      () => ({
        versions: useModelVersions('local/shout'),
        latest: useModel('local/shout'),
        add: useCreateModelVersion(),
      }),
      { wrapper: local.wrapper },
    );
    await waitFor(() => expect(result.current.versions.versions.map((v) => v.number)).toEqual([1]));
    await waitFor(() => expect(result.current.latest.version?.number).toBe(1));
    await act(async () => {
      await result.current.add.mutateAsync({
        model: 'local/shout',
        fields: { release_notes: 'Second.', schemas: SCHEMAS, container_image_digest: digest },
      });
    });
    await waitFor(() => expect(result.current.add.isSuccess).toBe(true));
    expect(result.current.add.data).toMatchObject({ number: 2, release_notes: 'Second.' });
    expect(result.current.versions.versions.map((v) => v.number)).toEqual([2, 1]);
    expect(result.current.latest.version?.number).toBe(2);
    expect(result.current.latest.inputSchema).toEqual(SCHEMAS.prediction.input);
  });

  it('surfaces a 422 on a digest the server has no image for, keeping the fields sent', async () => {
    const { kit: local } = await withModel(0);
    const { result } = renderHook(
      () => ({ versions: useModelVersions('local/shout'), add: useCreateModelVersion() }),
      { wrapper: local.wrapper },
    );
    await waitFor(() => expect(result.current.versions.isSuccess).toBe(true));
    const variables = {
      model: 'local/shout',
      fields: { schemas: SCHEMAS, container_image_digest: `sha256:${'0'.repeat(64)}` },
    };
    await act(async () => {
      await result.current.add.mutateAsync(variables).catch(() => undefined);
    });
    await waitFor(() => expect(result.current.add.isError).toBe(true));
    const error = result.current.add.error as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual(['body.container_image_digest']);
    expect(result.current.add.variables).toBe(variables);
    expect(result.current.versions.versions).toEqual([]);
    expect(local.count('GET', '/models/local/shout/versions')).toBe(1);
  });
});

describe('useDeleteModelVersion', () => {
  it('takes the version out of the version list and the cache, and the latest back to the one before', async () => {
    const { kit: local } = await withModel(2);
    const { result } = renderHook(
      () => ({
        versions: useModelVersions('local/shout', { pageSize: 5 }),
        latest: useModel('local/shout'),
        remove: useDeleteModelVersion(),
      }),
      { wrapper: local.wrapper },
    );
    await waitFor(() => expect(result.current.versions.versions.map((v) => v.number)).toEqual([2, 1]));
    await local.queryClient.prefetchQuery(modelQueryOptions(local.client, 'local/shout:2'));
    await waitFor(() => expect(result.current.latest.version?.number).toBe(2));
    await act(async () => {
      await result.current.remove.mutateAsync('local/shout:2');
    });
    await waitFor(() => expect(result.current.remove.isSuccess).toBe(true));
    expect(result.current.versions.versions.map((v) => v.number)).toEqual([1]);
    expect(result.current.latest.version?.number).toBe(1);
    expect(
      local.queryClient.getQueryCache().find({ queryKey: modelKeys.detail(local.client, 'local/shout:2') }),
    ).toBeUndefined();
    expect(
      local.queryClient
        .getQueryData(modelVersionListQueryOptions(local.client, 'local/shout', { pageSize: 5 }).queryKey)
        ?.pages[0]?.items.map((v) => v.number),
    ).toEqual([1]);

    await act(async () => {
      await result.current.remove.mutateAsync('local/shout:2').catch(() => undefined);
    });
    await waitFor(() => expect(result.current.remove.isError).toBe(true));
    expect(result.current.remove.error).toMatchObject({ name: 'ApiError', status: 404 });
    expect(result.current.remove.variables).toBe('local/shout:2');
  });
});

describe('useUpdateUser', () => {
  it('writes the answer into useUser() and useUser(username), and has the user lists fetched again', async () => {
    const local = setupPredictKit();
    kit = local;
    const { result } = renderHook(
      () => ({
        me: useUser(),
        byName: useUser('local'),
        users: useUsers({ q: 'local' }),
        update: useUpdateUser(),
      }),
      { wrapper: local.wrapper },
    );
    await waitFor(() => expect(result.current.me.user).toBeDefined());
    await waitFor(() => expect(result.current.byName.user).toBeDefined());
    await waitFor(() => expect(result.current.users.users.map((u) => u.username)).toContain('local'));
    await act(async () => {
      await result.current.update.mutateAsync({ bio: 'Trying things out.', location: 'Oslo' });
    });
    await waitFor(() => expect(result.current.update.isSuccess).toBe(true));
    expect(result.current.me.user).toMatchObject({ bio: 'Trying things out.', location: 'Oslo' });
    expect(result.current.byName.user).toEqual(result.current.me.user);
    expect(result.current.users.users.find((u) => u.username === 'local')?.bio).toBe('Trying things out.');
    expect([local.count('GET', '/user'), local.count('GET', '/users/local')]).toEqual([1, 1]);
    expect(local.count('GET', '/search/users')).toBe(2);
  });

  it('after a new username, forgets the old name and has the user’s models fetched again', async () => {
    const { kit: local } = await withModel(0);
    const { result } = renderHook(() => ({ me: useUser(), mine: useUserModels(), update: useUpdateUser() }), {
      wrapper: local.wrapper,
    });
    await local.queryClient.prefetchQuery(userQueryOptions(local.client, 'local'));
    await waitFor(() => expect(result.current.me.user).toBeDefined());
    await waitFor(() => expect(result.current.mine.models).toHaveLength(1));
    await act(async () => {
      await result.current.update.mutateAsync({ username: 'newname' });
    });
    await waitFor(() => expect(result.current.update.isSuccess).toBe(true));
    expect(result.current.me.user?.username).toBe('newname');
    expect(local.queryClient.getQueryData<User>(userKeys.detail(local.client, 'newname'))?.username).toBe(
      'newname',
    );
    expect(
      local.queryClient.getQueryCache().find({ queryKey: userKeys.detail(local.client, 'local') }),
    ).toBeUndefined();
    expect(result.current.mine.models.map((m) => m.owner.username)).toEqual(['newname']);
    expect(local.count('GET', '/user/models')).toBe(2);
  });

  it('surfaces the server’s field issues, keeping the fields sent and the user as it was', async () => {
    const local = setupPredictKit();
    kit = local;
    const { result } = renderHook(() => ({ me: useUser(), update: useUpdateUser() }), {
      wrapper: local.wrapper,
    });
    await waitFor(() => expect(result.current.me.user).toBeDefined());
    const before = result.current.me.user;
    const fields = { username: 'Not Valid', bio: 'kept' };
    await act(async () => {
      await result.current.update.mutateAsync(fields).catch(() => undefined);
    });
    await waitFor(() => expect(result.current.update.isError).toBe(true));
    const error = result.current.update.error as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual(['body.username']);
    expect(result.current.update.variables).toBe(fields);
    expect(result.current.me.user).toBe(before);
  });
});

describe('query keys and options', () => {
  it('start with the client’s base URL; the user’s models and version lists sit under modelKeys.all', () => {
    const a = { baseUrl: 'http://a.test/v1' };
    expect(userKeys.detail(a, 'ada')).toEqual(['predictkit', 'http://a.test/v1', 'users', 'detail', 'ada']);
    expect(userKeys.me(a)).toEqual(['predictkit', 'http://a.test/v1', 'users', 'me']);
    expect(userKeys.list(a, { q: 'x' }).slice(0, 4)).toEqual(userKeys.lists(a));
    expect(userKeys.modelList(a, { pageSize: 5 })).toEqual([...modelKeys.all(a), 'user', { pageSize: 5 }]);
    expect(modelVersionKeys.list(a, { owner: 'o', name: 'n' }, {})).toEqual([
      ...modelKeys.all(a),
      'versions',
      'o/n',
      {},
    ]);
    expect(userKeys.detail({ baseUrl: '/api/predictkit' }, 'ada')).not.toEqual(userKeys.detail(a, 'ada'));
  });

  it('prefetch what the hooks then show on their first render', async () => {
    const { kit: local } = await withModel(1);
    const { client, queryClient } = local;
    await Promise.all([
      queryClient.prefetchQuery(userQueryOptions(client)),
      queryClient.prefetchInfiniteQuery(userModelListQueryOptions(client)),
      queryClient.prefetchInfiniteQuery(modelVersionListQueryOptions(client, 'local/shout')),
    ]);
    const { result } = renderHook(
      () => ({ me: useUser(), mine: useUserModels(), versions: useModelVersions('local/shout') }),
      { wrapper: local.wrapper },
    );
    expect(result.current.me.user?.username).toBe('local');
    expect(result.current.mine.models.map((m) => m.name)).toEqual(['shout']);
    expect(result.current.versions.versions.map((v) => v.number)).toEqual([1]);
  });
});

describe('on Replicate', () => {
  it('gives the token’s user, and refuses what Replicate has no route for, sending nothing', async () => {
    const replicate = setupReplicate();
    kit = replicate;
    const { result } = renderHook(
      () => ({
        me: useUser(),
        byName: useUser('predictkit'),
        users: useUsers(),
        mine: useUserModels(),
        create: useCreateModel(),
      }),
      { wrapper: replicate.wrapper },
    );
    await waitFor(() => expect(result.current.me.user).toBeDefined());
    await waitFor(() => expect(result.current.mine.error).toBeInstanceOf(TypeError));
    expect(result.current.byName.error?.message).toBe(
      'getUserByName: `getUserByName` is not available on Replicate.',
    );
    expect(result.current.users.error?.message).toBe('listUsers: `listUsers` is not available on Replicate.');
    expect(result.current.mine.error?.message).toBe(
      'listUserModels: `listUserModels` is not available on Replicate.',
    );
    const fields = { name: 'shout', hardware_identifier: 'cpu' };
    await act(async () => {
      await result.current.create.mutateAsync(fields).catch(() => undefined);
    });
    await waitFor(() => expect(result.current.create.isError).toBe(true));
    expect(result.current.create.error).toEqual(
      new TypeError('createModel: `createModel` is not available on Replicate.'),
    );
    expect(result.current.create.variables).toBe(fields);
    expect(replicate.sent()).toEqual(['GET /account']);
  });
});
