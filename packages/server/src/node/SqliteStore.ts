import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { isTerminal } from '@predictkit/core';
import type {
  ModelRecord,
  PredictionRecord,
  Store,
  StoredFile,
  StoredPrediction,
  UploadSummary,
  UserRecord,
  WeaveQuery,
  WeaveRecord,
} from '../store/Store';

interface PredictionRow {
  seq: number;
  json: string;
  webhook: string | null;
  creator: string | null;
}

const toRecord = (row: PredictionRow): StoredPrediction => ({
  seq: row.seq,
  prediction: JSON.parse(row.json),
  webhook: row.webhook ? JSON.parse(row.webhook) : null,
  ...(row.creator ? { creator: row.creator } : {}),
});

const SQL = {
  insert:
    'INSERT INTO predictions (seq, id, model, terminal, json, webhook, creator) VALUES (?, ?, ?, ?, ?, ?, ?)',
  update: 'UPDATE predictions SET terminal = ?, json = ? WHERE id = ?',
  get: 'SELECT seq, json, webhook, creator FROM predictions WHERE id = ?',
  before: 'SELECT seq, json, webhook, creator FROM predictions WHERE seq < ? ORDER BY seq DESC LIMIT ?',
  after: 'SELECT seq, json, webhook, creator FROM predictions WHERE seq > ? ORDER BY seq ASC LIMIT ?',
  unfinished: 'SELECT seq, json, webhook, creator FROM predictions WHERE terminal = 0 ORDER BY seq',
  count: 'SELECT COUNT(*) AS n FROM predictions WHERE model = ?',
  putFile:
    'INSERT OR REPLACE INTO files (id, content_type, bytes, created_at, upload) VALUES (?, ?, ?, ?, ?)',
  getFile: 'SELECT id, content_type, bytes, created_at, upload FROM files WHERE id = ?',
  deleteFile: 'DELETE FROM files WHERE id = ?',
  uploads:
    'SELECT rowid AS position, id, content_type, length(bytes) AS size, created_at, upload FROM files ' +
    'WHERE upload IS NOT NULL AND rowid < ? ORDER BY rowid DESC LIMIT ?',
  getSetting: 'SELECT value FROM settings WHERE key = ?',
  putSetting: 'INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)',
  listUsers: 'SELECT json FROM users ORDER BY rowid',
  putUser: 'INSERT OR REPLACE INTO users (id, json) VALUES (?, ?)',
  listModels: 'SELECT json FROM models ORDER BY rowid',
  putModel: 'INSERT INTO models (id, json) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json',
  deleteModel: 'DELETE FROM models WHERE id = ?',
  putWeave:
    'INSERT INTO weave_records (kind, project, id, grp, json) VALUES (?, ?, ?, ?, ?) ' +
    'ON CONFLICT (kind, project, id) DO UPDATE SET grp = excluded.grp, json = excluded.json RETURNING seq',
  getWeave:
    'SELECT seq, kind, project, id, grp, json FROM weave_records WHERE kind = ? AND project = ? AND id = ?',
  listWeave:
    'SELECT seq, kind, project, id, grp, json FROM weave_records ' +
    'WHERE kind = ? AND project = ? AND seq > ? ORDER BY seq LIMIT ?',
  listWeaveGroup:
    'SELECT seq, kind, project, id, grp, json FROM weave_records ' +
    'WHERE kind = ? AND project = ? AND grp = ? AND seq > ? ORDER BY seq LIMIT ?',
  deleteWeave: 'DELETE FROM weave_records WHERE kind = ? AND project = ? AND id = ?',
  deleteWeaveGroup: 'DELETE FROM weave_records WHERE kind = ? AND project = ? AND grp = ?',
} as const;

interface WeaveRow {
  seq: number;
  kind: string;
  project: string;
  id: string;
  grp: string | null;
  json: string;
}

const toWeaveRecord = (row: WeaveRow): WeaveRecord => ({
  kind: row.kind,
  project: row.project,
  id: row.id,
  group: row.grp,
  seq: row.seq,
  data: JSON.parse(row.json),
});

interface FileRow {
  id: string;
  content_type: string;
  created_at: string;
  upload: string | null;
}

type Statements = { [name in keyof typeof SQL]: StatementSync };

/**
 * Predictions and files in a SQLite database inside `dataDir` (Node's built-in `node:sqlite`, no
 * native build), so they survive a restart.
 */
export class SqliteStore implements Store {
  readonly #db: DatabaseSync;
  readonly #statements: Statements;
  #seq: number;

  constructor(dataDir: string) {
    // loaded here, not at import, so that the rest of the Node entry also runs where node:sqlite is missing
    const sqlite = process.getBuiltinModule?.('node:sqlite') as typeof import('node:sqlite') | undefined;
    if (!sqlite) {
      throw new Error(
        `--data-dir needs Node's built-in SQLite (Node ≥ 22.5); this is Node ${process.version}.`,
      );
    }
    mkdirSync(dataDir, { recursive: true });
    this.#db = new sqlite.DatabaseSync(join(dataDir, 'predictkit.sqlite'));
    this.#db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      CREATE TABLE IF NOT EXISTS predictions (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        model TEXT NOT NULL,
        terminal INTEGER NOT NULL,
        json TEXT NOT NULL,
        webhook TEXT
      );
      CREATE INDEX IF NOT EXISTS predictions_model ON predictions (model);
      CREATE INDEX IF NOT EXISTS predictions_unfinished ON predictions (terminal);
      CREATE TABLE IF NOT EXISTS files (
        id TEXT PRIMARY KEY,
        content_type TEXT NOT NULL,
        bytes BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, json TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS models (id TEXT PRIMARY KEY, json TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS weave_records (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        project TEXT NOT NULL,
        id TEXT NOT NULL,
        grp TEXT,
        json TEXT NOT NULL,
        UNIQUE (kind, project, id)
      );
      CREATE INDEX IF NOT EXISTS weave_records_list ON weave_records (kind, project, seq);
      CREATE INDEX IF NOT EXISTS weave_records_group ON weave_records (kind, project, grp, seq);
    `);
    // a folder from before uploads: add what they need, keeping every file
    const fileColumns = this.#db.prepare('PRAGMA table_info(files)').all() as { name: string }[];
    if (!fileColumns.some((column) => column.name === 'upload')) {
      this.#db.exec('ALTER TABLE files ADD COLUMN upload TEXT');
    }
    // a folder from before creators were kept: its predictions keep none (the local user's)
    const predictionColumns = this.#db.prepare('PRAGMA table_info(predictions)').all() as { name: string }[];
    if (!predictionColumns.some((column) => column.name === 'creator')) {
      this.#db.exec('ALTER TABLE predictions ADD COLUMN creator TEXT');
    }
    this.#statements = Object.fromEntries(
      Object.entries(SQL).map(([name, sql]) => [name, this.#db.prepare(sql)]),
    ) as Statements;
    const max = this.#db.prepare('SELECT MAX(seq) AS seq FROM predictions').get() as { seq: number | null };
    this.#seq = max.seq ?? 0;
  }

  nextSeq(): number {
    return ++this.#seq;
  }

  insert({ seq, prediction, webhook, creator }: StoredPrediction): void {
    const { owner, name } = prediction.model;
    this.#statements.insert.run(
      seq,
      prediction.id,
      `${owner}/${name}`,
      isTerminal(prediction.status) ? 1 : 0,
      JSON.stringify(prediction),
      webhook ? JSON.stringify(webhook) : null,
      creator ?? null,
    );
  }

  update(prediction: PredictionRecord): void {
    this.#statements.update.run(
      isTerminal(prediction.status) ? 1 : 0,
      JSON.stringify(prediction),
      prediction.id,
    );
  }

  get(id: string): StoredPrediction | undefined {
    const row = this.#statements.get.get(id) as PredictionRow | undefined;
    return row && toRecord(row);
  }

  listBefore(seq: number | undefined, limit: number): StoredPrediction[] {
    const rows = this.#statements.before.all(
      seq ?? Number.MAX_SAFE_INTEGER,
      limit,
    ) as unknown as PredictionRow[];
    return rows.map(toRecord);
  }

  listAfter(seq: number, limit: number): StoredPrediction[] {
    const rows = this.#statements.after.all(seq, limit) as unknown as PredictionRow[];
    return rows.map(toRecord).reverse();
  }

  listUnfinished(): StoredPrediction[] {
    return (this.#statements.unfinished.all() as unknown as PredictionRow[]).map(toRecord);
  }

  countByModel(owner: string, name: string): number {
    return (this.#statements.count.get(`${owner}/${name}`) as { n: number }).n;
  }

  putFile(file: StoredFile): void {
    this.#statements.putFile.run(
      file.id,
      file.contentType,
      file.bytes,
      file.createdAt,
      file.upload ? JSON.stringify(file.upload) : null,
    );
  }

  getFile(id: string): StoredFile | undefined {
    const row = this.#statements.getFile.get(id) as (FileRow & { bytes: Uint8Array }) | undefined;
    return (
      row && {
        id: row.id,
        contentType: row.content_type,
        bytes: new Uint8Array(row.bytes),
        createdAt: row.created_at,
        ...(row.upload ? { upload: JSON.parse(row.upload) } : {}),
      }
    );
  }

  deleteFile(id: string): boolean {
    return Number(this.#statements.deleteFile.run(id).changes) > 0;
  }

  listUploads(before: number | undefined, limit: number): UploadSummary[] {
    const rows = this.#statements.uploads.all(
      before ?? Number.MAX_SAFE_INTEGER,
      limit,
    ) as unknown as (FileRow & {
      position: number;
      size: number;
    })[];
    return rows.map((row) => ({
      id: row.id,
      contentType: row.content_type,
      createdAt: row.created_at,
      upload: JSON.parse(row.upload as string),
      size: row.size,
      position: row.position,
    }));
  }

  getSetting(key: string): string | undefined {
    return (this.#statements.getSetting.get(key) as { value: string } | undefined)?.value;
  }

  putSetting(key: string, value: string): void {
    this.#statements.putSetting.run(key, value);
  }

  listUsers(): UserRecord[] {
    return (this.#statements.listUsers.all() as { json: string }[]).map((row) => JSON.parse(row.json));
  }

  putUser(user: UserRecord): void {
    this.#statements.putUser.run(user.id, JSON.stringify(user));
  }

  listModels(): ModelRecord[] {
    return (this.#statements.listModels.all() as { json: string }[]).map((row) => JSON.parse(row.json));
  }

  putModel(model: ModelRecord): void {
    this.#statements.putModel.run(model.id, JSON.stringify(model));
  }

  deleteModel(id: string): void {
    this.#statements.deleteModel.run(id);
  }

  putWeave({ kind, project, id, group, data }: Omit<WeaveRecord, 'seq'>): WeaveRecord {
    const row = this.#statements.putWeave.get(kind, project, id, group, JSON.stringify(data)) as {
      seq: number;
    };
    return { kind, project, id, group, seq: row.seq, data };
  }

  getWeave(kind: string, project: string, id: string): WeaveRecord | undefined {
    const row = this.#statements.getWeave.get(kind, project, id) as WeaveRow | undefined;
    return row && toWeaveRecord(row);
  }

  listWeave({ kind, project, group, after, limit }: WeaveQuery): WeaveRecord[] {
    const rows =
      group === undefined
        ? this.#statements.listWeave.all(kind, project, after, limit)
        : this.#statements.listWeaveGroup.all(kind, project, group, after, limit);
    return (rows as unknown as WeaveRow[]).map(toWeaveRecord);
  }

  deleteWeave(kind: string, project: string, which: { ids: readonly string[] } | { group: string }): number {
    if (!('ids' in which)) {
      return Number(this.#statements.deleteWeaveGroup.run(kind, project, which.group).changes);
    }
    let deleted = 0;
    this.#db.exec('BEGIN');
    try {
      for (const id of new Set(which.ids)) {
        deleted += Number(this.#statements.deleteWeave.run(kind, project, id).changes);
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
    return deleted;
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
