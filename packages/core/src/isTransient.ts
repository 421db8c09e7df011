import type { ApiError } from './errors';
import { mayHaveHappened } from './mayHaveHappened';

/**
 * Whether a failure is what an outage causes, which ends by itself: one whose answer was lost
 * (`mayHaveHappened`), a `408` or a `429`. Anything else (a `4xx`, an unreadable answer, an abort)
 * would answer the same every time. Watching retries the first kind.
 */
export const isTransient = (error: unknown): boolean =>
  mayHaveHappened(error) || [408, 429].includes((error as ApiError)?.status);
