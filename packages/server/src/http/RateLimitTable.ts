export interface RateWindow {
  startedAt: number;
  count: number;
}

/** Where the clients go that arrive while every slot holds a live window: they share one. */
const OVERFLOW = 'overflow';

/**
 * Fixed rate-limit windows per client key, with bounded memory: a window that has ended is let go,
 * and at most `maxKeys` are kept. Clients already known keep their own counts when the table is
 * full; new ones then share one window, so a flood of made-up keys is limited as one client.
 */
export class RateLimitTable {
  /** Insertion order is start order (a renewed window is moved to the end), so ended ones lead. */
  #windows = new Map<string, RateWindow>();

  constructor(
    readonly windowMs: number,
    readonly maxKeys = 10_000,
  ) {}

  get size(): number {
    return this.#windows.size;
  }

  keys(): IterableIterator<string> {
    return this.#windows.keys();
  }

  /** Counts one request for `key` at `now` and returns its window. */
  hit(key: string, now = Date.now()): RateWindow {
    let window = this.#live(key, now);
    if (!window) {
      this.#expire(now);
      // one slot stays free for the shared window, so that it never pushes out a known client
      const room = this.maxKeys - (this.#windows.has(OVERFLOW) ? 0 : 1);
      if (this.#windows.size >= room) {
        key = OVERFLOW;
        window = this.#live(key, now);
      }
      if (!window) {
        window = { startedAt: now, count: 0 };
        this.#windows.set(key, window);
      }
    }
    window.count++;
    return window;
  }

  #live(key: string, now: number): RateWindow | undefined {
    const window = this.#windows.get(key);
    if (window && now - window.startedAt >= this.windowMs) {
      this.#windows.delete(key);
      return undefined;
    }
    return window;
  }

  #expire(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.startedAt < this.windowMs) break;
      this.#windows.delete(key);
    }
  }
}
