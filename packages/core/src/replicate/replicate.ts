import { describeIssues, invalid, show } from '../errors';
import { expectShape } from '../expectShape';
import { isObject } from '../isObject';
import { parseModelRef, pathSegment as seg, VERSION_ID } from '../parseModelRef';
import { type Mapper, modelPath, type Provider, type ProviderRoutes, predictionPath } from '../provider';
import type { ModelRef, Prediction } from '../types';
import { isCancelAfter } from './cancelAfter';
import { isWebhookEvent, WEBHOOK_EVENTS } from './isWebhookEvent';
import { mapReplicatePage } from './mapReplicatePage';

/** `logs` is the whole log as one text; PredictKit's are its lines (a final newline ends the last one). */
export const lines = (text: unknown): string[] =>
  typeof text === 'string' && text ? text.replace(/\r?\n$/, '').split(/\r?\n/) : [];

export const versionId = (version: unknown) => {
  if (VERSION_ID.test(version as string)) return version as string;
  throw new TypeError(`\`version\` must be a 64-hex version id on Replicate, got ${show(version)}.`);
};

/** Whole seconds as a duration, or a duration as it is (`isCancelAfter`). */
const cancelAfterHeader = (v: unknown): string => {
  if (Number.isInteger(v) && (v as number) > 0) return `${v}s`;
  if (isCancelAfter(v)) return v;
  throw invalid(
    'createPrediction',
    'cancelAfter',
    'whole seconds ≥ 1 or a duration like "90s" or "1h30m"',
    v,
  );
};

const routes = {
  // A version goes in the body (its id names the model too, and `createRequest` checks it); a model
  // alone has a route of its own.
  createPrediction: (m) => (m.version === undefined ? `${modelPath(m)}/predictions` : '/predictions'),
  deploymentPrediction: (m) => `/deployments/${seg(m.owner, 'owner')}/${seg(m.name, 'name')}/predictions`,
  prediction: predictionPath,
  cancelPrediction: (id) => `${predictionPath(id)}/cancel`,
} satisfies ProviderRoutes;

/** A prediction as Replicate sends it, in the fields that are mapped. */
interface Wire {
  id: string;
  status: string;
  created_at: string;
  started_at?: string | null;
  completed_at?: string | null;
  model: string;
  version?: string;
  error?: unknown;
  logs?: string | null;
  metrics?: { predict_time?: unknown } | null;
}

const STATUSES: Record<string, string> = { starting: 'pending', processing: 'started' };

const mapPrediction: Mapper<Prediction> = (raw, at, path) => {
  const p = expectShape<Wire>(raw, at, { id: 's', status: 's', created_at: 's', model: 's' }, path);
  const [owner = '', name = ''] = p.model.split('/');
  const { version, error } = p;
  const time = p.metrics?.predict_time;
  return {
    ...(p as Omit<Wire, 'error' | 'logs'>),
    // A version id, or "hidden" for an official model.
    model: VERSION_ID.test(version!) ? { owner, name, version_id: version } : { owner, name },
    status: STATUSES[p.status] ?? p.status,
    updated_at: p.completed_at ?? p.started_at ?? p.created_at,
    setup_time: null,
    // Seconds spent running the model (not the queue or the boot), as `parseDuration` reads them.
    execution_time: typeof time === 'number' ? time.toFixed(6) : null,
    error: error == null ? null : { source: 'internal', message: `${error}` },
    logs: lines(p.logs),
  };
};

/**
 * The Replicate HTTP API (https://api.replicate.com/v1), mapped onto PredictKit's types:
 * `starting` → `pending`, `processing` → `started`; `logs` into lines; `metrics.predict_time` into
 * `execution_time`; an error text into `{ source: 'internal', message }`. It carries its page
 * reader (`mapReplicatePage`), so that the default entry's list reading knows WriftAI's pages alone;
 * its catalog (`replicateCatalog`: models, versions, hardware) is found by its `name` where the
 * catalog is read, so that an app which only runs predictions does not carry it.
 */
export const replicate: Provider = {
  name: 'Replicate',
  defaultBaseUrl: 'https://api.replicate.com/v1',
  // The official JS client reads only the token; Replicate's Python clients read REPLICATE_BASE_URL,
  // with /v1 or without it depending on the client, so this one is PredictKit's own and takes /v1.
  env: { token: 'REPLICATE_API_TOKEN', baseUrl: 'REPLICATE_API_BASE_URL' },
  // Operations without a route in its catalog (listModelsByOwner, the user and model changes) are
  // refused as they are reached.
  lacks: ['webhook.secret', 'pageSize', 'sortBy', 'sortDirection', 'categories'],
  routes,
  createRequest({ model, deployment, input, webhook, cancelAfter }) {
    // A bare version id names a version without its model.
    const ref = VERSION_ID.test(model as string)
      ? ({ version: model } as ModelRef)
      : parseModelRef((deployment ?? model)!);
    const { version } = ref;
    if (version !== undefined && !VERSION_ID.test(version as string)) {
      throw invalid('createPrediction', 'version', 'a 64-hex version id on Replicate', version);
    }
    if (deployment !== undefined && (model !== undefined || version !== undefined)) {
      throw new TypeError(
        'createPrediction: `deployment` takes `owner/name` alone: no version (a deployment runs its own) and no `model`.',
      );
    }
    const events = webhook?.events;
    if (events !== undefined && !events.every?.(isWebhookEvent)) {
      // Of a list, the event it does not know, rather than "an array".
      const got = events.find?.((e) => !isWebhookEvent(e)) ?? events;
      throw invalid('createPrediction', 'webhook.events', WEBHOOK_EVENTS, got);
    }
    return {
      path: deployment === undefined ? routes.createPrediction(ref) : routes.deploymentPrediction(ref),
      // Undefined fields are left out.
      // A version goes with its model's name where the caller gave one (`owner/name:<id>`, which the
      // service takes too), so that a proxy can tell which model it runs; `ref` is parsed already, so
      // it is written out rather than formatted (which would parse it again).
      body: {
        input,
        version: ref.version && (ref.owner ? `${ref.owner}/${ref.name}:${ref.version}` : ref.version),
        webhook: webhook?.url,
        webhook_events_filter: events,
      },
      headers: cancelAfter === undefined ? undefined : { 'cancel-after': cancelAfterHeader(cancelAfter) },
    };
  },
  mapPrediction,
  mapPage: mapReplicatePage,
  mapError(_status, body) {
    // Problem details, `{detail, status, title}`: a validation failure adds `invalid_fields`, a `429` `retry_after`.
    const { detail, invalid_fields, retry_after } = (isObject(body) ? body : {}) as {
      detail?: unknown;
      invalid_fields?: { field?: unknown; description?: unknown; type?: unknown }[];
      retry_after?: number;
    };
    const issues = invalid_fields?.map?.((f) => {
      const path = `${f?.field ?? ''}`.split('.').filter(Boolean);
      // Input fields are named relative to `input`, the way a form knows them.
      if (path[0] === 'input') path.shift();
      return { path, message: `${f?.description ?? 'Invalid value'}`, type: `${f?.type ?? 'invalid'}` };
    });
    return {
      detail: issues
        ? describeIssues(issues)
        : typeof detail === 'string'
          ? detail.trim()
          : typeof body === 'string'
            ? body.slice(0, 300)
            : '',
      issues,
      retryAfterMs: retry_after! >= 0 ? retry_after! * 1000 : undefined,
    };
  },
};
