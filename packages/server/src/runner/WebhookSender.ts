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

/**
 * Delivers a prediction to its webhook on every status change. Deliveries of one prediction go
 * out in order, one at a time; nothing here ever delays or fails the prediction itself.
 */
export class WebhookSender {
  #queues = new Map<string, Promise<void>>();

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

  async #deliver(webhook: WebhookConfig, prediction: Prediction): Promise<void> {
    const body = JSON.stringify(prediction);
    let lastError: Error | undefined;
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (attempt > 0)
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs * 2 ** (attempt - 1)));
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
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        await response.body?.cancel();
        if (response.ok) return;
        lastError = new Error(`webhook ${webhook.url} answered ${response.status}`);
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
      }
    }
    if (lastError) this.options.onError?.(lastError, prediction);
  }
}
