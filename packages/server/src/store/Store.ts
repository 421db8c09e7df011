import type { Prediction, VersionSchemas } from '@predictkit/core';

/**
 * A prediction as the runner keeps it: WriftAI's fields (the first surface's wire format, and what
 * a data folder already holds), plus what other surfaces show. Each surface maps it to its own
 * wire format; the extra fields never reach the WriftAI surface.
 */
export interface PredictionRecord extends Prediction {
  /** When the model began running (status `started`). */
  started_at?: string | null;
  /** When it reached a terminal status. */
  completed_at?: string | null;
  /** `Cancel-After`: when it is stopped if not finished (aborted if it has not started). */
  deadline?: string | null;
  /** The deployment it was created through, `owner/name`. */
  deployment?: string | null;
}

/** Replicate's webhook events: when it starts, has new output or logs, and completes. */
export type ReplicateWebhookEvent = 'start' | 'output' | 'logs' | 'completed';

/** Where a prediction's changes are POSTed, in the wire format of the surface that created it. */
export interface PredictionWebhook {
  url: string;
  /** WriftAI: each delivery is signed with this secret. */
  secret?: string;
  /**
   * Created on the Replicate surface: deliveries are Replicate's prediction JSON, signed with the
   * server's Standard Webhooks secret, for these events.
   */
  replicate?: { events: ReplicateWebhookEvent[] };
}

export interface StoredPrediction {
  /** Creation order. Lists page by it, so predictions created while a client pages never shift a page. */
  seq: number;
  prediction: PredictionRecord;
  webhook: PredictionWebhook | null;
  /**
   * The id of the user who created it: only they reach it once the server has accounts. None on a
   * prediction stored before creators were kept, which is the local user's (see `Registry.mayReach`).
   */
  creator?: string;
}

/** What a client uploaded (Replicate's `POST /files`), besides the bytes. */
export interface FileUpload {
  name: string;
  metadata: unknown;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  /** The id of the user who uploaded it (see `Registry.mayReach`); none on one kept before uploaders were. */
  creator?: string;
}

export interface StoredFile {
  id: string;
  contentType: string;
  bytes: Uint8Array;
  createdAt: string;
  /** Present on uploads; a model's output files have none. */
  upload?: FileUpload;
}

/** An upload as a list shows it; `position` orders uploads (newer is larger). */
export interface UploadSummary extends Omit<StoredFile, 'bytes'> {
  upload: FileUpload;
  size: number;
  position: number;
}

/** A user as stored: the local user once changed, and the users of `accounts`. */
export interface UserRecord {
  id: string;
  username: string;
  name: string | null;
  bio: string | null;
  urls: string[];
  location: string | null;
  company: string | null;
  created_at: string;
  updated_at: string | null;
}

/** A version of a model made through the API; the demo model whose image it names runs it. */
export interface VersionRecord {
  number: number;
  release_notes: string;
  created_at: string;
  container_image_digest: string;
  schemas: VersionSchemas;
}

/** A model made through the API (`POST /models`); the demo models live in code. */
export interface ModelRecord {
  id: string;
  /** The owner's user id: a renamed owner keeps its models. */
  owner_id: string;
  name: string;
  description: string | null;
  visibility: 'public' | 'private';
  hardware_identifier: string;
  category_slugs: string[];
  overview: string | null;
  source_url: string | null;
  license_url: string | null;
  paper_url: string | null;
  created_at: string;
  updated_at: string;
  /** Oldest first. */
  versions: VersionRecord[];
  /** Numbers are never reused, so a deleted version's number never names another. */
  next_version_number: number;
}

/**
 * A record of the Weave surface (`/weave`): a logged prediction, a score, an evaluation run or a
 * version of an object (a model…). Kept apart from the runner's predictions: a Weave prediction
 * logs a model call made elsewhere, it is not a job. The store knows nothing of their fields.
 */
export interface WeaveRecord {
  /** `prediction`, `score`, `evaluation_run`, or an object's kind (`model`…). */
  kind: string;
  /** `entity/project`: every Weave route is under one. */
  project: string;
  id: string;
  /** What lists filter and deletes cascade by: the evaluation run of a prediction or score, the object of a version. */
  group: string | null;
  /** Creation order, assigned by the store; lists page by it. */
  seq: number;
  data: Record<string, unknown>;
}

/** Up to `limit` records of one kind and project (and `group`) created after `after`, oldest first. */
export interface WeaveQuery {
  kind: string;
  project: string;
  group?: string;
  after: number;
  limit: number;
}

/**
 * Where predictions and files live. Synchronous on purpose: both implementations (a Map, and
 * Node's built-in SQLite) answer at once, and a synchronous store keeps the runner free of races.
 */
export interface Store {
  nextSeq(): number;
  insert(record: StoredPrediction): void;
  update(prediction: PredictionRecord): void;
  get(id: string): StoredPrediction | undefined;
  /** Up to `limit` predictions older than `seq` (all when `undefined`), newest first. */
  listBefore(seq: number | undefined, limit: number): StoredPrediction[];
  /** The `limit` oldest predictions newer than `seq`, newest first. */
  listAfter(seq: number, limit: number): StoredPrediction[];
  /** Predictions not yet terminal; a restarted server fails them. */
  listUnfinished(): StoredPrediction[];
  countByModel(owner: string, name: string): number;
  putFile(file: StoredFile): void;
  getFile(id: string): StoredFile | undefined;
  /** Forgets a file; `false` when there was none. */
  deleteFile(id: string): boolean;
  /**
   * Up to `limit` uploads (files with `upload`) stored before position `before` (all when
   * `undefined`), newest first: what a list shows, without the bytes.
   */
  listUploads(before: number | undefined, limit: number): UploadSummary[];
  /** A value the server keeps across restarts where the store does (a webhook secret). */
  getSetting(key: string): string | undefined;
  putSetting(key: string, value: string): void;
  /** Every stored user; few enough to hold in memory (see `Registry`). */
  listUsers(): UserRecord[];
  putUser(user: UserRecord): void;
  /** Every model made through the API; their number and size are bounded by `Registry`. */
  listModels(): ModelRecord[];
  putModel(model: ModelRecord): void;
  deleteModel(id: string): void;
  /** Adds a Weave record, or replaces the data of the one of its kind, project and id (which keeps its `seq`). */
  putWeave(record: Omit<WeaveRecord, 'seq'>): WeaveRecord;
  getWeave(kind: string, project: string, id: string): WeaveRecord | undefined;
  /** A batch of a list: lists are read a batch at a time, so that a long one is streamed, never held. */
  listWeave(query: WeaveQuery): WeaveRecord[];
  /** Forgets the records named, or every one of a group; answers how many there were. */
  deleteWeave(kind: string, project: string, which: { ids: readonly string[] } | { group: string }): number;
  close(): void;
}
