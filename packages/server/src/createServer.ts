import { createApp } from './app';
import { Catalog } from './catalog';
import { ownFile } from './files';
import { demoModels } from './models';
import { type ServerOptions, validateOptions } from './options';
import { Registry } from './registry/Registry';
import { EventHub } from './runner/EventHub';
import { type NotifyWebhook, Runner } from './runner/Runner';
import { WebhookSender } from './runner/WebhookSender';
import { serverSecrets } from './secrets';
import { MemoryStore } from './store/MemoryStore';
import type { PredictionRecord, Store } from './store/Store';
import { replicateSurface } from './surfaces/replicate/replicateSurface';
import type { Surface } from './surfaces/Surface';
import { weaveSurface } from './surfaces/weave/weaveSurface';
import { wriftaiSurface } from './surfaces/wriftai/wriftaiSurface';
import { isoDuration, isoTimestamp } from './time';

/** The services the server speaks, each at its base path over the same runner and store. */
const SURFACES: readonly Surface[] = [wriftaiSurface, replicateSurface, weaveSurface];

export interface CloseOptions {
  /** How long running predictions get to finish; default the server's `shutdownGraceMs`. */
  graceMs?: number;
}

export interface PredictKitServer {
  /** Serves one request in-process: pass it as a client's `fetch`, or mount it in any fetch-style server. */
  fetch: (request: Request) => Promise<Response>;
  readonly store: Store;
  /** Resolves once every webhook delivery queued so far has been made or given up. */
  webhooksIdle(): Promise<void>;
  /**
   * Shuts down gracefully: new creates answer `503` with `Retry-After`, running predictions get the
   * grace period to finish, and the rest fail (`internal`) with their terminal event and webhook;
   * every `Prefer: wait` request is answered and every stream ends with `done`. Then the store
   * closes and every request answers `503`. Calling it again with a shorter grace (0) hurries it.
   */
  close(options?: CloseOptions): Promise<void>;
}

/** How long a shutdown waits for webhook deliveries still under way, after the predictions are final. */
export const WEBHOOK_FLUSH_MS = 5000;

/**
 * The local API, WriftAI's and Replicate's, with the built-in demo models. Runs anywhere `fetch`
 * does, including a browser; the Node entry adds an HTTP listener and persistence.
 */
export function createServer(options: ServerOptions = {}): PredictKitServer {
  validateOptions(options);
  const warn = options.onWarning ?? ((message: string) => console.warn(`[predictkit-server] ${message}`));
  const store = options.store ?? new MemoryStore();
  const events = new EventHub();
  const webhooks = new WebhookSender({
    fetch: options.webhooks?.fetch ?? ((input, init) => fetch(input, init)),
    retries: options.webhooks?.retries ?? 3,
    retryDelayMs: options.webhooks?.retryDelayMs ?? 1000,
    timeoutMs: options.webhooks?.timeoutMs ?? 10_000,
    onError: (error, delivery) =>
      warn(`webhook for prediction ${delivery.predictionId} gave up: ${error.message}`),
  });
  const catalog = new Catalog(options.models ?? demoModels, (owner, name) => store.countByModel(owner, name));
  const secrets = serverSecrets(store);
  const registry = new Registry(store, catalog, options.accounts);
  const [wriftai, replicate] = SURFACES.map((surface) =>
    surface.webhooks({ sender: webhooks, catalog, secrets }),
  );
  // a webhook hears in the wire format of the surface its prediction was created on
  const notify: NotifyWebhook = (webhook, prediction, change) =>
    (webhook.replicate && replicate ? replicate : (wriftai as NotifyWebhook))(webhook, prediction, change);
  const readers = SURFACES.map((surface) => surface.fileIdFromPath);
  const findFile = (url: string, origin: string) => ownFile(url, origin, store, readers);
  const runner = new Runner({
    store,
    events,
    notify,
    ownFile: findFile,
    timeScale: options.timeScale ?? 1,
    concurrency: options.concurrency ?? 4,
    maxRunTimeMs: options.maxRunTimeMs ?? 30 * 60_000,
  });
  failInterrupted(store, notify);
  const lifecycle = { closed: false };
  const app = createApp({
    options: { ...options, onWarning: warn },
    store,
    catalog,
    registry,
    runner,
    events,
    secrets,
    ownFile: findFile,
    surfaces: SURFACES,
    lifecycle,
  });
  const shutdownGraceMs = options.shutdownGraceMs ?? 0;
  let closing: Promise<void> | undefined;
  return {
    fetch: async (request) => app.fetch(request),
    store,
    webhooksIdle: () => webhooks.idle(),
    close: ({ graceMs = shutdownGraceMs } = {}) => {
      const drained = runner.shutdown(graceMs);
      if (closing) {
        if (graceMs === 0) void webhooks.stop(0);
        return closing;
      }
      closing = (async () => {
        await drained;
        await webhooks.stop(graceMs === 0 ? 0 : WEBHOOK_FLUSH_MS);
        lifecycle.closed = true;
        store.close();
      })();
      return closing;
    },
  };
}

/**
 * A prediction left running by a previous process (one that crashed or was killed) can never
 * finish: say so instead of leaving it stuck, and tell its webhook, as its end would have.
 */
function failInterrupted(store: Store, notify: NotifyWebhook): void {
  for (const { prediction, webhook } of store.listUnfinished()) {
    const now = isoTimestamp();
    const ran = Date.parse(prediction.updated_at) - Date.parse(prediction.started_at ?? '');
    const failed: PredictionRecord = {
      ...prediction,
      status: 'failed',
      // One that had started ran at least until its last recorded change; how much longer before
      // the crash, nothing says. Without it, a view of its times would count it all as queued.
      ...(ran >= 0 && !prediction.execution_time ? { execution_time: isoDuration(ran) } : {}),
      updated_at: now,
      completed_at: now,
      error: {
        source: 'internal',
        message:
          prediction.status === 'pending'
            ? 'The server restarted before this prediction started. Create it again.'
            : 'The server restarted while this prediction was running. Create it again.',
        detail: null,
      },
    };
    store.update(failed);
    if (webhook) notify(webhook, failed, 'status');
  }
}
