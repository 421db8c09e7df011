import { type PredictionListItem, versionOf } from '@predictkit/core';
import { parseDuration } from '@predictkit/core/duration';
import {
  type HTMLAttributes,
  type KeyboardEvent,
  memo,
  type ReactNode,
  type RefObject,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { cx } from '../internal/cx';
import { formatDuration, formatRelativeTime, shortVersion, toTime } from '../internal/format';
import { Icon } from '../internal/Icon';
import { statusKind } from '../internal/status';
import { useNow } from '../internal/useNow';
import { describeError } from '../PredictionError/describeError';
import { ErrorDetail } from '../PredictionError/ErrorDetail';
import { PredictionStatusBadge } from '../PredictionStatusBadge/PredictionStatusBadge';

export interface PredictionListProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'onSelect'> {
  predictions: readonly PredictionListItem[];
  /** More pages exist: shows "Load more", and scrolling near the end asks for the next page. */
  hasMore?: boolean | undefined;
  onLoadMore?: (() => void) | undefined;
  isLoading?: boolean | undefined;
  /** The last load failed: shown with a retry (which calls `onLoadMore`), until `isLoading` says the retry is under way. */
  error?: unknown;
  /** Rows become buttons that call this. */
  onSelect?: ((prediction: PredictionListItem) => void) | undefined;
  /** Rows become what this returns, e.g. your router's link around `children`. */
  renderLink?: ((prediction: PredictionListItem, children: ReactNode) => ReactNode) | undefined;
  selectedId?: string | null | undefined;
  /**
   * A line under a row's model, e.g. a preview of its input or a thumbnail of its output (list items
   * carry neither, so fetch them as the row shows). Keep it one line: rows have a fixed height.
   */
  renderPreview?: ((prediction: PredictionListItem) => ReactNode) | undefined;
  /** Every row's height in pixels; rows are windowed, so it must match the CSS (`--pk-list-row-height`). */
  rowHeight?: number | undefined;
  /** The list's largest height in pixels. */
  height?: number | undefined;
  /** Rows rendered beyond each edge of the window. */
  overscan?: number | undefined;
  emptyText?: ReactNode;
}

type Actions = Pick<PredictionListProps, 'onSelect' | 'renderLink' | 'renderPreview'>;

interface RowProps {
  prediction: PredictionListItem;
  index: number;
  count: number;
  rowHeight: number;
  selected: boolean;
  now: number;
  mode: 'link' | 'select' | 'static';
  actions: RefObject<Actions>;
}

// Memoized on its props: a prediction that changes (a new object) re-renders its own row and no other.
const Row = memo(function Row({
  prediction: p,
  index,
  count,
  rowHeight,
  selected,
  now,
  mode,
  actions,
}: RowProps) {
  const ms = parseDuration(p.execution_time);
  const version = shortVersion(versionOf(p.model));
  const preview = actions.current.renderPreview?.(p);
  const content = (
    <>
      <PredictionStatusBadge status={p.status} />
      <span data-slot="list-model">
        <span data-slot="list-model-name">
          {/* The owner gives way first on a narrow list: the model's own name is what tells rows apart. */}
          <span data-slot="list-owner">{p.model.owner}/</span>
          {p.model.name}
          {version !== undefined && <span data-slot="list-version">:{version}</span>}
        </span>
        {preview != null && preview !== false && <span data-slot="list-preview">{preview}</span>}
      </span>
      <code data-slot="list-id">{p.id.slice(0, 8)}</code>
      <time data-slot="list-created" dateTime={p.created_at} title={new Date(p.created_at).toLocaleString()}>
        {formatRelativeTime(p.created_at, now)}
      </time>
      <span data-slot="list-duration">{ms === null ? '—' : formatDuration(ms)}</span>
    </>
  );
  return (
    <li
      data-slot="list-row"
      data-status={statusKind(p.status)}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={count}
      aria-current={selected || undefined}
      style={{ transform: `translateY(${index * rowHeight}px)`, height: rowHeight }}
    >
      {mode === 'link' ? (
        actions.current.renderLink?.(p, content)
      ) : mode === 'select' ? (
        <button type="button" data-slot="list-row-content" onClick={() => actions.current.onSelect?.(p)}>
          {content}
        </button>
      ) : (
        <div data-slot="list-row-content">{content}</div>
      )}
    </li>
  );
});

const KEYS: Record<string, (i: number, page: number, count: number) => number> = {
  ArrowDown: (i) => i + 1,
  ArrowUp: (i) => i - 1,
  PageDown: (i, page) => i + page,
  PageUp: (i, page) => i - page,
  Home: () => 0,
  End: (_, __, count) => count - 1,
};

/**
 * Predictions, newest first, in a windowed list: only the rows in view are in the DOM, so thousands scroll
 * smoothly. Arrow keys, Page Up/Down, Home and End move between rows.
 */
export function PredictionList({
  predictions,
  hasMore = false,
  onLoadMore,
  isLoading = false,
  error,
  onSelect,
  renderLink,
  renderPreview,
  selectedId,
  rowHeight = 52,
  height = 480,
  overscan = 6,
  emptyText = 'No predictions yet.',
  className,
  'aria-label': label = 'Predictions',
  ...rest
}: PredictionListProps) {
  const count = predictions.length;
  const viewport = useRef<HTMLDivElement>(null);
  const [start, setStart] = useState(0);
  const [viewHeight, setViewHeight] = useState(height);
  const pendingFocus = useRef<number | null>(null);
  // The latest callbacks, read by rows when used, so passing new functions does not re-render every row.
  const actions = useRef<Actions>({ onSelect, renderLink, renderPreview });
  actions.current = { onSelect, renderLink, renderPreview };
  // One tab stop for the whole list (the prediction last focused, wherever new rows put it, else the
  // first row in view); arrows move within.
  const active = useRef<string | null>(null);
  const loadMore = useRef(onLoadMore);
  loadMore.current = onLoadMore;
  // The youngest row sets the clock's pace: its age reads in seconds for a minute, then in minutes, and
  // the clock ticks when that reading changes, whether or not anything is running.
  const youngest = useMemo(
    () => predictions.reduce((max, p) => Math.max(max, toTime(p.created_at) || 0), 0),
    [predictions],
  );
  const pace = useCallback(
    (at: number) => {
      const age = at - youngest;
      const unit = age < 60_000 ? 1000 : 60_000;
      return unit - (((age % unit) + unit) % unit);
    },
    [youngest],
  );
  const now = useNow(count > 0, pace);
  const mode = renderLink ? 'link' : onSelect ? 'select' : 'static';

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(
      ([entry]) => entry && setViewHeight(entry.contentRect.height || height),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [height]);
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const rowsShown = el.querySelectorAll<HTMLElement>('[data-slot=list-row]');
    const shown = (index: number | null) => el.querySelector(`[data-index="${index}"]`);
    // Rows are in the DOM in index order, so the first shown is the first in view.
    // Looked up only once a row was focused: this runs on every render, the clock's ticks included.
    const focused = active.current === null ? -1 : predictions.findIndex((p) => p.id === active.current);
    const current = shown(focused < 0 ? null : focused) ?? shown(start) ?? rowsShown[0];
    for (const row of rowsShown) {
      const target = row.querySelector<HTMLElement>(':is(a,button)');
      const tabIndex = row === current ? 0 : -1;
      // Setting an attribute is a DOM mutation even to the value it has: written on every render, it would
      // touch every row in view whenever any one row changes.
      if (target && target.tabIndex !== tabIndex) target.tabIndex = tabIndex;
    }
  });
  useLayoutEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const target = viewport.current?.querySelector<HTMLElement>(`[data-index="${index}"] :is(a,button)`);
    if (target) {
      pendingFocus.current = null;
      target.focus();
    }
  });

  const first = Math.max(0, start - overscan);
  const last = Math.min(count, start + Math.ceil(viewHeight / rowHeight) + overscan + 1);

  const onScroll = () => {
    const el = viewport.current;
    if (!el) return;
    setStart(Math.floor(el.scrollTop / rowHeight));
    const nearEnd = el.scrollTop + el.clientHeight >= count * rowHeight - rowHeight * overscan;
    if (nearEnd && hasMore && !isLoading && !error) loadMore.current?.();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-slot=list-row]');
    const move = KEYS[event.key];
    const el = viewport.current;
    if (!row || !move || !el || mode === 'static') return;
    event.preventDefault();
    const to = Math.max(
      0,
      Math.min(count - 1, move(Number(row.dataset.index), Math.floor(el.clientHeight / rowHeight), count)),
    );
    const top = to * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight)
      el.scrollTop = top + rowHeight - el.clientHeight;
    setStart(Math.floor(el.scrollTop / rowHeight));
    const target = el.querySelector<HTMLElement>(`[data-index="${to}"] :is(a,button)`);
    if (target) target.focus();
    else pendingFocus.current = to;
  };

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const p = predictions[i] as PredictionListItem;
    rows.push(
      <Row
        key={p.id}
        prediction={p}
        index={i}
        count={count}
        rowHeight={rowHeight}
        selected={p.id === selectedId}
        now={now}
        mode={mode}
        actions={actions}
      />,
    );
  }
  // In plain words, as PredictionError says it, with the technical account under Details.
  // A load tried again (Retry) shows as loading, not as the failure it may have left behind.
  const failed = !!error && !isLoading;
  const failure = describeError(error);
  return (
    <div
      data-slot="prediction-list"
      data-state={failed ? 'error' : isLoading ? 'loading' : count ? 'ready' : 'empty'}
      className={cx('pk', className)}
      {...rest}
    >
      {count > 0 && (
        <div data-slot="list-header" aria-hidden="true">
          <span>Status</span>
          <span>Model</span>
          <span>ID</span>
          <span>Created</span>
          <span>Time</span>
        </div>
      )}
      {count > 0 && (
        <div
          ref={viewport}
          data-slot="list-viewport"
          style={{ maxHeight: height }}
          onScroll={onScroll}
          // A list of plain rows has nothing to focus, yet it scrolls: then the region itself takes focus.
          tabIndex={mode === 'static' ? 0 : undefined}
        >
          <ul
            data-slot="list-rows"
            aria-label={label}
            style={{ height: count * rowHeight }}
            onKeyDown={onKeyDown}
            onFocus={(event) => {
              const row = (event.target as HTMLElement).closest<HTMLElement>('[data-slot=list-row]');
              if (row) active.current = predictions[Number(row.dataset.index)]?.id ?? null;
            }}
          >
            {rows}
          </ul>
        </div>
      )}
      {count === 0 && isLoading && (
        <div data-slot="list-skeleton" role="status">
          <span className="pk-sr-only">Loading predictions…</span>
          {[0, 1, 2, 3, 4].map((i) => (
            <span key={i} data-slot="skeleton-row" aria-hidden="true" />
          ))}
        </div>
      )}
      {count === 0 && !isLoading && !error && <p data-slot="list-empty">{emptyText}</p>}
      {failed ? (
        <div data-slot="list-error" role="alert">
          <Icon name="alert" />
          <span>
            <strong>Could not load predictions.</strong> {failure?.message}
          </span>
          {onLoadMore && (
            <button type="button" data-slot="button" data-variant="outline" onClick={onLoadMore}>
              Retry
            </button>
          )}
          <ErrorDetail detail={failure?.detail} />
        </div>
      ) : count > 0 && isLoading ? (
        <p data-slot="list-footer" role="status">
          <span data-slot="spinner" aria-hidden="true" />
          Loading more…
        </p>
      ) : (
        hasMore &&
        onLoadMore && (
          <div data-slot="list-footer">
            <button type="button" data-slot="button" data-variant="outline" onClick={onLoadMore}>
              Load more
            </button>
          </div>
        )
      )}
    </div>
  );
}
