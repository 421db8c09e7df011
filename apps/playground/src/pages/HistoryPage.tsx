import { describeError, PredictionList } from '@predictkit/components';
import { isTerminal, type PredictionListItem } from '@predictkit/core';
import { usePredictionList, usePredictKitClient } from '@predictkit/react';
import { useEffect, useId, useMemo, useState } from 'react';
import { useWaitsForApi } from '../app/ConnectionBanner';
import { Link } from '../app/Link';
import { lacks } from '../app/lacks';
import { replaceSearch, useLocation } from '../app/router';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { PredictionPreview } from './PredictionPreview';

const STATUSES = [
  { value: '', label: 'Any status' },
  { value: 'running', label: 'Running' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'failed', label: 'Failed' },
  { value: 'canceled', label: 'Canceled' },
];

/** Enough matching rows to fill the view; the API cannot filter, so a few more pages may be read. */
const WANTED_ROWS = 25;
const MAX_AUTO_PAGES = 8;
const ROW_HEIGHT = 56;
const SEEN = 'predictkit-playground:history-seen';

function matchesStatus(row: PredictionListItem, status: string): boolean {
  if (!status) return true;
  if (status === 'running') return !isTerminal(row.status);
  if (status === 'canceled') return ['canceled', 'cancelled', 'aborted'].includes(row.status);
  return row.status === status;
}

/** The list's height: what the window leaves below the filters, so the page has one scroll, not two. */
const measureListHeight = () => Math.max(320, Math.round(window.innerHeight - 240));

function useListHeight(): number {
  const measure = measureListHeight;
  const [height, setHeight] = useState(measure);
  useEffect(() => {
    const update = () => setHeight(measureListHeight());
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return height;
}

export function HistoryPage() {
  const client = usePredictKitClient();
  const { search } = useLocation();
  const model = search.get('model') ?? '';
  const status = search.get('status') ?? '';
  const q = search.get('q') ?? '';
  const [text, setText] = useState(q);
  // The address wins when it changes by itself (Back, or "Clear the filters").
  const [seenQ, setSeenQ] = useState(q);
  if (seenQ !== q) {
    setSeenQ(q);
    if (q.trim() !== text.trim()) setText(q);
  }
  const id = useId();
  useDocumentTitle('Predictions');
  // the page size only where the service takes one
  const list = usePredictionList({ pageSize: lacks(client, 'pageSize') ? undefined : 25, live: true });
  const models = useMemo(
    () => [...new Set(list.predictions.map((p) => `${p.model.owner}/${p.model.name}`))].sort(),
    [list.predictions],
  );
  const needle = q.trim().toLowerCase();
  const rows = useMemo(
    () =>
      list.predictions.filter(
        (p) =>
          (!model || `${p.model.owner}/${p.model.name}` === model) &&
          matchesStatus(p, status) &&
          (!needle || `${p.model.owner}/${p.model.name} ${p.id}`.toLowerCase().includes(needle)),
      ),
    [list.predictions, model, status, needle],
  );
  const filtered = !!(model || status || needle);
  const pages = list.data?.pages.length ?? 0;
  // An API that is not reached is the banner's to say: the list waits for it rather than raising an
  // alarm of its own, and the banner reloads it once the API answers.
  const waiting = useWaitsForApi(list.error);
  const { hasNextPage, isFetching, isError, fetchNextPage } = list;
  useEffect(() => {
    if (
      filtered &&
      rows.length < WANTED_ROWS &&
      hasNextPage &&
      !isFetching &&
      !isError &&
      pages < MAX_AUTO_PAGES
    )
      void fetchNextPage();
  }, [filtered, rows.length, hasNextPage, isFetching, isError, pages, fetchNextPage]);
  const height = useListHeight();

  // A server that forgot its predictions (restarted without a data directory) is said to have, rather
  // than the history vanishing without a word.
  const [forgotten, setForgotten] = useState(false);
  const newest = list.predictions[0]?.id;
  useEffect(() => {
    if (list.isPending || list.isError) return;
    if (newest) localStorage.setItem(SEEN, newest);
    else setForgotten(!!localStorage.getItem(SEEN));
  }, [newest, list.isPending, list.isError]);

  const textTimer = useMemo(() => ({ current: undefined as ReturnType<typeof setTimeout> | undefined }), []);
  const setQuery = (value: string) => {
    setText(value);
    clearTimeout(textTimer.current);
    textTimer.current = setTimeout(() => replaceSearch({ q: value.trim() || null }), 250);
  };

  return (
    <div className="page">
      <header className="page-header">
        <h1>Predictions</h1>
        <p className="lede">Every prediction, newest first. Running ones update as they go.</p>
      </header>
      <search className="toolbar history-filters" aria-label="Filter predictions">
        <label htmlFor={`${id}-q`} className="visually-hidden">
          Search by model or ID
        </label>
        <input
          id={`${id}-q`}
          className="search"
          type="search"
          placeholder="Search by model or ID…"
          value={text}
          onChange={(event) => setQuery(event.target.value)}
        />
        <label className="inline-field">
          <span>Model</span>
          <select value={model} onChange={(event) => replaceSearch({ model: event.target.value || null })}>
            <option value="">Any model</option>
            {(model && !models.includes(model) ? [model, ...models] : models).map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Status</span>
          <select value={status} onChange={(event) => replaceSearch({ status: event.target.value || null })}>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </search>
      {forgotten && (
        <p className="notice" role="status">
          The server has none of the predictions you ran before: it was restarted without keeping its data.{' '}
          <code>bash scripts/start.sh</code> keeps them in <code>.predictkit-data/</code> from now on.
        </p>
      )}
      {filtered && (
        <p className="hint" role="status">
          {rows.length} of {list.predictions.length} loaded predictions match
          {hasNextPage ? '; more load as you scroll' : ''}. <Link to="/predictions">Clear the filters</Link>
        </p>
      )}
      <PredictionList
        aria-label="Predictions"
        predictions={rows}
        hasMore={list.hasNextPage}
        onLoadMore={() => list.fetchNextPage()}
        isLoading={list.isPending || list.isFetchingNextPage || waiting}
        // Rows in hand whose refresh could not reach the API: the banner's news, not the list's.
        error={waiting || (list.isRefetchError && describeError(list.error)?.unreached) ? null : list.error}
        height={height}
        rowHeight={ROW_HEIGHT}
        renderPreview={(row) => <PredictionPreview row={row} />}
        renderLink={(prediction, children) => <Link to={`/predictions/${prediction.id}`}>{children}</Link>}
        emptyText={
          filtered ? (
            'No loaded prediction matches these filters.'
          ) : (
            <>
              No predictions yet. <Link to="/">Run a model</Link>.
            </>
          )
        }
      />
    </div>
  );
}
