/**
 * PredictKit's types: the wire types of the WriftAI prediction API, which every provider maps its
 * service's answers onto (fields only one service has are optional). Field names stay snake_case,
 * as the APIs send them; see the project's API contract for what each field means.
 */

/** The statuses the API documents, plus those other services use for the same terminal states. */
export type KnownPredictionStatus =
  | 'pending'
  | 'started'
  | 'succeeded'
  | 'failed'
  | 'canceled'
  | 'cancelled'
  | 'aborted';

/** Any other string is a status this client does not know: treated as not terminal, never a crash. */
export type PredictionStatus = KnownPredictionStatus | (string & {});

export interface ModelRef {
  owner: string;
  name: string;
  /**
   * `undefined` means the latest version. A number on WriftAI (`owner/name:2`), a 64-hex version id
   * on Replicate (`owner/name:5c7d…`).
   */
  version?: number | string;
}

export interface PredictionModel {
  owner: string;
  name: string;
  /** WriftAI's version number. */
  version_number?: number;
  /** Replicate's 64-hex version id; absent for an official model, whose versions are hidden. */
  version_id?: string;
}

export interface PredictionError {
  /** `external`: the caller's side (bad input, cancel). `internal`: the model or platform failed. */
  source: 'internal' | 'external' | (string & {});
  message: string;
  detail?: unknown;
}

export interface PredictionUrls {
  /** Present only where the server offers the streaming extension. */
  stream?: string;
  [key: string]: string | undefined;
}

export interface Prediction<TInput = Record<string, unknown>, TOutput = unknown> {
  id: string;
  model: PredictionModel;
  created_at: string;
  updated_at: string;
  status: PredictionStatus;
  setup_time: string | null;
  execution_time: string | null;
  input?: TInput;
  output?: TOutput | null;
  error?: PredictionError | null;
  logs?: string[];
  setup_logs?: string[];
  urls?: PredictionUrls;
  /** Replicate: the input, output and logs were deleted (an hour after an API prediction ends). */
  data_removed?: boolean;
  /** Replicate: when a `cancelAfter` deadline stops it. */
  deadline?: string | null;
  /** Replicate: the deployment (`owner/name`) it ran on. */
  deployment?: string | null;
  /** Replicate: `api` or `web`. */
  source?: string;
  /** Replicate, as it sends them: `predict_time` (read into `execution_time`) and `total_time`, in seconds, once it ends. */
  metrics?: Record<string, unknown> | null;
  /** WriftAI: where to get the prediction (its `urls.get`). */
  url?: string;
}

/** A row of `GET /predictions`: the list leaves out input, output, error and logs. */
export type PredictionListItem = Omit<Prediction, 'input' | 'output' | 'error' | 'logs' | 'setup_logs'>;

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
  previous_cursor: string | null;
  next_url: string | null;
  previous_url: string | null;
}

/** Replicate's webhook events: a delivery when the prediction starts, has new output or logs, completes. */
export type WebhookEvent = 'start' | 'output' | 'logs' | 'completed';

/**
 * Where the service posts the prediction as it changes. WriftAI signs with a `secret` of yours;
 * Replicate signs with the account's secret (Standard Webhooks) and takes the `events` to send
 * (default: output and completed).
 */
export interface WebhookConfig {
  url: string;
  /** WriftAI only. */
  secret?: string | undefined;
  /** Replicate only. */
  events?: WebhookEvent[] | undefined;
}

export interface CreatePredictionBody {
  input: Record<string, unknown>;
  webhook?: WebhookConfig;
}

/** A JSON Schema (draft 2020-12) document; read generously. */
export type JsonSchema = { [keyword: string]: unknown };

export interface VersionSchemas {
  prediction: { input: JsonSchema; output: JsonSchema };
}

export interface ModelOwner {
  id: string;
  username: string;
  avatar_url: string | null;
}

export interface Hardware {
  identifier: string;
  name: string;
  /** WriftAI only, as the rest. */
  gpus?: number;
  cpus?: number;
  ram_per_gpu_gb?: number;
  ram_gb?: number;
  created_at?: string;
}

export interface ModelCategory {
  name: string;
  slug: string;
  description?: string | null;
}

export interface ModelVersion {
  /** WriftAI's version number. */
  number?: number;
  /** Replicate's 64-hex version id. */
  id?: string;
  release_notes?: string;
  created_at: string;
  container_image_digest?: string;
  /** Present on a version's detail answer. */
  schemas?: VersionSchemas;
}

export interface Model {
  id: string;
  name: string;
  owner: ModelOwner;
  description: string | null;
  visibility: 'public' | 'private' | (string & {});
  /** WriftAI only, as `hardware`. */
  created_at?: string;
  updated_at?: string;
  hardware?: Hardware;
  predictions_count: number;
  categories: ModelCategory[];
  /** The following are present on a model's detail answer. */
  overview?: string | null;
  source_url?: string | null;
  license_url?: string | null;
  paper_url?: string | null;
  latest_version?: ModelVersion | null;
}

export interface User {
  id: string;
  username: string;
  avatar_url: string | null;
  name?: string | null;
  bio?: string | null;
  urls?: string[] | null;
  location?: string | null;
  company?: string | null;
  /** WriftAI only. */
  created_at?: string;
  updated_at?: string | null;
}

/** `createModel`'s fields (WriftAI): the model is the token's user's. */
export interface ModelFields {
  /** One path segment: the `name` of `owner/name`. */
  name: string;
  /** A `listHardware` identifier. */
  hardware_identifier: string;
  /** Default `private`: only its owner sees it. */
  visibility?: 'public' | 'private' | undefined;
  description?: string | null | undefined;
  overview?: string | null | undefined;
  source_url?: string | null | undefined;
  license_url?: string | null | undefined;
  paper_url?: string | null | undefined;
  /** `listModelCategories` slugs. */
  category_slugs?: string[] | undefined;
}

/** `createModelVersion`'s fields (WriftAI). */
export interface ModelVersionFields {
  /** At most 255 characters. */
  release_notes?: string | undefined;
  schemas: VersionSchemas;
  /** `sha256:` and 64 hex digits. */
  container_image_digest: string;
}

/** `updateUser`'s fields (WriftAI): what is left out stays as it is. */
export interface UserFields {
  username?: string | undefined;
  name?: string | null | undefined;
  bio?: string | null | undefined;
  urls?: string[] | null | undefined;
  location?: string | null | undefined;
  company?: string | null | undefined;
}

/** One item of a `422` answer's `detail`. */
export interface ValidationIssueWire {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** `getModel`: the model with details, plus the version its reference named. */
export interface ModelDetails extends Model {
  /** `latest_version` for `owner/name`; the version named, with its schemas, for `owner/name:N` or `owner/name:<id>`. */
  version: ModelVersion | null;
}
