import { isTerminal } from '@predictkit/core';
import { type Catalog, OWNER } from '../../catalog';
import { toReplicateId } from '../../replicateId';
import type { ServerSecrets } from '../../secrets';
import type { PredictionRecord, PredictionWebhook } from '../../store/Store';
import { streams } from './openapiSchema';
import { downloadUrl, streamUrl } from './signedUrls';
import { versionId } from './versionId';

/** Where Replicate's routes are mounted. */
export const REPLICATE_BASE = '/replicate/v1';

export interface ReplicateViewContext {
  /** The origin the answer is for: the request's (or `baseUrl`), or for a webhook the creating one. */
  origin: string;
  catalog: Catalog;
  secrets: ServerSecrets;
  /** How long after its end a prediction's data reads as removed (`ServerOptions.dataRetentionMs`). */
  dataRetentionMs?: number | undefined;
}

export interface ReplicateViewOptions {
  webhook?: PredictionWebhook | null;
  /** For lists, which leave the logs out. */
  withoutLogs?: boolean;
  /**
   * A create held by `Prefer: wait` that ran out first: Replicate documents that answer as
   * `starting` (output not yet there), and clients poll on it.
   */
  unfinished?: boolean;
}

const STATUS: Record<string, string> = { pending: 'starting', started: 'processing' };

/** The origin a prediction's absolute URLs were made on: that of its stored `urls.get`. */
export const originOf = (record: PredictionRecord): string =>
  record.urls?.get ? new URL(record.urls.get).origin : '';

const OWN_FILE = /^(https?:\/\/[^/]+)\/v1\/files\/([\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12})$/;

/** Seconds from an ISO-8601 duration the runner writes (`PT1.532S`). */
const seconds = (duration: string | null) => {
  const match = duration && /^PT([\d.]+)S$/.exec(duration);
  return match ? Number(match[1]) : undefined;
};

/**
 * Whether `record`'s input, output and logs read as removed: it ended at least `retentionMs` ago, as
 * Replicate removes an API prediction's an hour after it ends (`ServerOptions.dataRetentionMs`).
 */
export function dataRemoved(record: PredictionRecord, retentionMs = Infinity): boolean {
  const ended = isTerminal(record.status) && (record.completed_at ?? record.updated_at);
  return !!ended && Date.now() - Date.parse(ended) >= retentionMs;
}

/**
 * A prediction as Replicate's API shows it. Its id is the record's UUID in base32; statuses are
 * Replicate's (`starting`, `processing`, then `succeeded`, `failed`, `canceled` or `aborted`); the
 * logs are one text; the error, a message; files the model wrote are signed download URLs, which
 * need no token, as Replicate's delivery URLs.
 */
export function toReplicatePrediction(
  record: PredictionRecord,
  { origin, catalog, secrets, dataRetentionMs }: ReplicateViewContext,
  { webhook, withoutLogs = false, unfinished = false }: ReplicateViewOptions = {},
) {
  const id = toReplicateId(record.id);
  const base = `${origin}${REPLICATE_BASE}`;
  // a model made through WriftAI's API may share a demo model's name, not its versions
  const model =
    record.model.owner === OWNER.username
      ? catalog.models.find((m) => m.name === record.model.name)
      : undefined;
  const version = model?.versions.find((v) => v.number === record.model.version_number);
  const createdOn = originOf(record);
  const signedFiles = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const own = OWN_FILE.exec(value);
      if (!own || own[1] !== createdOn) return value;
      return downloadUrl(
        base,
        secrets.urlKey,
        toReplicateId(own[2] as string),
        Date.parse(record.created_at),
      );
    }
    if (Array.isArray(value)) return value.map(signedFiles);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, signedFiles(v)]));
    }
    return value;
  };
  const status = unfinished ? 'starting' : (STATUS[record.status] ?? record.status);
  const done = isTerminal(record.status) && !unfinished;
  const predictTime = seconds(record.execution_time);
  const completed = done ? (record.completed_at ?? record.updated_at) : null;
  // What an API prediction took and made is removed some time after it ends; the record stays.
  const removed = !unfinished && dataRemoved(record, dataRetentionMs);
  const logs = removed ? '' : (record.logs ?? []).map((line) => `${line}\n`).join('');
  return {
    id,
    model: `${record.model.owner}/${record.model.name}`,
    version: model && version ? versionId(model, version) : 'hidden',
    input: removed ? {} : (record.input ?? {}),
    ...(withoutLogs ? {} : { logs }),
    output: unfinished || removed ? null : signedFiles(record.output ?? null),
    data_removed: removed,
    error: record.status === 'failed' && !unfinished ? (record.error?.message ?? 'Prediction failed.') : null,
    source: 'api',
    status,
    created_at: record.created_at,
    started_at: unfinished ? null : (record.started_at ?? null),
    completed_at: completed,
    ...(record.deadline ? { deadline: record.deadline } : {}),
    ...(record.deployment ? { deployment: record.deployment } : {}),
    ...(webhook?.replicate ? { webhook: webhook.url, webhook_events_filter: webhook.replicate.events } : {}),
    urls: {
      get: `${base}/predictions/${id}`,
      cancel: `${base}/predictions/${id}/cancel`,
      web: `${base}/predictions/${id}`,
      ...(version && streams(version) ? { stream: streamUrl(base, secrets.urlKey, id) } : {}),
    },
    metrics: done
      ? {
          ...(predictTime === undefined ? {} : { predict_time: predictTime }),
          total_time: (Date.parse(completed as string) - Date.parse(record.created_at)) / 1000,
        }
      : {},
  };
}

export type ReplicatePrediction = ReturnType<typeof toReplicatePrediction>;
