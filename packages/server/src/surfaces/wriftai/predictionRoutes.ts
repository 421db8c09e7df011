import { isTerminal, type Prediction, type WebhookConfig } from '@predictkit/core';
import { type Context, Hono } from 'hono';
import type { Catalog } from '../catalog';
import { parseModelReference } from '../catalog';
import { ownFileId } from '../files';
import { HttpError } from '../http/HttpError';
import { decodeCursor, encodeCursor, page, parsePageSize } from '../http/pagination';
import { readJsonBody } from '../http/readJsonBody';
import type { EventHub, StreamEvent } from '../runner/EventHub';
import type { Runner } from '../runner/Runner';
import type { Store } from '../store/Store';
import { checkFileInputs, validateAgainstSchema } from '../validation/validateInput';
import { SSE_HEARTBEAT, sseFrame } from './sse';

export interface PredictionRoutesDeps {
  store: Store;
  catalog: Catalog;
  runner: Runner;
  events: EventHub;
  origin: (c: Context) => string;
  /** Rolled once per stream event when stream cuts are injected. */
  cutStream: () => boolean;
}

const HEARTBEAT_MS = 15_000;
const CUT_DELAY_MS = 20;

interface SeqCursor extends Record<string, unknown> {
  s: number;
  d: 'n' | 'p';
}

const isSeqCursor = (v: Record<string, unknown>): v is SeqCursor =>
  Number.isInteger(v.s) && (v.d === 'n' || v.d === 'p');

/** `Prefer: wait=N` → seconds, clamped to 1..60; other directives are ignored. */
export function preferWaitSeconds(header: string | undefined): number | undefined {
  const match = header && /(?:^|[,;\s])wait\s*=\s*(\d+)/i.exec(header);
  return match ? Math.min(60, Math.max(1, Number(match[1]))) : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseWebhook(value: unknown): WebhookConfig | null {
  if (value === undefined || value === null) return null;
  const loc = ['body', 'webhook'];
  if (!isObject(value))
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

/** Lists leave out what can be large or private. */
function listItem({ input, output, error, logs, setup_logs, ...item }: Prediction) {
  return item;
}

export function predictionRoutes(deps: PredictionRoutesDeps): Hono {
  const { store, catalog, runner, events, origin } = deps;
  const app = new Hono();

  async function create(
    c: Context,
    owner: string,
    name: string,
    versionNumber: number | undefined,
    body: unknown,
  ) {
    if (!isObject(body)) {
      throw new HttpError(422, [
        { loc: ['body'], msg: 'Input should be a JSON object like {"input": {…}}', type: 'dict_type' },
      ]);
    }
    // reading the body took time: a shutdown may have begun, and the store may be going
    runner.assertAccepting();
    const model = catalog.find(owner, name);
    const version = catalog.findVersion(model, versionNumber);
    if (body.input === undefined)
      throw new HttpError(422, [{ loc: ['body', 'input'], msg: 'Field required', type: 'missing' }]);
    if (!isObject(body.input)) {
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
      (url) => ownFileId(url, here, store) !== undefined,
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
    return c.json(prediction, 201);
  }

  app.post('/predictions', async (c) => {
    const body = await readJsonBody(c);
    const ref = parseModelReference(isObject(body) ? body.model : undefined, ['body', 'model']);
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
    const url = new URL(c.req.url);
    const size = parsePageSize(c.req.query('page_size'));
    const cursor = decodeCursor(c.req.query('cursor'), isSeqCursor);
    const records = cursor?.d === 'p' ? store.listAfter(cursor.s, size) : store.listBefore(cursor?.s, size);
    const first = records[0];
    const last = records.at(-1);
    const next =
      last && store.listBefore(last.seq, 1).length > 0 ? encodeCursor({ s: last.seq, d: 'n' }) : null;
    // the first page has no previous page, even once newer predictions exist: clients start over for those
    const previous =
      cursor && first && store.listAfter(first.seq, 1).length > 0
        ? encodeCursor({ s: first.seq, d: 'p' })
        : null;
    return c.json(
      page(
        url,
        records.map((record) => listItem(record.prediction)),
        next,
        previous,
      ),
    );
  });

  app.get('/predictions/:id', (c) => c.json(runner.get(c.req.param('id'))));

  app.post('/predictions/:id/cancel', (c) => c.json(runner.cancel(c.req.param('id'))));

  app.get('/predictions/:id/stream', (c) => {
    const id = c.req.param('id');
    const current = runner.get(id);
    const resumeFrom = parseLastEventId(c.req.header('last-event-id'));
    let stop = () => {};
    /** An injected cut: decided on an event, carried out as the client reads on (see `pull`). */
    let cut: 'no' | 'decided' | 'padded' = 'no';
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let unsubscribe = () => {};
        let ended = false;
        const heartbeat = setInterval(() => controller.enqueue(SSE_HEARTBEAT), HEARTBEAT_MS);
        const signal = c.req.raw.signal;
        // an in-process client that aborts never cancels the body: its signal is the only word we get
        const onAbort = () => {
          if (ended) return;
          ended = true;
          stop();
          controller.close();
        };
        stop = () => {
          clearInterval(heartbeat);
          signal.removeEventListener('abort', onAbort);
          unsubscribe();
        };
        signal.addEventListener('abort', onAbort, { once: true });
        const send = (event: StreamEvent) => {
          if (ended) return;
          controller.enqueue(sseFrame(event));
          if (event.event === 'done') {
            ended = true;
            queueMicrotask(stop);
            controller.close();
          } else if (deps.cutStream()) {
            ended = true;
            stop();
            cut = 'decided';
          }
        };
        if (!events.has(id)) {
          // the events are gone (restart): the stored prediction is all there is, and it is final
          send({ id: 1, event: 'prediction', data: current });
          if (isTerminal(current.status)) send({ id: 2, event: 'done', data: current });
          return;
        }
        const lastId = events.lastEventId(id);
        let after = resumeFrom;
        if (after === undefined) {
          // a fresh stream starts from the current snapshot, not from the whole history
          const terminal = isTerminal(current.status);
          after = terminal ? lastId - 1 : lastId;
          send({ id: terminal ? lastId - 1 : lastId, event: 'prediction', data: current });
        }
        unsubscribe = events.subscribe(id, after, send);
        // the replay itself may have ended the stream (done, or a cut) before there was anything to undo
        if (ended) unsubscribe();
        if (!ended && after >= lastId && isTerminal(runner.get(id).status)) {
          // reconnected after the end: nothing is left to send
          ended = true;
          stop();
          controller.close();
        }
      },
      pull(controller) {
        // Drop the connection once the event before the cut has gone out, as a failing network
        // would. The HTTP layer reads ahead before it sends the head, and an error while it does
        // becomes a 500: a comment first gives it what it reads ahead, and the error waits for the
        // read after that, which comes once the head is out.
        if (cut === 'decided') {
          cut = 'padded';
          controller.enqueue(SSE_HEARTBEAT);
        } else if (cut === 'padded') {
          cut = 'no';
          setTimeout(() => controller.error(new Error('Injected fault: stream cut.')), CUT_DELAY_MS);
        }
      },
      cancel() {
        stop();
      },
    });
    return new Response(body, {
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' },
    });
  });

  return app;
}

export function parseVersionNumber(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new HttpError(422, [
      {
        loc: ['path', 'number'],
        msg: 'Version number should be a whole number ≥ 1',
        type: 'greater_than_equal',
      },
    ]);
  }
  return Number(raw);
}

function parseLastEventId(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\d+$/.test(raw.trim())) {
    throw new HttpError(422, [
      {
        loc: ['header', 'last-event-id'],
        msg: 'Last-Event-ID should be the id of an event this stream sent',
        type: 'int_parsing',
      },
    ]);
  }
  return Number(raw.trim());
}
