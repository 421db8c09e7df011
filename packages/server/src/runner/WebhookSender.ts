import type { Prediction, WebhookConfig } from '@predictkit/core';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from '@predictkit/core/server';

export interface WebhookSenderOptions {
  fetch: typeof fetch;
  /** Retries after the first attempt, on a non-2xx answer or a network error. */
  retries: number;
  /** The first retry's delay; each next one doubles it. */
  retryDelayMs: number;
  timeoutMs: number;
  onError?: (error: Error, prediction: Prediction) => void;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Delivers a prediction to its webhook on every status change. Deliveries of one prediction go
 * out in order, one at a time; nothing here ever delays or fails the prediction itself.
 */
export class WebhookSender {
  #queues = new Map<string, Promise<void>>();
  /** Aborted when the server stops waiting for deliveries: what is left gives up. */
  #stopped = new AbortController();
  #stopTimer: ReturnType<typeof setTimeout> | undefined;
  #stopAt = Number.POSITIVE_INFINITY;

  constructor(private readonly options: WebhookSenderOptions) {}

  send(webhook: WebhookConfig, prediction: Prediction): void {
    const previous = this.#queues.get(prediction.id) ?? Promise.resolve();
    const next = previous.then(() => this.#deliver(webhook, prediction));
    this.#queues.set(prediction.id, next);
    void next.finally(() => {
      if (this.#queues.get(prediction.id) === next) this.#queues.delete(prediction.id);
    });
  }

  /** Resolves when every delivery queued so far has finished (or given up). */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all(this.#queues.values());
  }

  /**
   * Waits for the deliveries under way, for at most `withinMs`; past that, those left give up (and
   * are reported to `onError`). A later call with less time shortens the wait.
   */
  async stop(withinMs: number): Promise<void> {
    const at = performance.now() + withinMs;
    if (at < this.#stopAt) {
      this.#stopAt = at;
      clearTimeout(this.#stopTimer);
      this.#stopTimer = setTimeout(() => this.#stopped.abort(), withinMs);
    }
    await this.idle();
    clearTimeout(this.#stopTimer);
  }

  async #deliver(webhook: WebhookConfig, prediction: Prediction): Promise<void> {
    const body = JSON.stringify(prediction);
    const stopped = this.#stopped.signal;
    let lastError: Error | undefined;
    for (let attempt = 0; attempt <= this.options.retries && !stopped.aborted; attempt++) {
      if (attempt > 0) await pause(this.options.retryDelayMs * 2 ** (attempt - 1), stopped);
      if (stopped.aborted) break;
      try {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          'user-agent': 'predictkit-server',
        };
        if (webhook.secret)
          headers[WEBHOOK_SIGNATURE_HEADER] = await signWebhook({ body, secret: webhook.secret });
        const response = await this.options.fetch(webhook.url, {
          method: 'POST',
          headers,
          body,
          redirect: 'manual',
          signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), stopped]),
        });
        await response.body?.cancel();
        if (response.ok) return;
        lastError = new Error(`webhook ${webhook.url} answered ${response.status}`);
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
      }
    }
    if (stopped.aborted) {
      lastError = new Error(
        `the server shut down before webhook ${webhook.url} took the ${prediction.status} delivery${lastError ? ` (last error: ${lastError.message})` : ''}`,
      );
    }
    if (lastError) this.options.onError?.(lastError, prediction);
  }
}
