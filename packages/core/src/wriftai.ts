import { describeIssues, show, type ValidationIssue } from './errors';
import { expectShape } from './expectShape';
import { isVersionNumber, parseModelRef } from './parseModelRef';
import {
  type Mapper,
  modelPath,
  type PageParams,
  type Provider,
  type ProviderRoutes,
  predictionPath,
  shaped,
  withQuery,
} from './provider';
import type { ModelRef, Page, Prediction, ValidationIssueWire } from './types';

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

export const pageQuery = (p: PageParams) => ({ cursor: p.cursor, page_size: p.pageSize });
export const page = (path: string) => (p: PageParams) => withQuery(path, pageQuery(p));
// The version first: a Replicate version id is refused as such, not as a path it never reaches.
export const versionPath = (m: ModelRef) => {
  const { version } = m;
  if (!isVersionNumber(version)) {
    throw new TypeError(`\`version\` must be a whole number ≥ 1, got ${show(version)}.`);
  }
  return `${modelPath(m)}/versions/${version}`;
};

// `@__PURE__` tells bundlers that making a mapper has no side effect, so that an app which uses
// another provider can leave this one out.
const checkPrediction: Mapper<Prediction> = /* @__PURE__ */ shaped(PREDICTION);

/**
 * WriftAI's statuses end at `succeeded` or `failed`: a canceled prediction is `failed` with
 * `error.detail.canceled`, which reads as `canceled` here.
 */
export const mapPrediction: Mapper<Prediction> = (raw, at, path) => {
  const p = checkPrediction(raw, at, path);
  const detail = p.error?.detail as { canceled?: unknown } | null | undefined;
  return p.status === 'failed' && detail?.canceled === true ? { ...p, status: 'canceled' } : p;
};

const routes: ProviderRoutes = {
  createPrediction: (m) => `${m.version === undefined ? modelPath(m) : versionPath(m)}/predictions`,
  prediction: predictionPath,
  cancelPrediction: (id) => `${predictionPath(id)}/cancel`,
};

/**
 * FastAPI's error answer: `detail` as text, or a `422`'s `detail` list as field issues (an input
 * field named relative to `input`). WriftAI's and Weave's.
 */
export function mapFastApiError(_status: number, body: unknown): ReturnType<Provider['mapError']> {
  const detail = (body as { detail?: unknown } | null)?.detail;
  const issues = Array.isArray(detail)
    ? detail.map((item: Partial<ValidationIssueWire> | null): ValidationIssue => {
        const loc = Array.isArray(item?.loc) ? item.loc : [];
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
}

/** WriftAI's pages: `items` and `next_cursor`, an absent cursor read as `null` (no further page, as the API documents). */
export function mapWriftaiPage<T>(raw: unknown, at: string, item: Mapper<T>): Page<T> {
  const page = expectShape<Page<unknown>>(raw, at, { items: 'a', next_cursor: '?s' });
  return {
    ...page,
    next_cursor: page.next_cursor ?? null,
    items: page.items.map((x, i) => item(x, at, `items[${i}].`)),
  };
}

/**
 * What a server-side part (the proxy) needs of WriftAI without its client routes: its name, where
 * it is, the variables it reads, what it does not have, and how its predictions read.
 */
export const wriftaiService = {
  name: 'WriftAI',
  defaultBaseUrl: 'https://api.wrift.ai/v1',
  env: { token: 'WRIFTAI_ACCESS_TOKEN', baseUrl: 'WRIFTAI_API_BASE_URL' },
  lacks: ['deployment', 'cancelAfter', 'webhook.events', 'uploadFile'],
  mapPrediction,
} satisfies Partial<Provider>;

/** The WriftAI REST API (https://api.wrift.ai/v1), and the local server that mimics it. */
export const wriftai: Provider = {
  ...wriftaiService,
  routes,
  createRequest: ({ model, input, webhook, validateInput }) => ({
    path: routes.createPrediction(parseModelRef(model!)),
    body: webhook ? { input, webhook } : { input },
    headers: validateInput ? { 'validate-input': 'true' } : undefined,
  }),
  mapError: mapFastApiError,
};
