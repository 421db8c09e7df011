import type { Prediction } from '@predictkit/core';
import type { HTMLAttributes } from 'react';
import { cx } from '../internal/cx';
import { formatDuration } from '../internal/format';
import { isTerminal, statusKind } from '../internal/status';
import { useNow } from '../internal/useNow';
import { predictionTimings, type TimingPhase } from './predictionTimingsData';

export interface PredictionTimingsProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  prediction: Pick<Prediction, 'status' | 'created_at' | 'updated_at' | 'setup_time' | 'execution_time'>;
}

const LABELS: Record<TimingPhase, string> = { queued: 'Queued', setup: 'Setup', running: 'Running' };

/** Where a prediction's time went: queued, setup, running, as a small timeline bar and as numbers. */
export function PredictionTimings({ prediction, className, ...rest }: PredictionTimingsProps) {
  const now = useNow(!isTerminal(prediction.status), 500);
  const { phases, total } = predictionTimings(prediction, now);
  // Shares of nothing are not thirds: phases that all took 0 ms leave the bar empty, and a phase that
  // took no time takes no room beside one that did.
  const spent = phases.reduce((sum, { ms }) => sum + ms, 0);
  return (
    <div
      data-slot="prediction-timings"
      data-status={statusKind(prediction.status)}
      className={cx('pk', className)}
      {...rest}
    >
      <div data-slot="timings-bar" aria-hidden="true">
        {spent > 0 &&
          phases
            .filter(({ ms }) => ms > 0)
            .map(({ phase, ms }) => (
              <span key={phase} data-slot="timings-segment" data-phase={phase} style={{ flexGrow: ms }} />
            ))}
      </div>
      <dl data-slot="timings-list">
        {phases.map(({ phase, ms }) => (
          <div key={phase} data-phase={phase}>
            <dt>{LABELS[phase]}</dt>
            <dd>{formatDuration(ms)}</dd>
          </div>
        ))}
        {total !== null && (
          <div data-phase="total">
            <dt>Total</dt>
            <dd>{formatDuration(total)}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
