/**
 * `work`, or a rejection with `signal`'s reason once it aborts: not every `fetch` (an in-process
 * server's, say) gives up when its signal aborts, nor every body read.
 */
export const untilAborted = <T>(work: Promise<T>, signal: AbortSignal): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    // Let go of the signal once the work is done: a long-lived one must not gather listeners.
    const done = () => signal.removeEventListener('abort', abort);
    work.then(resolve, reject).finally(done);
    signal.addEventListener('abort', abort);
  });
