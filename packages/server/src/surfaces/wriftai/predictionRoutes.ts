import { isTerminal } from '@predictkit/core';
import { isRecord } from '@predictkit/core/schema';
import { type Context, Hono } from 'hono';
import { parseModelReference } from '../../catalog';
import { eventStream } from '../../http/eventStream';
import { HttpError } from '../../http/HttpError';
import { page, parsePageSize } from '../../http/pagination';
import { preferWaitSeconds } from '../../http/preferWait';
import { readJsonBody } from '../../http/readJsonBody';
import { sseFrame } from '../../http/sse';
import { fromReplicateId } from '../../replicateId';
import type { StreamEvent } from '../../runner/EventHub';
import { pageOfPredictions } from '../../store/pageOfPredictions';
import type { PredictionWebhook } from '../../store/Store';
import { checkFileInputs, validateAgainstSchema } from '../../validation/validateInput';
import type { SurfaceDeps } from '../Surface';
import { parseVersionNumber } from './parseVersionNumber';
import { toWriftaiPrediction, type WriftaiPrediction } from './toWriftaiPrediction';

function parseWebhook(value: unknown): PredictionWebhook | null {
  if (value === undefined || value === null) return null;
  const loc = ['body', 'webhook'];
  if (!isRecord(value))
    throw new HttpError(422, [{ loc, msg: 'Input should be an object {url, secret?}', type: 'dict_type' }]);
  let url: URL | undefined;
  try {
    url = typeof value.url === 'string' ? new URL(value.url) : undefined;
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new HttpError(422, [
      { loc: [...loc, 'url'], msg: 'Input should be an absolute http(s) URL', type: 'url_parsing' },
    ]);
  }
  if (value.secret !== undefined && (typeof value.secret !== 'string' || value.secret === '')) {
    throw new HttpError(422, [
      { loc: [...loc, 'secret'], msg: 'Input should be a non-empty string', type: 'string_type' },
    ]);
  }
  return { url: url.href, ...(typeof value.secret === 'string' ? { secret: value.secret } : {}) };
}

/** A prediction's id: its UUID, or the same in base32 as the Replicate surface shows it. */
const idOf = (raw: string) => fromReplicateId(raw) ?? raw;

/** Lists leave out what can be large or private. */
function listItem({ input, output, error, logs, setup_logs, ...item }: WriftaiPrediction) {
  return item;
}

/** A stream event as WriftAI sends it: predictions in its own shape. */
function wriftaiEvent(event: StreamEvent): StreamEvent {
  return event.event === 'prediction' || event.event === 'done'
    ? { ...event, data: toWriftaiPrediction(event.data as never) }
    : event;
}

/** WriftAI's prediction endpoints: create, get, list, cancel, and the streaming extension. */
export function predictionRoutes(deps: SurfaceDeps): Hono {
  const { store, registry, runner, events, origin, ownFile, caller } = deps;
  const app = new Hono();

  /**
   * The UUID of a prediction the caller may reach; `404` otherwise, the same as for one that does
   * not exist, so that another account's ids tell nothing.
   */
  const reachable = (c: Context, raw: string): string => {
    const id = idOf(raw);
    const record = store.get(id);
    if (!record || !registry.mayReach(caller(c), record.creator)) {
      throw new HttpError(404, `Prediction ${id} not found.`);
    }
    return id;
  };

  async function create(
    c: Context,
    owner: string,
    name: string,
    versionNumber: number | undefined,
    body: unknown,
  ) {
    if (!isRecord(body)) {
      throw new HttpError(422, [
        { loc: ['body'], msg: 'Input should be a JSON object like {"input": {…}}', type: 'dict_type' },
      ]);
    }
    // reading the body took time: a shutdown may have begun, and the store may be going
    runner.assertAccepting();
    const user = caller(c);
    const model = registry.visible(user, owner, name);
    const version = registry.version(model, versionNumber).runnable;
    if (body.input === undefined)
      throw new HttpError(422, [{ loc: ['body', 'input'], msg: 'Field required', type: 'missing' }]);
    if (!isRecord(body.input)) {
      throw new HttpError(422, [
        { loc: ['body', 'input'], msg: 'Input should be a valid object', type: 'dict_type' },
      ]);
    }
    const webhook = parseWebhook(body.webhook);
    const here = origin(c);
    const input = body.input;
    const fileIssues = checkFileInputs(
      version.input,
      input,
      (url) => registry.mayUse(user, ownFile(url, here)),
      ['body', 'input'],
    );
    if (fileIssues.length > 0) throw new HttpError(422, fileIssues);
    const validate = c.req.header('validate-input')?.trim().toLowerCase() === 'true';
    if (validate) {
      const issues = validateAgainstSchema(version.input, input, ['body', 'input']);
      if (issues.length > 0) throw new HttpError(422, issues);
    }
    let prediction = runner.create({
      model,
      owner: model.owner.username,
      creator: user.id,
      version,
      input,
      webhook,
      origin: here,
      inputValidated: validate,
    });
    const wait = preferWaitSeconds(c.req.header('prefer'));
    if (wait !== undefined) {
      prediction = await runner.waitFor(prediction.id, wait * 1000, c.req.raw.signal);
      c.header('preference-applied', `wait=${wait}`);
    }
    c.header('location', `/v1/predictions/${prediction.id}`);
    return c.json(toWriftaiPrediction(prediction), 201);
  }

  app.post('/predictions', async (c) => {
    const body = await readJsonBody(c);
    const ref = parseModelReference(isRecord(body) ? body.model : undefined, ['body', 'model']);
    return create(c, ref.owner, ref.name, ref.version, body);
  });

  app.post('/models/:owner/:name/predictions', async (c) =>
    create(c, c.req.param('owner'), c.req.param('name'), undefined, await readJsonBody(c)),
  );

  app.post('/models/:owner/:name/versions/:number/predictions', async (c) =>
    create(
      c,
      c.req.param('owner'),
      c.req.param('name'),
      parseVersionNumber(c.req.param('number')),
      await readJsonBody(c),
    ),
  );

  app.get('/predictions', (c) => {
    const size = parsePageSize(c.req.query('page_size'));
    const user = caller(c);
    const { records, next, previous } = pageOfPredictions(store, c.req.query('cursor'), size, (record) =>
      registry.mayReach(user, record.creator),
    );
    const items = records.map((record) => listItem(toWriftaiPrediction(record.prediction)));
    return c.json(page(new URL(c.req.url), items, next, previous));
  });

  app.get('/predictions/:id', (c) =>
    c.json(toWriftaiPrediction(runner.get(reachable(c, c.req.param('id'))))),
  );

  app.post('/predictions/:id/cancel', (c) =>
    c.json(toWriftaiPrediction(runner.cancel(reachable(c, c.req.param('id'))))),
  );

  app.get('/predictions/:id/stream', (c) => {
    const id = reachable(c, c.req.param('id'));
    return eventStream(c, {
      id,
      events,
      current: () => runner.get(id),
      cutStream: deps.cutStream,
      frames: (event) => [sseFrame(wriftaiEvent(event))],
      // a fresh stream starts from the current snapshot, not from the whole history
      opening: (current, lastId) => {
        const at = isTerminal(current.status) ? lastId - 1 : lastId;
        return { events: [{ id: at, event: 'prediction', data: current }], after: at };
      },
      // the events are gone (restart): the stored prediction is all there is, and it is final
      fromRecord: (current) => [
        { id: 1, event: 'prediction', data: current },
        ...(isTerminal(current.status) ? [{ id: 2, event: 'done' as const, data: current }] : []),
      ],
    });
  });

  return app;
}
