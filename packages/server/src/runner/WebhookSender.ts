import { pause } from '../pause';

/** One POST of a prediction to a webhook, in the wire format of the surface that created it. */
export interface WebhookDelivery {
  predictionId: string;
  /** What it tells, for messages: the status, or the event. */
  label: string;
  url: string;
  /** The exact bytes sent (and signed). */
  body: string;
  /** The headers of one attempt, signature included: a retry may be signed anew. */
  headers(): Promise<Record<string, string>>;
  /** `performance.now()` before which it is not sent (a throttle's next turn), read when its turn comes. */
  notBefore?(): number;
  /** Told as its first attempt goes out: a throttle counts from there. */
  onSent?(): void;
}

export interface WebhookSenderOptions {
  fetch: typeof fetch;
  /** Retries after the first attempt, on a non-2xx answer or a network error. */
  retries: number;
  /** The first retry's delay; each next one doubles it. */
  retryDelayMs: number;
  timeoutMs: number;
  onError?: (error: Error, delivery: WebhookDelivery) => void;
}

/**
 * Delivers predictions to webhooks: with retries, a timeout, and no redirects followed. Deliveries
 * of one prediction go out in order, one at a time; nothing here ever delays or fails the
 * prediction itself.
 */
export class WebhookSender {
  #queues = new Map<string, Promise<void>>();
  /** Aborted when the server stops waiting for deliveries: what is left gives up. */
  #stopped = new AbortController();
  #stopTimer: ReturnType<typeof setTimeout> | undefined;
  #stopAt = Number.POSITIVE_INFINITY;

  constructor(private readonly options: WebhookSenderOptions) {}

  send(delivery: WebhookDelivery): void {
    const id = delivery.predictionId;
    const previous = this.#queues.get(id) ?? Promise.resolve();
    const next = previous.then(() => this.#deliver(delivery));
    this.#queues.set(id, next);
    void next.finally(() => {
      if (this.#queues.get(id) === next) this.#queues.delete(id);
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

  async #deliver(delivery: WebhookDelivery): Promise<void> {
    const { url, body } = delivery;
    const stopped = this.#stopped.signal;
    const wait = (delivery.notBefore?.() ?? 0) - performance.now();
    if (wait > 0) await pause(wait, stopped);
    let lastError: Error | undefined;
    for (let attempt = 0; attempt <= this.options.retries && !stopped.aborted; attempt++) {
      if (attempt > 0) await pause(this.options.retryDelayMs * 2 ** (attempt - 1), stopped);
      if (stopped.aborted) break;
      try {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          'user-agent': 'predictkit-server',
          ...(await delivery.headers()),
        };
        if (attempt === 0) delivery.onSent?.();
        const response = await this.options.fetch(url, {
          method: 'POST',
          headers,
          body,
          redirect: 'manual',
          signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), stopped]),
        });
        // Not awaited: a body that is one branch of a tee (a `fetch` that keeps a copy) settles its
        // cancel only once the other branch is canceled too.
        void response.body?.cancel().catch(() => {});
        if (response.ok) return;
        lastError = new Error(`webhook ${url} answered ${response.status}`);
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
      }
    }
    if (stopped.aborted) {
      lastError = new Error(
        `the server shut down before webhook ${url} took the ${delivery.label} delivery${lastError ? ` (last error: ${lastError.message})` : ''}`,
      );
    }
    if (lastError) this.options.onError?.(lastError, delivery);
  }
}
