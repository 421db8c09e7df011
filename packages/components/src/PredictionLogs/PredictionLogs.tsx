import type { Prediction, PredictionStatus } from '@predictkit/core';
import { type HTMLAttributes, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { cx } from '../internal/cx';
import { Icon } from '../internal/Icon';
import { isTerminal, statusKind } from '../internal/status';
import { parseLogProgress, progressBarOf } from './parseLogProgress';

export interface PredictionLogsProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** Log lines (a prediction's `logs`), or the logs as one text. */
  logs?: string | readonly string[] | null | undefined;
  /** Takes `logs` (after `setup_logs`) and `status` from a prediction. */
  prediction?: Pick<Prediction, 'status' | 'logs' | 'setup_logs'> | null | undefined;
  status?: PredictionStatus | undefined;
  /** Shown when there are no logs. */
  emptyText?: string | undefined;
}

/** Logs in a monospace box that follows new lines unless the reader has scrolled up, with a progress bar read from them. */
export function PredictionLogs({
  logs,
  prediction,
  status = prediction?.status,
  emptyText = 'No logs yet.',
  className,
  ...rest
}: PredictionLogsProps) {
  const source = logs ?? (prediction ? [...(prediction.setup_logs ?? []), ...(prediction.logs ?? [])] : null);
  const text = useMemo(() => {
    const lines =
      typeof source === 'string' ? source.split('\n') : (source ?? []).flatMap((l) => l.split('\n'));
    // Lines redrawn in place with \r (progress bars) show their last drawing only; so do bars printed
    // as a new line per step: one line that updates, not twenty that scroll the rest away.
    const shown: string[] = [];
    let lastBar: string | null = null;
    for (const line of lines) {
      const drawn =
        line
          .split('\r')
          .filter((part) => part.trim())
          .pop() ?? '';
      const bar = progressBarOf(drawn);
      if (bar !== null && bar === lastBar) shown[shown.length - 1] = drawn;
      else shown.push(drawn);
      lastBar = bar;
    }
    return shown.join('\n');
  }, [source]);
  const parsed = useMemo(() => parseLogProgress(text), [text]);
  // Once the prediction has ended, a bar short of 100% stopped there: it says so, and keeps no time left.
  const kind = status === undefined ? undefined : statusKind(status);
  const ended = status !== undefined && isTerminal(status);
  // A run that succeeded did all its work, whatever its last progress line said before it ended.
  const progress =
    parsed && kind === 'succeeded' && parsed.percent < 100
      ? { ...parsed, percent: 100, current: parsed.percentOnly ? 100 : parsed.total }
      : parsed;
  const remaining = ended ? undefined : progress?.time?.split('<')[1]?.trim();
  const box = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [behind, setBehind] = useState(false);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !text) return;
    if (following.current) el.scrollTop = el.scrollHeight;
    else setBehind(true);
  }, [text]);

  const follow = () => {
    const el = box.current;
    if (!el) return;
    following.current = true;
    setBehind(false);
    el.scrollTop = el.scrollHeight;
  };

  return (
    <div data-slot="prediction-logs" data-status={kind} className={cx('pk', className)} {...rest}>
      {progress && (
        <div
          data-slot="logs-progress"
          data-state={ended ? (kind === 'succeeded' ? 'complete' : 'stopped') : 'running'}
        >
          <div
            role="progressbar"
            aria-label={progress.label ?? 'Progress'}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress.percent}
            aria-valuetext={
              progress.percentOnly
                ? `${progress.percent}%`
                : `${progress.percent}%, ${progress.current} of ${progress.total}`
            }
            data-slot="progress"
          >
            <div data-slot="progress-fill" style={{ width: `${progress.percent}%` }} />
          </div>
          <span data-slot="logs-progress-text">
            {progress.label && `${progress.label} · `}
            {progress.percent}%{!progress.percentOnly && ` · ${progress.current}/${progress.total}`}
            {remaining && remaining !== '?' && ` · ${remaining} left`}
            {ended && kind !== 'succeeded' && ` · stopped (${kind === 'canceled' ? 'canceled' : 'failed'})`}
          </span>
        </div>
      )}
      {/* role=log is a polite live region by default; reading every line aloud would drown the reader, so it is quiet. */}
      <div
        ref={box}
        data-slot="logs-viewport"
        role="log"
        aria-live="off"
        aria-label="Logs"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to be scrolled.
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          if (following.current) setBehind(false);
        }}
      >
        {text ? <pre data-slot="logs-text">{text}</pre> : <p data-slot="logs-empty">{emptyText}</p>}
      </div>
      {behind && (
        <button type="button" data-slot="logs-follow" onClick={follow}>
          <Icon name="down" />
          New lines
        </button>
      )}
    </div>
  );
}
