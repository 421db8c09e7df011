import { type ApiError, ConnectionError, TimeoutError } from './errors';

/**
 * Whether a failure is what an outage causes, which ends by itself: a lost connection, a request
 * timeout, a `408`, `429` or `5xx` (`status` is an `ApiError`'s). Anything else (a `4xx`, an
 * unreadable answer, an abort) would answer the same every time. Watching retries the first kind.
 */
export const isTransient = (error: unknown): boolean =>
  error instanceof ConnectionError ||
  error instanceof TimeoutError ||
  /^(408|429|5..)$/.test(`${(error as ApiError)?.status}`);
