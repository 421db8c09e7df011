import type { Prediction } from '@predictkit/core';
import { parseDuration } from '@predictkit/core/duration';
import { toTime } from '../internal/format';
import { isTerminal, statusKind } from '../internal/status';

export type TimingPhase = 'queued' | 'setup' | 'running';

export interface PredictionTimingsData {
  phases: { phase: TimingPhase; ms: number }[];
  /** From `created_at` to now, or to the last update once finished. */
  total: number | null;
}

/**
 * A prediction's time split into queued, setup and running, from `created_at`, `setup_time` and
 * `execution_time` (ISO-8601 durations such as `PT1.532S`). While it runs, the phase it is in grows with `now`.
 */
export function predictionTimings(
  p: Pick<Prediction, 'status' | 'created_at' | 'updated_at' | 'setup_time' | 'execution_time'>,
  now: number,
): PredictionTimingsData {
  const end = isTerminal(p.status) ? toTime(p.updated_at) : now;
  const start = toTime(p.created_at);
  const total = Number.isFinite(end - start) ? Math.max(0, end - start) : null;
  const setup = parseDuration(p.setup_time);
  const running = parseDuration(p.execution_time);
  const kind = statusKind(p.status);
  const phases: PredictionTimingsData['phases'] = [];
  if (running !== null || isTerminal(p.status)) {
    const known = (setup ?? 0) + (running ?? 0);
    if (total !== null) phases.push({ phase: 'queued', ms: Math.max(0, total - known) });
    if (setup !== null) phases.push({ phase: 'setup', ms: setup });
    if (running !== null) phases.push({ phase: 'running', ms: running });
  } else if (kind === 'pending') {
    if (total !== null) phases.push({ phase: 'queued', ms: total });
  } else {
    // Running, with no execution time yet: what is not setup so far is the run.
    if (setup !== null) phases.push({ phase: 'setup', ms: setup });
    if (total !== null) phases.push({ phase: 'running', ms: Math.max(0, total - (setup ?? 0)) });
  }
  return { phases, total };
}
