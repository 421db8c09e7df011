import type { Prediction, WebhookConfig } from '@predictkit/core';

export interface StoredPrediction {
  /** Creation order. Lists page by it, so predictions created while a client pages never shift a page. */
  seq: number;
  prediction: Prediction;
  webhook: WebhookConfig | null;
}

export interface StoredFile {
  id: string;
  contentType: string;
  bytes: Uint8Array;
  createdAt: string;
}

/**
 * Where predictions and files live. Synchronous on purpose: both implementations (a Map, and
 * Node's built-in SQLite) answer at once, and a synchronous store keeps the runner free of races.
 */
export interface Store {
  nextSeq(): number;
  insert(record: StoredPrediction): void;
  update(prediction: Prediction): void;
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
  close(): void;
}
