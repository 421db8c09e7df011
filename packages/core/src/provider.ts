import { UnexpectedResponseError, type ValidationIssue } from './errors';
import { expectShape, type Shape } from './expectShape';
import { pathSegment as seg } from './parseModelRef';
import type { SseEvent } from './stream/createSseParser';
import type {
  Hardware,
  Model,
  ModelCategory,
  ModelRef,
  ModelVersion,
  Page,
  Prediction,
  User,
  WebhookConfig,
} from './types';

export interface PageParams {
  /** Opaque; leave out for the first page. */
  cursor?: string | undefined;
  pageSize?: number | undefined;
}

export interface ModelListParams extends PageParams {
  sortBy?: 'created_at' | 'predictions_count' | undefined;
  sortDirection?: 'asc' | 'desc' | undefined;
  /** Category slugs; a model matches any of them. */
  categories?: string[] | undefined;
}

export interface UserListParams extends PageParams {
  sortBy?: 'created_at' | undefined;
  sortDirection?: 'asc' | 'desc' | undefined;
}

/**
 * A path to `GET`, or a method, a path and a body: Replicate's search is `QUERY /models` with the
 * query as text; a change sends its fields as JSON.
 */
export type Route = string | [method: string, path: string, body?: unknown];

/**
 * Paths (with their query), relative to the client's base URL, of the prediction operations. The
 * built-in routes refuse, with a `TypeError` and before anything is sent, an id, owner, name or
 * version that is not one path segment.
 */
export interface ProviderRoutes {
  /** A model (`owner/name`), or a version of it. */
  createPrediction(model: ModelRef): string;
  deploymentPrediction?(deployment: ModelRef): string;
  prediction(id: string): string;
  /** Absent: `/predictions` with `cursor` and `page_size` (a service without page sizes lacks `pageSize`). */
  predictions?(page: PageParams): string;
  cancelPrediction(id: string): string;
  /** Uploads (`POST`, multipart); absent: `/files`. */
  files?(): string;
}

/**
 * The routes of the catalog (models, versions, hardware, categories, the token's user) and of the
 * account (users, the changes a model's owner makes), relative to the client's base URL. A route
 * the service does not have is absent: its operation is refused by name.
 */
export interface CatalogRoutes {
  models(params: ModelListParams): string;
  modelsByOwner?(owner: string, page: PageParams): string;
  model(model: ModelRef): string;
  versions(model: ModelRef, page: PageParams): string;
  version(model: ModelRef): string;
  searchModels(query: string, page: PageParams): Route;
  hardware?(page: PageParams): string;
  modelCategories?(page: PageParams): string;
  /** The token's user. */
  user(): string;
  users?(params: UserListParams): string;
  userByName?(username: string): string;
  searchUsers?(query: string, page: PageParams): Route;
  /** The token's user's models. */
  userModels?(page: PageParams): string;
  /** The changes, each sent with its fields as JSON. */
  updateUser?(): string;
  createModel?(): string;
  updateModel?(model: ModelRef): string;
  deleteModel?(model: ModelRef): string;
  createVersion?(model: ModelRef): string;
  deleteVersion?(model: ModelRef): string;
  /** The account's webhook signing secret. */
  webhookSecret?(): string;
}

/**
 * Reads one answer into PredictKit's shape, or throws an `UnexpectedResponseError` naming the field.
 * `at` names the operation for the message; `path` prefixes field names (`items[3].`).
 */
export type Mapper<T> = (raw: unknown, at: string, path?: string) => T;

/** What a create takes besides its model and input, each provider sending what it has of it. */
export interface CreateRequestOptions {
  webhook?: WebhookConfig | undefined;
  validateInput?: boolean | undefined;
  /** Seconds, or a duration such as `"90s"`, `"1h30m"` or `"500ms"`. */
  cancelAfter?: number | string | undefined;
}

/** A create as the caller asked for it: a `model` (a `defineModel`'s reference), or a `deployment`. */
export interface CreateRequest extends CreateRequestOptions {
  model?: string | ModelRef | undefined;
  deployment?: string | ModelRef | undefined;
  input: unknown;
}

/**
 * Everything that is particular to one prediction service: where each operation lives and how its
 * answers map onto PredictKit's types (which are WriftAI's wire types). The client, the waiting
 * lifecycle and everything built on them only ever see the mapped shapes, so a second service is
 * one more `Provider` object.
 */
export interface Provider {
  /** The service's name, for messages: `WriftAI`, `Replicate`. */
  readonly name: string;
  readonly defaultBaseUrl: string;
  /** Environment variables read on servers for the token and the base URL. */
  readonly env: { token: string; baseUrl: string };
  /**
   * The options (`cancelAfter`, `webhook.events`) and the operations without a route of their own
   * (`deployment`, `uploadFile`) the service does not have: using one is a `TypeError` saying so,
   * before anything is sent. An operation whose route is absent is refused the same way.
   */
  readonly lacks?: readonly string[];
  readonly routes: ProviderRoutes;
  /**
   * The route, body and headers of a create, from what the caller asked (`Prefer: wait` and the
   * timeout are the client's). It refuses, with a `TypeError`, a model or option it cannot send.
   */
  createRequest(request: CreateRequest): { path: string; body: unknown; headers?: Record<string, string> };
  mapPrediction: Mapper<Prediction>;
  /**
   * A page of a list into `items` and cursors. Absent, a page is read as PredictKit's own (WriftAI's,
   * `{items, next_cursor}`), where an app which lists finds that reading, so that one which never
   * lists does not carry it; a provider of a service with other pages sets its own here.
   */
  mapPage?<T>(raw: unknown, at: string, item: Mapper<T>): Page<T>;
  /**
   * The service's words for an error answer, the field issues of a validation failure, and how long
   * it asked to wait when it says so in the body (the `Retry-After` header is read for every service).
   */
  mapError(
    status: number,
    body: unknown,
  ): { detail: string; issues?: ValidationIssue[]; retryAfterMs?: number };
  /**
   * The snapshot after one stream event (`@predictkit/core/stream`). WriftAI's and Replicate's are
   * found by the provider's `name` instead, so that an app which only polls does not carry them; a
   * provider of another service that streams sets its own here.
   */
  readonly applyStreamEvent?: StreamEventReader;
  /**
   * The catalog's routes and mappers (`@predictkit/core/catalog`, `@predictkit/core/account`).
   * WriftAI's and Replicate's are found by the provider's `name` instead, so that an app which only
   * runs predictions does not carry them; a provider of another service sets its own here.
   */
  readonly catalog?: ProviderCatalog;
}

/**
 * The snapshot after one stream event, or `undefined` to ignore the event. After a `done` that
 * carries no prediction, the watcher fetches the prediction once. An event that carries a whole
 * prediction reads through `provider.mapPrediction`.
 */
export type StreamEventReader = (
  prediction: Prediction,
  event: SseEvent,
  at: string,
  provider: Provider,
) => Prediction | undefined;

/** The catalog part of a `Provider`: where models, versions and users live, and how they read. */
export interface ProviderCatalog {
  readonly routes: CatalogRoutes;
  mapModel: Mapper<Model>;
  mapVersion: Mapper<ModelVersion>;
  mapHardware: Mapper<Hardware>;
  mapCategory: Mapper<ModelCategory>;
  mapUser: Mapper<User>;
}

/** `path` with `params` as its query, leaving out what is unset; an array repeats its key. */
export function withQuery(path: string, params: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    // `append` turns numbers into text itself.
    for (const v of [value].flat()) if (v != null) query.append(key, v as string);
  }
  const text = `${query}`;
  return text ? `${path}?${text}` : path;
}

/** A mapper that checks the fields `shape` names and passes the answer through. */
export const shaped =
  <T>(shape: Shape): Mapper<T> =>
  (raw, at, path) =>
    expectShape(raw, at, shape, path);

export const modelPath = (m: ModelRef): string => `/models/${seg(m.owner, 'owner')}/${seg(m.name, 'name')}`;

export const predictionPath = (id: string): string => `/predictions/${seg(id, 'id')}`;

/** The event's data as JSON, or an `UnexpectedResponseError` (the watcher then polls). */
export function parseData(event: SseEvent, at: string): unknown {
  try {
    return JSON.parse(event.data);
  } catch {
    throw new UnexpectedResponseError(
      `${at}: the \`${event.event}\` event ${event.id} is not JSON; polling instead.`,
      { path: event.event },
    );
  }
}

/**
 * The snapshot with one more output chunk: a lone value becomes the first chunk. `concat` copies
 * the array in one block (`flat()` and a spread took 20 times as long per event on long outputs);
 * `[chunk]` keeps an array chunk whole.
 */
export const appendOutput = (p: Prediction, chunk: unknown): Prediction => {
  const output = p.output ?? [];
  return { ...p, output: (Array.isArray(output) ? output : [output]).concat([chunk]) };
};
