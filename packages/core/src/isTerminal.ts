import type { PredictionStatus } from './types';

/**
 * `succeeded`, `failed`, `canceled` (`cancelled`) and `aborted`: after these a prediction never
 * changes again. Unknown statuses are not terminal: a status added later never ends a wait early.
 */
export const isTerminal = (status: PredictionStatus | null | undefined): boolean =>
  /^(succeeded|failed|cancell?ed|aborted)$/.test(status as string);
