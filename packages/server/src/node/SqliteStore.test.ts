import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from './SqliteStore';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SqliteStore', () => {
  it('opens a data folder from before uploads and settings, keeping its files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'predictkit-sqlite-'));
    dirs.push(dir);
    const old = new DatabaseSync(join(dir, 'predictkit.sqlite'));
    old.exec(`
      CREATE TABLE files (id TEXT PRIMARY KEY, content_type TEXT NOT NULL, bytes BLOB NOT NULL, created_at TEXT NOT NULL);
      INSERT INTO files VALUES ('old', 'image/png', x'0102', '2026-01-01T00:00:00.000000Z');
    `);
    old.close();
    const store = new SqliteStore(dir);
    expect(store.getFile('old')).toEqual({
      id: 'old',
      contentType: 'image/png',
      bytes: new Uint8Array([1, 2]),
      createdAt: '2026-01-01T00:00:00.000000Z',
    });
    const upload = { name: 'a.txt', metadata: { x: 1 }, sha256: 'ab' };
    store.putFile({
      id: 'new',
      contentType: 'text/plain',
      bytes: new Uint8Array([3]),
      createdAt: 'now',
      upload,
    });
    expect(store.listUploads(undefined, 10)).toEqual([
      expect.objectContaining({ id: 'new', upload, size: 1, position: expect.any(Number) }),
    ]);
    expect(store.getSetting('k')).toBeUndefined();
    store.putSetting('k', 'v');
    expect(store.getSetting('k')).toBe('v');
    expect(store.deleteFile('new')).toBe(true);
    expect(store.deleteFile('new')).toBe(false);
    store.close();
  });
});

describe('SqliteStore predictions', () => {
  it('opens a data folder from before creators were kept: its predictions have none, new ones keep theirs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'predictkit-sqlite-'));
    dirs.push(dir);
    const prediction = (id: string) => ({
      id,
      model: { owner: 'predictkit', name: 'echo', version_number: 1 },
      created_at: '2026-01-01T00:00:00.000000Z',
      updated_at: '2026-01-01T00:00:00.000000Z',
      status: 'succeeded' as const,
      setup_time: null,
      execution_time: null,
      input: { text: 'hi' },
      output: 'hi',
      error: null,
      logs: [],
      setup_logs: [],
    });
    const old = new DatabaseSync(join(dir, 'predictkit.sqlite'));
    old.exec(`
      CREATE TABLE predictions (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, model TEXT NOT NULL,
        terminal INTEGER NOT NULL, json TEXT NOT NULL, webhook TEXT);
    `);
    old
      .prepare('INSERT INTO predictions VALUES (1, ?, ?, 1, ?, NULL)')
      .run('old', 'predictkit/echo', JSON.stringify(prediction('old')));
    old.close();
    const store = new SqliteStore(dir);
    expect(store.get('old')).toEqual({ seq: 1, prediction: prediction('old'), webhook: null });
    expect(store.get('old')).not.toHaveProperty('creator');
    store.insert({ seq: store.nextSeq(), prediction: prediction('new'), webhook: null, creator: 'user-1' });
    expect(store.get('new')?.creator).toBe('user-1');
    expect(store.listBefore(undefined, 10).map((r) => [r.prediction.id, r.creator])).toEqual([
      ['new', 'user-1'],
      ['old', undefined],
    ]);
    store.close();
  });
});
