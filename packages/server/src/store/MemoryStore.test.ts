import type { Prediction, PredictionStatus } from '@predictkit/core';
import { describe, expect, it } from 'vitest';
import { testApi } from '../__tests__/testServer';
import { MemoryStore } from './MemoryStore';

function prediction(id: string, status: PredictionStatus): Prediction {
  return {
    id,
    model: { owner: 'predictkit', name: 'echo', version_number: 1 },
    created_at: '2026-01-01T00:00:00.000000Z',
    updated_at: '2026-01-01T00:00:00.000000Z',
    status,
    setup_time: null,
    execution_time: null,
    input: {},
    output: null,
    error: null,
    logs: [],
    setup_logs: [],
  };
}

function add(store: MemoryStore, id: string, status: PredictionStatus) {
  store.insert({ seq: store.nextSeq(), prediction: prediction(id, status), webhook: null });
}

describe('MemoryStore keeps memory bounded', () => {
  it('forgets the oldest finished predictions past maxPredictions, and never a running one', () => {
    const store = new MemoryStore({ maxPredictions: 10 });
    add(store, 'running', 'started');
    for (let i = 0; i < 100; i++) add(store, `done-${i}`, 'succeeded');
    expect(store.get('running')?.prediction.status).toBe('started');
    expect(store.get('done-0')).toBeUndefined();
    expect(store.get('done-99')).toBeDefined();
    const listed = store.listBefore(undefined, 50).map((r) => r.prediction.id);
    expect(listed.length).toBeLessThanOrEqual(12);
    expect(listed).toContain('running');
    expect(listed[0]).toBe('done-99');
    // a count of everything ever created, as predictions_count is
    expect(store.countByModel('predictkit', 'echo')).toBe(101);
  });

  it('counts a prediction as finished when it finishes', () => {
    const store = new MemoryStore({ maxPredictions: 2 });
    for (let i = 0; i < 10; i++) add(store, `p${i}`, 'started');
    expect(store.listUnfinished()).toHaveLength(10);
    for (let i = 0; i < 10; i++) store.update(prediction(`p${i}`, 'failed'));
    expect(store.get('p0')).toBeUndefined();
    expect(store.get('p9')?.prediction.status).toBe('failed');
    expect(store.listBefore(undefined, 50).length).toBeLessThanOrEqual(3);
  });

  it('forgets the oldest files past maxFileBytes, keeping the newest however large', () => {
    const store = new MemoryStore({ maxFileBytes: 1000 });
    const file = (id: string, size: number) => ({
      id,
      contentType: 'application/octet-stream',
      bytes: new Uint8Array(size),
      createdAt: '2026-01-01T00:00:00.000000Z',
    });
    store.putFile(file('a', 400));
    store.putFile(file('b', 400));
    store.putFile(file('c', 400));
    expect(store.getFile('a')).toBeUndefined();
    expect(store.getFile('b')).toBeDefined();
    store.putFile(file('huge', 5000));
    expect(store.getFile('c')).toBeUndefined();
    expect(store.getFile('huge')).toBeDefined();
  });

  it('refuses limits that are not whole numbers ≥ 1', () => {
    expect(() => new MemoryStore({ maxPredictions: 0 })).toThrow(
      /`maxPredictions` must be a whole number ≥ 1/,
    );
    expect(() => new MemoryStore({ maxFileBytes: 1.5 })).toThrow(/`maxFileBytes`/);
  });

  it('a server on it answers 404 for a forgotten prediction, as for one it never had', async () => {
    const api = testApi({ store: new MemoryStore({ maxPredictions: 3 }) });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const created = await api.create('predictkit/echo', { text: String(i) });
      await api.settle(created.id);
      ids.push(created.id);
    }
    expect((await api.request(`/v1/predictions/${ids[0]}`)).status).toBe(404);
    expect((await api.request(`/v1/predictions/${ids[7]}`)).status).toBe(200);
    await api.server.close();
  });
});

describe('MemoryStore uploads and settings', () => {
  it('lists uploads newest first without their bytes, forgets deleted ones, and keeps settings', () => {
    const store = new MemoryStore({ maxFileBytes: 10 });
    const file = (id: string, size: number, upload = true) => ({
      id,
      contentType: 'text/plain',
      bytes: new Uint8Array(size),
      createdAt: 'now',
      ...(upload ? { upload: { name: id, metadata: {}, sha256: '' } } : {}),
    });
    store.putFile(file('a', 3));
    store.putFile(file('output', 3, false));
    store.putFile(file('b', 3));
    const listed = store.listUploads(undefined, 10);
    expect(listed.map((f) => [f.id, f.size])).toEqual([
      ['b', 3],
      ['a', 3],
    ]);
    expect(listed[0]).not.toHaveProperty('bytes');
    expect(store.listUploads(listed[0]?.position, 10).map((f) => f.id)).toEqual(['a']);
    expect(store.deleteFile('a')).toBe(true);
    expect(store.deleteFile('a')).toBe(false);
    // the bytes it freed count: the next file fits without the oldest going
    store.putFile(file('c', 4));
    expect(store.getFile('output')).toBeDefined();
    expect(store.getSetting('k')).toBeUndefined();
    store.putSetting('k', 'v');
    expect(store.getSetting('k')).toBe('v');
  });
});
