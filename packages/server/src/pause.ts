/**
 * Resolves after `ms`, or at once when `signal` aborts: for waits whose end is not an error when
 * cut short (a retry delay when the server stops, injected latency for a client that left).
 * `abortableSleep` is the one that rejects.
 */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
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
