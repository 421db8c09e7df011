import { isTerminal } from '@predictkit/core';
import { isRecord } from '@predictkit/core/schema';
import { type Context, Hono } from 'hono';
import { OWNER } from '../../catalog';
import { eventStream } from '../../http/eventStream';
import { HttpError } from '../../http/HttpError';
import { preferWaitSeconds } from '../../http/preferWait';
import { readJsonBody } from '../../http/readJsonBody';
import { sseTextFrame } from '../../http/sse';
import type { DemoModel, DemoVersion } from '../../models/types';
import { fromReplicateId } from '../../replicateId';
import type { StreamEvent } from '../../runner/EventHub';
import { pageOfPredictions } from '../../store/pageOfPredictions';
import type {
  PredictionRecord,
  PredictionWebhook,
  ReplicateWebhookEvent,
  StoredPrediction,
} from '../../store/Store';
import { checkFileInputs, validateAgainstSchema } from '../../validation/validateInput';
import type { SurfaceDeps } from '../Surface';
import { parseCancelAfter } from './parseCancelAfter';
import { replicatePage } from './replicatePage';
import { streamAllowed } from './signedUrls';
import { dataRemoved, toReplicatePrediction } from './toReplicatePrediction';
import { findVersionById } from './versionId';

const PAGE_SIZE = 100;
const EVENTS: readonly ReplicateWebhookEvent[] = ['start', 'output', 'logs', 'completed'];
/** Without a filter, Replicate posts new outputs and the end. */
const DEFAULT_EVENTS: ReplicateWebhookEvent[] = ['output', 'completed'];
/** How long a cancel waits for the model to stop, so that its answer is the canceled prediction. */
const CANCEL_WAIT_MS = 1000;
const VERSION_ID = /^[\da-f]{64}$/;

const invalid = (field: string, msg: string, type = 'value_error') =>
  new HttpError(422, [{ loc: ['body', ...field.split('.')], msg, type }]);

/** A list's time bound, `created_after` or `created_before`: an ISO 8601 date or date-time, in ms. */
function timeParam(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\d{4}-\d\d-\d\d(?:[T ][\d:.]+(Z|[+-]\d\d:?\d\d)?)?$/.exec(value);
  // A date-time without an offset reads as UTC, as a date alone does, whatever this machine's zone.
  const utc = match && value.includes(':') && !match[1] ? `${value.replace(' ', 'T')}Z` : value;
  const ms = match ? Date.parse(utc) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new HttpError(422, [
      {
        loc: ['query', name],
        msg: `Should be an ISO 8601 date or date-time, such as 2026-12-01T00:00:00Z`,
        type: 'datetime_parsing',
      },
    ]);
  }
  return ms;
}

function parseWebhook(body: Record<string, unknown>): PredictionWebhook | null {
  const { webhook, webhook_events_filter: filter } = body;
  if (webhook === undefined || webhook === null) {
    if (filter !== undefined && filter !== null)
      throw invalid('webhook', 'webhook is required with webhook_events_filter', 'missing');
    return null;
  }
  let url: URL | undefined;
  try {
    url = typeof webhook === 'string' ? new URL(webhook) : undefined;
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol)) throw invalid('webhook', 'Should be an absolute http(s) URL');
  if (filter !== undefined && filter !== null) {
    if (!Array.isArray(filter) || filter.some((e) => !EVENTS.includes(e))) {
      throw invalid('webhook_events_filter', `Should be a list of ${EVENTS.map((e) => `"${e}"`).join(', ')}`);
    }
  }
  const events = Array.isArray(filter) ? [...new Set(filter as ReplicateWebhookEvent[])] : DEFAULT_EVENTS;
  return { url: url.href, replicate: { events } };
}

interface Target {
  model: DemoModel;
  version: DemoVersion;
  deployment?: string;
}

/** A stream event as Replicate sends it: raw text data; `error` then `done` with a reason at the end. */
function replicateFrames(event: StreamEvent): Uint8Array[] {
  const text = (data: unknown) => (typeof data === 'string' ? data : JSON.stringify(data));
  switch (event.event) {
    case 'output':
    case 'logs':
      return [sseTextFrame(event.id, event.event, text(event.data))];
    case 'done': {
      const final = event.data as PredictionRecord;
      if (final.status === 'failed') {
        return [
          sseTextFrame(
            event.id,
            'error',
            JSON.stringify({ detail: final.error?.message ?? 'Prediction failed.' }),
          ),
          sseTextFrame(event.id, 'done', JSON.stringify({ reason: 'error' })),
        ];
      }
      const reason = final.status === 'succeeded' ? {} : { reason: 'canceled' };
      return [sseTextFrame(event.id, 'done', JSON.stringify(reason))];
    }
    default:
      return [];
  }
}

/** Replicate's prediction endpoints: the three creates, get, list, cancel, and the stream. */
export function predictionRoutes(deps: SurfaceDeps): Hono {
  const { store, catalog, registry, runner, events, origin, ownFile, secrets, caller } = deps;
  const app = new Hono();
  const { dataRetentionMs } = deps.options;
  /** What every answer's predictions are shown with: this request's origin, and the retention. */
  const context = (c: Context) => ({ origin: origin(c), catalog, secrets, dataRetentionMs });
  const view = (
    c: Context,
    record: PredictionRecord,
    options: { unfinished?: boolean; withoutLogs?: boolean } = {},
  ) =>
    toReplicatePrediction(record, context(c), { ...options, webhook: store.get(record.id)?.webhook ?? null });

  const notFound = (raw: string) => new HttpError(404, `Prediction ${raw.slice(0, 100)} not found.`);

  /** The stored prediction an id names, a Replicate id or the record's UUID; `404` in the id's own words otherwise. */
  const storedOf = (raw: string): StoredPrediction => {
    const uuid = fromReplicateId(raw);
    const stored = uuid === undefined ? undefined : store.get(uuid);
    if (!stored) throw notFound(raw);
    return stored;
  };

  /** The record an id names, if the caller may reach it; another account's is the same `404` as none. */
  const recordOf = (c: Context, raw: string): PredictionRecord => {
    const stored = storedOf(raw);
    if (!registry.mayReach(caller(c), stored.creator)) throw notFound(raw);
    return stored.prediction;
  };

  const modelNamed = (owner: string, name: string): DemoModel => {
    const model = owner === OWNER.username ? catalog.models.find((m) => m.name === name) : undefined;
    if (!model)
      throw new HttpError(404, `Model ${owner}/${name} not found. GET /replicate/v1/models lists them.`);
    return model;
  };

  async function create(c: Context, target: (body: Record<string, unknown>) => Target) {
    const body = await readJsonBody(c);
    if (!isRecord(body)) throw invalid('body', 'Should be a JSON object like {"input": {…}}', 'dict_type');
    // reading the body took time: a shutdown may have begun, and the store may be going
    runner.assertAccepting();
    const { model, version, deployment } = target(body);
    if (body.input === undefined) throw invalid('input', 'Field required', 'missing');
    if (!isRecord(body.input)) throw invalid('input', 'Should be an object', 'dict_type');
    const webhook = parseWebhook(body);
    const cancelAfter = parseCancelAfter(c.req.header('cancel-after'));
    const here = origin(c);
    const input = body.input;
    const user = caller(c);
    const fileIssues = checkFileInputs(
      version.input,
      input,
      (url) => registry.mayUse(user, ownFile(url, here)),
      ['body', 'input'],
    );
    if (fileIssues.length > 0) throw new HttpError(422, fileIssues);
    // Replicate validates every input before it creates anything
    const issues = validateAgainstSchema(version.input, input, ['body', 'input']);
    if (issues.length > 0) throw new HttpError(422, issues);
    let record = runner.create({
      model,
      creator: user.id,
      version,
      input,
      webhook,
      origin: here,
      inputValidated: true,
      ...(cancelAfter === undefined ? {} : { deadlineAt: Date.now() + cancelAfter }),
      ...(deployment ? { deployment } : {}),
    });
    const wait = preferWaitSeconds(c.req.header('prefer'), 60);
    if (wait !== undefined) {
      record = await runner.waitFor(record.id, wait * 1000, c.req.raw.signal);
      c.header('preference-applied', `wait=${wait}`);
    }
    const prediction = view(c, record, { unfinished: wait !== undefined && !isTerminal(record.status) });
    c.header('location', prediction.urls.get);
    return c.json(prediction, 201);
  }

  app.post('/models/:owner/:name/predictions', (c) =>
    create(c, () => {
      const model = modelNamed(c.req.param('owner'), c.req.param('name'));
      return { model, version: model.versions.at(-1) as DemoVersion };
    }),
  );

  app.post('/deployments/:owner/:name/predictions', (c) =>
    create(c, () => {
      const [owner, name] = [c.req.param('owner'), c.req.param('name')];
      const model = owner === OWNER.username ? catalog.models.find((m) => m.name === name) : undefined;
      if (!model)
        throw new HttpError(
          404,
          `Deployment ${owner}/${name} not found. GET /replicate/v1/deployments lists them.`,
        );
      return { model, version: model.versions.at(-1) as DemoVersion, deployment: `${owner}/${name}` };
    }),
  );

  app.post('/predictions', (c) =>
    create(c, (body) => {
      const ref = body.version;
      if (ref === undefined || ref === null) throw invalid('version', 'Field required', 'missing');
      if (typeof ref !== 'string') throw invalid('version', 'Should be a string', 'string_type');
      // a version id alone, `owner/name:<id>`, or `owner/name` for an official model's latest
      const match = /^(?:([^/:\s]+)\/([^/:\s]+))?(?::?([\da-f]{64}))?$/.exec(ref);
      const [, owner, name, id] = match ?? [];
      if (!match || (!id && !owner) || (id && ref.length === 65)) {
        throw invalid(
          'version',
          'Should be a 64-character version id, "owner/name:<version id>" or "owner/name"',
        );
      }
      if (!id) {
        const model = modelNamed(owner as string, name as string);
        return { model, version: model.versions.at(-1) as DemoVersion };
      }
      const found = VERSION_ID.test(id) ? findVersionById(catalog, id) : undefined;
      if (!found || (owner !== undefined && (owner !== OWNER.username || name !== found.model.name))) {
        throw new HttpError(404, `Version ${ref.slice(0, 140)} not found.`);
      }
      return found;
    }),
  );

  app.get('/predictions', (c) => {
    // Created at or after `created_after`, and before `created_before`, as Replicate's API reference
    // describes them; `next` and `previous` keep both.
    const after = timeParam(c.req.query('created_after'), 'created_after') ?? -Infinity;
    const before = timeParam(c.req.query('created_before'), 'created_before') ?? Infinity;
    const user = caller(c);
    const { records, next, previous } = pageOfPredictions(store, c.req.query('cursor'), PAGE_SIZE, (r) => {
      const created = Date.parse(r.prediction.created_at);
      return created >= after && created < before && registry.mayReach(user, r.creator);
    });
    const results = records.map(({ prediction, webhook }) =>
      toReplicatePrediction(prediction, context(c), { webhook, withoutLogs: true }),
    );
    return c.json(replicatePage(c, origin(c), results, next, previous));
  });

  app.get('/predictions/:id', (c) => c.json(view(c, recordOf(c, c.req.param('id')))));

  app.post('/predictions/:id/cancel', async (c) => {
    const raw = c.req.param('id');
    const { id } = recordOf(c, raw);
    let record = runner.cancel(id, raw);
    // a running model stops at once: answer with the prediction canceled, as Replicate does
    if (!isTerminal(record.status)) record = await runner.waitFor(id, CANCEL_WAIT_MS, c.req.raw.signal);
    return c.json(view(c, record));
  });

  app.get('/predictions/:id/stream', (c) => {
    const raw = c.req.param('id');
    const signature = c.req.query('signature');
    // a signed URL is its own proof, handed out only with the prediction, and sent with no token
    const { id } = signature === undefined ? recordOf(c, raw) : storedOf(raw).prediction;
    if (signature !== undefined && !streamAllowed(secrets.urlKey, raw, signature)) {
      throw new HttpError(
        403,
        'This stream URL is not signed by this server: use the prediction’s urls.stream.',
      );
    }
    const record = runner.get(id);
    if (record && dataRemoved(record, dataRetentionMs)) {
      // Its output and logs are gone: the stream tells its end and nothing else.
      const frames = replicateFrames({ id: 1, event: 'done', data: record });
      return new Response(frames.map((frame) => new TextDecoder().decode(frame)).join(''), {
        headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
      });
    }
    return eventStream(c, {
      id,
      events,
      current: () => runner.get(id),
      cutStream: deps.cutStream,
      frames: replicateFrames,
      // Replicate's stream is the whole output: a fresh connection hears it from the start
      opening: () => ({ events: [], after: 0 }),
      // the events are gone (a restart): the stored output is replayed, then the end
      fromRecord: (current) => {
        const chunks = Array.isArray(current.output)
          ? current.output
          : current.output == null
            ? []
            : [current.output];
        const replay: StreamEvent[] = chunks.map((data, i) => ({ id: i + 1, event: 'output', data }));
        if (isTerminal(current.status)) replay.push({ id: chunks.length + 1, event: 'done', data: current });
        return replay;
      },
    });
  });

  return app;
}
