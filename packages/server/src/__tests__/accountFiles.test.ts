import { afterEach, describe, expect, it } from 'vitest';
import { encodePng } from '../models/png';
import { fromReplicateId } from '../replicateId';
import { R } from './replicate/replicateTestApi';
import { type TestApi, testApi } from './testServer';

let api: TestApi;
afterEach(async () => {
  await api?.server.close({ graceMs: 0 });
});

const ACCOUNTS = [
  { username: 'alice', token: 'alice-token' },
  { username: 'bob', token: 'bob-token' },
];
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** Uploads `text` (or `bytes`) through Replicate's Files API as the account of `token`. */
async function uploaded(token: string, text: string, bytes?: Uint8Array) {
  const form = new FormData();
  const content = bytes ? [bytes as Uint8Array<ArrayBuffer>] : [text];
  form.append('content', new Blob(content, { type: bytes ? 'image/png' : 'text/plain' }), `${text}.txt`);
  const { status, body } = await api.json<{ id: string; urls: { get: string } }>(`${R}/files`, {
    method: 'POST',
    body: form,
    headers: auth(token),
  });
  expect(status).toBe(201);
  return body;
}

/** The Replicate id of an upload of `text`. */
const upload = async (token: string, text: string) => (await uploaded(token, text)).id;

const listed = async (token: string, cursor = '') =>
  (
    await api.json<{ results: { id: string }[]; next: string | null }>(`${R}/files${cursor}`, {
      headers: auth(token),
    })
  ).body;

describe('uploads belong to the account that made them', () => {
  it('another account’s get, download, delete and list find nothing, on either surface', async () => {
    api = testApi({ accounts: ACCOUNTS });
    const id = await upload('alice-token', 'alice');
    const uuid = fromReplicateId(id) as string;
    const paths = [`${R}/files/${id}`, `${R}/files/${id}/download`, `/v1/files/${uuid}`];
    for (const path of paths) {
      const bob = await api.json<{ detail: string }>(path, { headers: auth('bob-token') });
      expect(bob.status, path).toBe(404);
      expect(bob.body.detail).toMatch(/^File .* not found\.$/);
      expect((await api.request(path, { headers: auth('alice-token') })).status, path).toBe(200);
    }
    expect(
      (await api.request(`${R}/files/${id}`, { method: 'DELETE', headers: auth('bob-token') })).status,
    ).toBe(404);
    expect((await listed('bob-token')).results).toEqual([]);
    expect((await listed('alice-token')).results.map((f) => f.id)).toEqual([id]);
    expect(
      (await api.request(`${R}/files/${id}`, { method: 'DELETE', headers: auth('alice-token') })).status,
    ).toBe(204);
  });

  it('pages an account’s own uploads only, whatever lies between them', async () => {
    api = testApi({ accounts: ACCOUNTS });
    const alices: string[] = [];
    // 101 of Alice's, each followed by one of Bob's: a store page of 100 holds 50 of hers
    for (let i = 0; i < 101; i++) {
      alices.unshift(await upload('alice-token', `a${i}`));
      await upload('bob-token', `b${i}`);
    }
    const first = await listed('alice-token');
    expect(first.results.map((f) => f.id)).toEqual(alices.slice(0, 100));
    expect(first.next).not.toBeNull();
    const second = await listed('alice-token', new URL(first.next as string).search);
    expect(second.results.map((f) => f.id)).toEqual(alices.slice(100));
    expect(second.next).toBeNull();
  });

  it('lets no other account give one to a model as an input', async () => {
    api = testApi({ accounts: ACCOUNTS });
    const png = await encodePng({ width: 2, height: 2, data: new Uint8ClampedArray(16).fill(90) });
    const { urls } = await uploaded('alice-token', 'dot', new Uint8Array(png));
    const run = (token: string) =>
      api.json<{ status?: string; invalid_fields?: { type: string; field: string }[] }>(
        `${R}/models/predictkit/image-filter/predictions`,
        {
          method: 'POST',
          headers: { ...auth(token), 'content-type': 'application/json', prefer: 'wait=10' },
          body: JSON.stringify({ input: { image: urls.get, filter: 'invert' } }),
        },
      );
    const bobs = await run('bob-token');
    expect(bobs.status).toBe(422);
    expect(bobs.body.invalid_fields).toMatchObject([{ field: 'input.image', type: 'url_not_allowed' }]);
    expect((await run('alice-token')).body.status).toBe('succeeded');
  });

  it('changes nothing for one user: without accounts, every token reaches every upload', async () => {
    api = testApi({ tokens: ['one', 'two'] });
    const id = await upload('one', 'shared');
    expect((await api.request(`${R}/files/${id}`, { headers: auth('two') })).status).toBe(200);
    expect((await listed('two')).results.map((f) => f.id)).toEqual([id]);
  });
});
