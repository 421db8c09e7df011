import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../node/SqliteStore';
import { toReplicateId } from '../replicateId';
import { as } from './accountApi';
import { R, type ReplicatePrediction } from './replicate/replicateTestApi';
import { type TestApi, testApi } from './testServer';

let api: TestApi;
const dirs: string[] = [];
afterEach(async () => {
  await api?.server.close({ graceMs: 0 });
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ACCOUNTS = [
  { username: 'alice', token: 'alice-token' },
  { username: 'bob', token: 'bob-token' },
];
/** Runs until canceled: long enough for every read a test makes. */
const SLOW = { model: 'predictkit/slow-task', input: { duration_s: 600, steps: 600 } };

/** The status of a stream's answer, without waiting for a stream that has not ended. */
async function streamStatus(path: string, token: string | undefined): Promise<number> {
  const response = await api.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  await response.body?.cancel();
  return response.status;
}

describe('predictions belong to the account that created them', () => {
  it('on /v1: another account’s get, cancel and stream are 404, as for none, and its list leaves them out', async () => {
    api = testApi({ accounts: ACCOUNTS, tokens: ['local-token'] });
    const [alice, bob, local] = ['alice-token', 'bob-token', 'local-token'].map((t) => as(api, t));
    const created = await alice!.send<Prediction>('POST', '/v1/predictions', SLOW);
    expect(created.status).toBe(201);
    const { id } = created.body;
    const missing = crypto.randomUUID();
    for (const other of [bob!, local!]) {
      const read = await other.get<{ detail: string }>(`/v1/predictions/${id}`);
      expect(read.status).toBe(404);
      expect(read.body.detail).toBe(`Prediction ${id} not found.`);
      expect((await other.get<{ detail: string }>(`/v1/predictions/${missing}`)).body.detail).toBe(
        `Prediction ${missing} not found.`,
      );
      expect((await other.send('POST', `/v1/predictions/${id}/cancel`)).status).toBe(404);
      expect((await other.get(`/v1/predictions/${toReplicateId(id)}`)).status).toBe(404);
      expect((await other.get<Page<Prediction>>('/v1/predictions')).body.items).toEqual([]);
    }
    expect(await streamStatus(`/v1/predictions/${id}/stream`, 'bob-token')).toBe(404);
    // nothing Bob sent touched it
    expect((await alice!.get<Prediction>(`/v1/predictions/${id}`)).body.status).not.toBe('failed');

    const bobs = await bob!.send<Prediction>('POST', '/v1/predictions', SLOW);
    const listed = async (who: typeof alice) =>
      (await who!.get<Page<Prediction>>('/v1/predictions')).body.items.map((p) => p.id);
    expect(await listed(alice)).toEqual([id]);
    expect(await listed(bob)).toEqual([bobs.body.id]);
    expect(await streamStatus(`/v1/predictions/${id}/stream`, 'alice-token')).toBe(200);
    const canceled = await alice!.send<Prediction>('POST', `/v1/predictions/${id}/cancel`);
    expect(canceled.status).toBe(200);
    await bob!.send('POST', `/v1/predictions/${bobs.body.id}/cancel`);
  });

  it('on /replicate/v1 too, whichever surface created it, while a signed stream URL opens for its holder', async () => {
    api = testApi({ accounts: ACCOUNTS });
    const [alice, bob] = ['alice-token', 'bob-token'].map((t) => as(api, t));
    const created = await alice!.send<ReplicatePrediction>(
      'POST',
      `${R}/models/predictkit/text-generator/predictions`,
      { input: { prompt: 'Alice', max_tokens: 1024, seed: 1 } },
    );
    expect(created.status).toBe(201);
    const { id, urls } = created.body;
    const made = await alice!.send<Prediction>('POST', '/v1/predictions', SLOW);
    const fromV1 = toReplicateId(made.body.id);
    for (const which of [id, fromV1]) {
      expect((await bob!.get(`${R}/predictions/${which}`)).status).toBe(404);
      expect((await bob!.send('POST', `${R}/predictions/${which}/cancel`)).status).toBe(404);
      expect(await streamStatus(`${R}/predictions/${which}/stream`, 'bob-token')).toBe(404);
      expect((await alice!.get(`${R}/predictions/${which}`)).status).toBe(200);
    }
    const list = async (who: typeof alice) =>
      (await who!.get<{ results: ReplicatePrediction[] }>(`${R}/predictions`)).body.results.map((p) => p.id);
    expect(await list(bob)).toEqual([]);
    expect(await list(alice)).toEqual([fromV1, id]);
    // the stream URL it was given carries its own proof, as Replicate's does: no token needed
    const stream = new URL(urls.stream as string);
    expect(await streamStatus(`${stream.pathname}${stream.search}`, undefined)).toBe(200);
    expect(await streamStatus(`${stream.pathname}`, 'alice-token')).toBe(200);
    for (const which of [id, fromV1]) await alice!.send('POST', `${R}/predictions/${which}/cancel`);
  });

  it('keeps its creator across a restart; one stored before creators were kept is the local user’s', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'predictkit-owners-'));
    dirs.push(dataDir);
    const start = () =>
      testApi({ accounts: ACCOUNTS, tokens: ['local-token'], store: new SqliteStore(dataDir) });
    api = start();
    const created = await as(api, 'alice-token').send<Prediction>('POST', '/v1/predictions', {
      model: 'predictkit/echo',
      input: { text: 'kept' },
    });
    const { id } = created.body;
    // a prediction as a data folder of an older version holds it: no creator
    const stored = api.server.store.get(id)!;
    const older = crypto.randomUUID();
    api.server.store.insert({
      seq: api.server.store.nextSeq(),
      prediction: { ...stored.prediction, id: older },
      webhook: null,
    });
    await api.server.close();
    api = start();
    const [alice, bob, local] = ['alice-token', 'bob-token', 'local-token'].map((t) => as(api, t));
    expect((await alice!.get(`/v1/predictions/${id}`)).status).toBe(200);
    expect((await bob!.get(`/v1/predictions/${id}`)).status).toBe(404);
    expect((await local!.get(`/v1/predictions/${older}`)).status).toBe(200);
    expect((await alice!.get(`/v1/predictions/${older}`)).status).toBe(404);
    expect((await local!.get<Page<Prediction>>('/v1/predictions')).body.items.map((p) => p.id)).toEqual([
      older,
    ]);
  });

  it('changes nothing for one user: without accounts, every token (or none) is the local user', async () => {
    api = testApi({ tokens: ['one', 'two'] });
    const created = await as(api, 'one').send<Prediction>('POST', '/v1/predictions', {
      model: 'predictkit/echo',
      input: { text: 'shared' },
    });
    const two = as(api, 'two');
    expect((await two.get(`/v1/predictions/${created.body.id}`)).status).toBe(200);
    expect((await two.get<Page<Prediction>>('/v1/predictions')).body.items).toHaveLength(1);
    expect((await two.get(`${R}/predictions/${toReplicateId(created.body.id)}`)).status).toBe(200);
    await api.server.close();
    api = testApi();
    const mine = await api.create('predictkit/echo', { text: 'mine' });
    expect((await api.json(`/v1/predictions/${mine.id}`)).status).toBe(200);
  });
});
