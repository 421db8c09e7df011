/**
 * `work`, or a rejection with `signal`'s reason once it aborts: not every `fetch` (an in-process
 * server's, say) gives up when its signal aborts, nor every body read.
 */
export const untilAborted = <T>(work: Promise<T>, signal: AbortSignal): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    work.then(resolve, reject);
    signal.addEventListener('abort', () => reject(signal.reason));
  });
