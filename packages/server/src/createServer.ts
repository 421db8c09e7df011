import { createApp } from './app';
import { Catalog } from './catalog';
import { demoModels } from './models';
import { type ServerOptions, validateOptions } from './options';
import { EventHub } from './runner/EventHub';
import { Runner } from './runner/Runner';
import { WebhookSender } from './runner/WebhookSender';
import { MemoryStore } from './store/MemoryStore';
import type { Store } from './store/Store';
import { isoTimestamp } from './time';

export interface PredictKitServer {
  /** Serves one request in-process: pass it as a client's `fetch`, or mount it in any fetch-style server. */
  fetch: (request: Request) => Promise<Response>;
  readonly store: Store;
  /** Resolves once every webhook delivery queued so far has been made or given up. */
  webhooksIdle(): Promise<void>;
  /** Stops running models and closes the store; unfinished predictions stay as they are. */
  close(): Promise<void>;
}

/**
 * The local WriftAI-compatible API with the built-in demo models. Runs anywhere `fetch` does,
 * including a browser; the Node entry adds an HTTP listener and persistence.
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
    onError: (error, prediction) => warn(`webhook for prediction ${prediction.id} gave up: ${error.message}`),
  });
  const catalog = new Catalog(options.models ?? demoModels, (owner, name) => store.countByModel(owner, name));
  const runner = new Runner({
    store,
    events,
    webhooks,
    timeScale: options.timeScale ?? 1,
    concurrency: options.concurrency ?? 4,
    maxRunTimeMs: options.maxRunTimeMs ?? 30 * 60_000,
  });
  failInterrupted(store);
  const app = createApp({ options: { ...options, onWarning: warn }, store, catalog, runner, events });
  return {
    fetch: async (request) => app.fetch(request),
    store,
    webhooksIdle: () => webhooks.idle(),
    close: async () => {
      runner.close();
      store.close();
    },
  };
}

/** A prediction left running by a previous process can never finish: say so instead of leaving it stuck. */
function failInterrupted(store: Store): void {
  for (const { prediction } of store.listUnfinished()) {
    store.update({
      ...prediction,
      status: 'failed',
      updated_at: isoTimestamp(),
      error: {
        source: 'internal',
        message:
          prediction.status === 'pending'
            ? 'The server restarted before this prediction started. Create it again.'
            : 'The server restarted while this prediction was running. Create it again.',
        detail: null,
      },
    });
  }
}
