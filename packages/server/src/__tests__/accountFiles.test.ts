import { afterEach, describe, expect, it } from 'vitest';
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

/** Uploads `text` through Replicate's Files API as the account of `token`; its Replicate id. */
async function upload(token: string, text: string): Promise<string> {
  const form = new FormData();
  form.append('content', new Blob([text], { type: 'text/plain' }), `${text}.txt`);
  const { status, body } = await api.json<{ id: string }>(`${R}/files`, {
    method: 'POST',
    body: form,
    headers: auth(token),
  });
  expect(status).toBe(201);
  return body.id;
}

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

  it('changes nothing for one user: without accounts, every token reaches every upload', async () => {
    api = testApi({ tokens: ['one', 'two'] });
    const id = await upload('one', 'shared');
    expect((await api.request(`${R}/files/${id}`, { headers: auth('two') })).status).toBe(200);
    expect((await listed('two')).results.map((f) => f.id)).toEqual([id]);
  });
});
