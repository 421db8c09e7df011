/** One event of a prediction's stream; `id` counts from 1 within that prediction. */
export interface StreamEvent {
  id: number;
  event: 'prediction' | 'output' | 'logs' | 'done';
  data: unknown;
}

type Listener = (event: StreamEvent) => void;

interface EventLog {
  events: StreamEvent[];
  listeners: Set<Listener>;
  done: boolean;
}

/** How many finished predictions keep their event log for late reconnects before the oldest go. */
const FINISHED_LOGS_KEPT = 2000;

/**
 * Every prediction's events in order, so that a stream can resume after `Last-Event-ID` without
 * losing or repeating one, and so that waiters (`Prefer: wait`, webhooks) hear about changes.
 */
export class EventHub {
  #logs = new Map<string, EventLog>();
  #finished: string[] = [];

  #log(id: string): EventLog {
    let log = this.#logs.get(id);
    if (!log) {
      log = { events: [], listeners: new Set(), done: false };
      this.#logs.set(id, log);
    }
    return log;
  }

  publish(predictionId: string, event: StreamEvent['event'], data: unknown): void {
    const log = this.#log(predictionId);
    const entry: StreamEvent = { id: log.events.length + 1, event, data };
    log.events.push(entry);
    if (event === 'done') {
      log.done = true;
      this.#finished.push(predictionId);
      this.#evictFinished();
    }
    for (const listener of log.listeners) listener(entry);
    // nothing follows `done`: let go of the readers so the log can be evicted
    if (event === 'done') log.listeners.clear();
  }

  /** Whether this hub still has the prediction's events (not the case after a restart or eviction). */
  has(predictionId: string): boolean {
    return this.#logs.has(predictionId);
  }

  lastEventId(predictionId: string): number {
    return this.#logs.get(predictionId)?.events.length ?? 0;
  }

  /**
   * Replays every event after `afterId` to `listener`, then delivers new ones as they come.
   * Returns the function that stops delivery.
   */
  subscribe(predictionId: string, afterId: number, listener: Listener): () => void {
    const log = this.#log(predictionId);
    for (const event of log.events.slice(Math.max(0, afterId))) listener(event);
    if (log.done) return () => {};
    log.listeners.add(listener);
    return () => log.listeners.delete(listener);
  }

  #evictFinished(): void {
    // a log someone is still reading is kept and looked at again next time
    for (
      let budget = this.#finished.length;
      this.#finished.length > FINISHED_LOGS_KEPT && budget > 0;
      budget--
    ) {
      const id = this.#finished.shift() as string;
      const log = this.#logs.get(id);
      if (log && log.listeners.size === 0) this.#logs.delete(id);
      else if (log) this.#finished.push(id);
    }
  }
}
