/** Exponential backoff with full jitter: a random wait in [0, min(8 s, 500 ms × 2^attempt)). */
export const backoffDelay = (attempt: number, random: () => number = Math.random): number =>
  random() * Math.min(8000, 500 * 2 ** attempt);

/**
 * The wait before trying again after `error`, the `attempt`-th failure in a row (from 0): what the
 * service asked for (a `RateLimitError`'s `retryAfterMs`), else `backoffDelay(attempt)`.
 */
export const retryDelay = (error: unknown, attempt: number): number =>
  (error as { retryAfterMs?: number } | undefined)?.retryAfterMs ?? backoffDelay(attempt);

/**
 * How long the server asked to wait: `Retry-After` (seconds or an HTTP date), else, when
 * `rateLimited`, `x-ratelimit-reset` (Unix seconds; small values are read as seconds from now, as
 * some services send). `undefined` when it did not say.
 */
export function retryAfterMs(headers: Headers, rateLimited: boolean, now = Date.now()): number | undefined {
  const after = headers.get('retry-after')?.trim();
  const reset = Number(headers.get('x-ratelimit-reset') || Number.NaN);
  const ms = after
    ? +after >= 0
      ? +after * 1000
      : Date.parse(after) - now
    : rateLimited
      ? reset * 1000 - (reset > 1e9 ? now : 0)
      : Number.NaN;
  return ms >= 0 ? ms : ms < 0 ? 0 : undefined;
}

/**
 * Calls `fn` after `ms` unless the returned function cancels it first. `setTimeout` fires at once
 * when asked to wait 2^31 ms or more: such a wait, `Infinity` included, is held to about 25 days.
 */
export function after(ms: number, fn: () => void): () => void {
  const timer = setTimeout(fn, Math.min(ms, 2 ** 31 - 1));
  return () => clearTimeout(timer);
}

/** Resolves after `ms`; rejects at once with the signal's reason when it aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const abort = () => {
      cancel();
      reject(signal!.reason);
    };
    const cancel = after(ms, () => {
      signal?.removeEventListener('abort', abort);
      resolve();
    });
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort);
  });
