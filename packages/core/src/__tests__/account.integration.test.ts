/**
 * Every operation of the WriftAI API's users, the token's user and model changes, through core
 * against the local server, as two accounts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createModel,
  createModelVersion,
  deleteModel,
  deleteModelVersion,
  getUserByName,
  getWebhookSecret,
  listUserModels,
  listUsers,
  searchUsers,
  updateModel,
  updateUser,
} from '../account/index';
import {
  getModel,
  getModelVersion,
  getUser,
  listHardware,
  listModelCategories,
  listModels,
  listModelVersions,
} from '../catalog/index';
import { ApiError, createClient, paginate, runPrediction, ValidationError } from '../index';
import { type Local, local, ORIGIN } from './localServer';

const ADA = 'ada-token';
const GRACE = 'grace-token';
let api: Local;
afterEach(() => api?.close());

const start = () => {
  api = local(
    {
      accounts: [
        { username: 'ada', token: ADA },
        { username: 'grace', token: GRACE },
      ],
    },
    { token: ADA },
  );
  const grace = createClient({ baseUrl: `${ORIGIN}/v1`, token: GRACE, fetch: api.fetch });
  return { ada: api.client, grace };
};

/** The digest of a demo model's version: a created version runs on that model's runner. */
const echoDigest = async (client: Local['client']) =>
  (await getModelVersion(client, 'predictkit/echo:1')).container_image_digest as string;

describe('users', () => {
  it('lists, pages, sorts, gets and searches users, each with an avatar', async () => {
    const { ada } = start();
    const first = await listUsers(ada, { pageSize: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.next_cursor).not.toBeNull();
    const all = [];
    for await (const user of paginate(ada, listUsers, { pageSize: 5 })) all.push(user);
    expect(all.map((u) => u.username)).toContain('grace');
    const newest = await listUsers(ada, { sortBy: 'created_at', sortDirection: 'desc', pageSize: 50 });
    expect(newest.items.map((u) => u.username)).toEqual(all.map((u) => u.username).reverse());
    for (const user of all) expect(user.avatar_url).toMatch(/^http:\/\/.+\/avatars\/.+\.svg$/);

    const grace = await getUserByName(ada, 'grace');
    expect(grace).toMatchObject({ username: 'grace', urls: expect.any(Array) });
    const avatar = await api.fetch(new Request(grace.avatar_url as string));
    expect(avatar.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    await expect(getUserByName(ada, 'nobody-here')).rejects.toMatchObject({ status: 404 });
    expect((await searchUsers(ada, 'grac')).items.map((u) => u.username)).toEqual(['grace']);
  });

  it('reads and changes the token’s user, only the fields given', async () => {
    const { ada, grace } = start();
    expect((await getUser(ada)).username).toBe('ada');
    const changed = await updateUser(ada, {
      bio: 'Writes the notes.',
      location: 'London',
      urls: ['https://ada.test'],
    });
    expect(changed).toMatchObject({ username: 'ada', bio: 'Writes the notes.', location: 'London' });
    const cleared = await updateUser(ada, { location: null });
    expect(cleared).toMatchObject({ bio: 'Writes the notes.', location: null, urls: ['https://ada.test'] });
    expect((await getUserByName(grace, 'ada')).bio).toBe('Writes the notes.');
    await expect(updateUser(ada, { username: 'grace' })).rejects.toMatchObject({ status: 409 });
    const refused = await updateUser(ada, { urls: ['not a url'] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
  });
});

describe('models and versions', () => {
  it('creates a private model, gives it a version, runs it, changes it and deletes it', async () => {
    const { ada, grace } = start();
    const [hardware] = (await listHardware(ada)).items;
    expect(hardware).toMatchObject({ identifier: 'cpu', gpus: expect.any(Number), cpus: expect.any(Number) });
    const [category] = (await listModelCategories(ada)).items;
    expect(category).toHaveProperty('description');

    const model = await createModel(ada, {
      name: 'my-echo',
      hardware_identifier: hardware!.identifier,
      description: 'Says it back.',
      category_slugs: [category!.slug],
    });
    expect(model).toMatchObject({ name: 'my-echo', visibility: 'private', owner: { username: 'ada' } });
    expect((await listUserModels(ada)).items.map((m) => m.name)).toContain('my-echo');
    // private: another user does not see it, nor do the public lists
    await expect(getModel(grace, 'ada/my-echo')).rejects.toMatchObject({ status: 404 });
    expect((await listModels(ada, { pageSize: 50 })).items.map((m) => m.id)).not.toContain(model.id);

    const schemas = (await getModel(ada, 'predictkit/echo')).version!.schemas!;
    const version = await createModelVersion(ada, 'ada/my-echo', {
      release_notes: 'First.',
      schemas,
      container_image_digest: await echoDigest(ada),
    });
    expect(version).toMatchObject({ number: 1, release_notes: 'First.' });
    const ran = await runPrediction(ada, 'ada/my-echo', { text: 'hello' });
    expect(ran).toMatchObject({
      status: 'succeeded',
      output: 'hello',
      model: { owner: 'ada', name: 'my-echo' },
    });
    expect(ran.url).toMatch(new RegExp(`/v1/predictions/${ran.id}$`));

    const second = await createModelVersion(ada, 'ada/my-echo', {
      schemas,
      container_image_digest: await echoDigest(ada),
    });
    expect(second.number).toBe(2);
    expect((await listModelVersions(ada, 'ada/my-echo')).items.map((v) => v.number)).toEqual([2, 1]);
    await deleteModelVersion(ada, 'ada/my-echo:1');
    expect((await listModelVersions(ada, 'ada/my-echo')).items.map((v) => v.number)).toEqual([2]);

    const shown = await updateModel(ada, 'ada/my-echo', { visibility: 'public', description: null });
    expect(shown).toMatchObject({ visibility: 'public', description: null });
    expect((await getModel(grace, 'ada/my-echo')).version?.number).toBe(2);
    // another user's model is theirs to change
    await expect(updateModel(grace, 'ada/my-echo', { description: 'mine now' })).rejects.toMatchObject({
      status: 403,
    });
    await expect(deleteModel(grace, 'ada/my-echo')).rejects.toBeInstanceOf(ApiError);

    await deleteModel(ada, 'ada/my-echo');
    await expect(getModel(ada, 'ada/my-echo')).rejects.toMatchObject({ status: 404 });
  });

  it('reports the service’s refusals with their field issues', async () => {
    const { ada } = start();
    const bad = await createModel(ada, { name: 'Not A Slug', hardware_identifier: 'cpu' }).catch(
      (e: unknown) => e,
    );
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).issues.map((i) => i.path)).toContainEqual(['body', 'name']);
    await createModel(ada, { name: 'twice', hardware_identifier: 'cpu' });
    await expect(createModel(ada, { name: 'twice', hardware_identifier: 'cpu' })).rejects.toMatchObject({
      status: 409,
    });
    const unknownRunner = await createModelVersion(ada, 'ada/twice', {
      schemas: { prediction: { input: { type: 'object', properties: {} }, output: { type: 'string' } } },
      container_image_digest: `sha256:${'0'.repeat(64)}`,
    }).catch((e: unknown) => e);
    expect(unknownRunner).toBeInstanceOf(ValidationError);
    await expect(deleteModel(ada, 'predictkit/echo')).rejects.toMatchObject({ status: 403 });
    // A create names its own webhook secret on WriftAI: there is no account-wide one to read.
    await expect(getWebhookSecret(ada)).rejects.toThrow(
      new TypeError('getWebhookSecret: `getWebhookSecret` is not available on WriftAI.'),
    );
  });
});
