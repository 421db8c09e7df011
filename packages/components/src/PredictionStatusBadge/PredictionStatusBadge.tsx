import type { PredictionStatus } from '@predictkit/core';
import type { HTMLAttributes } from 'react';
import { cx } from '../internal/cx';
import { formatDuration, toTime } from '../internal/format';
import { Icon, type IconName } from '../internal/Icon';
import { isTerminal, type StatusKind, statusKind, statusLabel } from '../internal/status';
import { useLasting } from '../internal/useLasting';
import { useNow } from '../internal/useNow';

export interface PredictionStatusBadgeProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'children'> {
  /** Any status string: the API's, an alias (`cancelled`, `aborted`), the UI's `canceling`, or one not known here. */
  status: PredictionStatus | 'canceling';
  /** Start of the elapsed time (e.g. `created_at`). With it, the badge shows the elapsed time. */
  since?: string | number | Date | null | undefined;
  /** End of the elapsed time (e.g. `updated_at` once finished). Without it, a running badge ticks to now. */
  until?: string | number | Date | null | undefined;
  /** Announce status changes through a polite live region. Leave off in lists, where many badges change. */
  announce?: boolean | undefined;
  /** Labels by status or status kind, for other wordings or languages. */
  labels?: Partial<Record<string, string>> | undefined;
  /**
   * The status is the last one seen and news has stopped coming (the connection is lost): once that
   * has lasted a second, the clock stops rather than count time nobody can vouch for, and the badge
   * says it is reconnecting. A connection back sooner is not told (nor announced).
   */
  paused?: boolean | undefined;
}

const ICONS: Record<StatusKind, IconName | null> = {
  pending: 'clock',
  started: null,
  canceling: null,
  succeeded: 'check',
  failed: 'alert',
  canceled: 'ban',
  unknown: 'help',
};

/** A prediction's status: icon, label, and optionally the time it has taken so far. */
export function PredictionStatusBadge({
  status,
  since,
  until,
  announce,
  labels,
  paused = false,
  className,
  ...rest
}: PredictionStatusBadgeProps) {
  const kind = statusKind(status);
  const label = statusLabel(status, labels);
  const running = !isTerminal(status) && until == null;
  const start = since == null ? Number.NaN : toTime(since);
  const stale = useLasting(paused && running, 1000);
  const ticking = running && !stale && !Number.isNaN(start);
  // Tenths of a second matter in the first seconds of a run; after that, once a second is enough.
  const now = useNow(ticking, ticking && Date.now() - start < 10_000 ? 100 : 1000);
  // Paused, the clock is frozen where it stopped: `now` is not refreshed while it does not tick.
  const end = until == null ? (running ? now : Number.NaN) : toTime(until);
  const elapsed = end - start;
  const icon = ICONS[kind];
  return (
    <span
      data-slot="status-badge"
      data-status={kind}
      data-paused={stale || undefined}
      className={cx('pk', className)}
      {...rest}
    >
      {stale ? (
        <Icon name="help" />
      ) : icon ? (
        <Icon name={icon} />
      ) : (
        <span data-slot="spinner" aria-hidden="true" />
      )}
      <span data-slot="status-label" role={announce ? 'status' : undefined}>
        <span className="pk-sr-only">Status: </span>
        {label}
        {stale && ', reconnecting…'}
      </span>
      {Number.isFinite(elapsed) && (
        <span data-slot="status-elapsed">
          <span className="pk-sr-only">, elapsed </span>
          {formatDuration(Math.max(0, elapsed))}
        </span>
      )}
    </span>
  );
}
