import type { SseEvent } from './createSseParser';
import { describeIssues, UnexpectedResponseError, type ValidationIssue } from './errors';
import { expectShape, type Shape } from './expectShape';
import { pathSegment as seg } from './parseModelRef';
import type {
  Hardware,
  Model,
  ModelCategory,
  ModelRef,
  ModelVersion,
  Page,
  Prediction,
  User,
  ValidationIssueWire,
  WebhookConfig,
} from './types';

export interface PageParams {
  /** Opaque; leave out for the first page. */
  cursor?: string;
  pageSize?: number;
}

export interface ModelListParams extends PageParams {
  sortBy?: 'created_at' | 'predictions_count';
  sortDirection?: 'asc' | 'desc';
  /** Category slugs; a model matches any of them. */
  categories?: string[];
}

/**
 * Paths (with their query), relative to the client's base URL. The built-in routes refuse, with a
 * `TypeError` and before anything is sent, an id, owner, name or version that is not one path segment.
 */
export interface ProviderRoutes {
  createPrediction(model: ModelRef): string;
  prediction(id: string): string;
  predictions(page: PageParams): string;
  cancelPrediction(id: string): string;
  models(params: ModelListParams): string;
  modelsByOwner(owner: string, page: PageParams): string;
  model(model: ModelRef): string;
  versions(model: ModelRef, page: PageParams): string;
  version(model: ModelRef): string;
  searchModels(query: string, page: PageParams): string;
  hardware(page: PageParams): string;
  modelCategories(page: PageParams): string;
  user(): string;
}

/**
 * Reads one answer into PredictKit's shape, or throws an `UnexpectedResponseError` naming the field.
 * `at` names the operation for the message; `path` prefixes field names (`items[3].`).
 */
export type Mapper<T> = (raw: unknown, at: string, path?: string) => T;

/**
 * Everything that is particular to one prediction service: where each operation lives and how its
 * answers map onto PredictKit's types (which are WriftAI's wire types). The client, the waiting
 * lifecycle and everything built on them only ever see the mapped shapes, so a second service is
 * one more `Provider` object.
 */
export interface Provider {
  readonly defaultBaseUrl: string;
  /** Environment variables read on servers for the token and the base URL. */
  readonly env: { token: string; baseUrl: string };
  readonly routes: ProviderRoutes;
  createBody(input: unknown, webhook: WebhookConfig | undefined, model: ModelRef): unknown;
  mapPrediction: Mapper<Prediction>;
  mapPage<T>(raw: unknown, at: string, item: Mapper<T>): Page<T>;
  mapModel: Mapper<Model>;
  mapVersion: Mapper<ModelVersion>;
  mapHardware: Mapper<Hardware>;
  mapCategory: Mapper<ModelCategory>;
  mapUser: Mapper<User>;
  /** The service's words for an error answer, and the field issues of a validation failure. */
  mapError(status: number, body: unknown): { detail: string; issues?: ValidationIssue[] };
  /** The snapshot after one stream event, or `undefined` to ignore the event. */
  applyStreamEvent(prediction: Prediction, event: SseEvent, at: string): Prediction | undefined;
}

const PREDICTION = {
  id: 's',
  status: 's',
  created_at: 's',
  model: { owner: 's', name: 's' },
  input: '?o',
  error: '?o',
  logs: '?a',
  setup_logs: '?a',
  urls: '?o',
};

function withQuery(path: string, params: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    // `append` turns numbers into text itself.
    for (const v of [value].flat()) if (v != null) query.append(key, v as string);
  }
  const text = `${query}`;
  return text ? `${path}?${text}` : path;
}

/** A mapper that checks the fields `shape` names and passes the answer through. */
const shaped =
  <T>(shape: Shape): Mapper<T> =>
  (raw, at, path) =>
    expectShape(raw, at, shape, path);

const pageQuery = (p: PageParams) => ({ cursor: p.cursor, page_size: p.pageSize });
const modelPath = (m: ModelRef) => `/models/${seg(m.owner, 'owner')}/${seg(m.name, 'name')}`;
const versionPath = (m: ModelRef) => `${modelPath(m)}/versions/${seg(m.version, 'version')}`;

function parseData(event: SseEvent, at: string): unknown {
  try {
    return JSON.parse(event.data);
  } catch {
    throw new UnexpectedResponseError(
      `${at}: the \`${event.event}\` event ${event.id} is not JSON; polling instead.`,
      { path: event.event },
    );
  }
}

/** The WriftAI REST API (https://api.wrift.ai/v1), and the local server that mimics it. */
export const wriftai: Provider = {
  defaultBaseUrl: 'https://api.wrift.ai/v1',
  env: { token: 'WRIFTAI_ACCESS_TOKEN', baseUrl: 'WRIFTAI_API_BASE_URL' },
  routes: {
    createPrediction: (m) => `${m.version === undefined ? modelPath(m) : versionPath(m)}/predictions`,
    prediction: (id) => `/predictions/${seg(id, 'id')}`,
    predictions: (p) => withQuery('/predictions', pageQuery(p)),
    cancelPrediction: (id) => `/predictions/${seg(id, 'id')}/cancel`,
    models: (p) =>
      withQuery('/models', {
        ...pageQuery(p),
        sort_by: p.sortBy,
        sort_direction: p.sortDirection,
        category_slugs: p.categories,
      }),
    modelsByOwner: (owner, p) => withQuery(`/models/${seg(owner, 'owner')}`, pageQuery(p)),
    model: modelPath,
    versions: (m, p) => withQuery(`${modelPath(m)}/versions`, pageQuery(p)),
    version: versionPath,
    searchModels: (q, p) => withQuery('/search/models', { q, ...pageQuery(p) }),
    hardware: (p) => withQuery('/hardware', pageQuery(p)),
    modelCategories: (p) => withQuery('/model_categories', pageQuery(p)),
    user: () => '/user',
  },
  createBody: (input, webhook) => (webhook ? { input, webhook } : { input }),
  mapPrediction: shaped(PREDICTION),
  mapPage(raw, at, item) {
    const page = expectShape<Page<unknown>>(raw, at, { items: 'a', next_cursor: '?s' });
    // An absent cursor reads as `null`: no further page, as the API documents.
    return {
      ...page,
      next_cursor: page.next_cursor ?? null,
      items: page.items.map((x, i) => item(x, at, `items[${i}].`)),
    };
  },
  mapModel: shaped({ id: 's', name: 's', owner: { username: 's' } }),
  mapVersion: shaped({ number: 'n', schemas: '?o' }),
  mapHardware: shaped({ identifier: 's', name: 's' }),
  mapCategory: shaped({ name: 's', slug: 's' }),
  mapUser: shaped({ id: 's', username: 's' }),
  mapError(_status, body) {
    const detail = (body as { detail?: unknown } | null)?.detail;
    const issues = Array.isArray(detail)
      ? detail.map((item: Partial<ValidationIssueWire> | null): ValidationIssue => {
          const loc = item?.loc ?? [];
          // Input fields are named relative to `input`, the way a form knows them.
          return {
            path: loc[0] === 'body' && loc[1] === 'input' ? loc.slice(2) : loc,
            message: String(item?.msg),
            type: String(item?.type),
          };
        })
      : undefined;
    return {
      detail: issues
        ? describeIssues(issues)
        : typeof detail === 'string'
          ? detail
          : typeof body === 'string'
            ? body.slice(0, 300)
            : '',
      issues,
    };
  },
  applyStreamEvent(p, event, at) {
    switch (event.event) {
      case 'prediction':
      case 'done':
        return wriftai.mapPrediction(parseData(event, at), `${at} (\`${event.event}\` event)`);
      case 'output': {
        const chunk = parseData(event, at);
        // A lone value becomes the first chunk; `flat` opens only the outer array, never a chunk.
        return { ...p, output: [...[p.output ?? []].flat(), chunk] };
      }
      case 'logs':
        return { ...p, logs: [...(p.logs ?? []), String(parseData(event, at))] };
    }
  },
};
