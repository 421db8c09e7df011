import type { Prediction, PredictionStatus } from '@predictkit/core';
import { type HTMLAttributes, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { cx } from '../internal/cx';
import { Icon } from '../internal/Icon';
import { statusKind } from '../internal/status';
import { parseLogProgress } from './parseLogProgress';

export interface PredictionLogsProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** Log lines (a prediction's `logs`), or the logs as one text. */
  logs?: string | readonly string[] | null;
  /** Takes `logs` (after `setup_logs`) and `status` from a prediction. */
  prediction?: Pick<Prediction, 'status' | 'logs' | 'setup_logs'> | null;
  status?: PredictionStatus;
  /** Shown when there are no logs. */
  emptyText?: string;
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
    // Lines redrawn in place with \r (progress bars) show their last drawing only.
    return lines
      .map(
        (line) =>
          line
            .split('\r')
            .filter((part) => part.trim())
            .pop() ?? '',
      )
      .join('\n');
  }, [source]);
  const progress = useMemo(() => parseLogProgress(text), [text]);
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
    <div
      data-slot="prediction-logs"
      data-status={status === undefined ? undefined : statusKind(status)}
      className={cx('pk', className)}
      {...rest}
    >
      {progress && (
        <div data-slot="logs-progress">
          <div
            role="progressbar"
            aria-label={progress.label ?? 'Progress'}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress.percent}
            aria-valuetext={`${progress.percent}%, ${progress.current} of ${progress.total}`}
            data-slot="progress"
          >
            <div data-slot="progress-fill" style={{ width: `${progress.percent}%` }} />
          </div>
          <span data-slot="logs-progress-text">
            {progress.label && `${progress.label} · `}
            {progress.percent}% · {progress.current}/{progress.total}
            {progress.time && ` · ${progress.time}`}
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
