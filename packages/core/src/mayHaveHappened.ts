import { ApiError, ConnectionError, TimeoutError } from './errors';

/**
 * Whether a request may have been carried out though it failed: its answer was lost (a lost
 * connection, a request timeout, a `5xx`). A create that failed so may have made a prediction.
 */
export const mayHaveHappened = (error: unknown): boolean =>
  error instanceof ConnectionError ||
  error instanceof TimeoutError ||
  (error instanceof ApiError && error.status > 499);
