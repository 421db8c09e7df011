import { isTerminal, type Page, type Prediction, type PredictionListItem } from '@predictkit/core';
import { type InfiniteData, type QueryClient, replaceEqualDeep } from '@tanstack/react-query';
import { type KeyClient, predictionKeys } from './predictionKeys';

/** What the hooks know about a prediction beyond its snapshot: whether a cancel is on its way, why watching stopped or is retrying. */
export interface WatchMeta {
  canceling?: boolean;
  /** What ended watching (a `4xx`, say): it starts again only after `refetch`. */
  error?: Error;
  /** The failure watching keeps retrying after (a lost connection, a `5xx`), until the next answer. */
  retrying?: Error;
}

export const metaKey = (client: KeyClient, id: string) =>
  [...predictionKeys.all(client), 'watch', id] as const;

export const setMeta = (qc: QueryClient, client: KeyClient, id: string, meta: WatchMeta) =>
  qc.setQueryData<WatchMeta>(metaKey(client, id), (old) => ({ ...old, ...meta }));

/** A prediction as a list shows it: without input, output, error and logs. */
export function listRow(prediction: Prediction<unknown, unknown>): PredictionListItem {
  const { input: _i, output: _o, error: _e, logs: _l, setup_logs: _s, ...row } = prediction;
  return row;
}

/** The finished snapshot the cache has, which an older one (a late answer, a stale page) never replaces. */
const finishedBefore = (qc: QueryClient, client: KeyClient, next: PredictionListItem) => {
  const known = qc.getQueryData<Prediction>(predictionKeys.detail(client, next.id));
  return isTerminal(known?.status) && !isTerminal(next.status) ? known : undefined;
};

/**
 * A list row as fresh as the cache knows it: a row read before its prediction finished (a page
 * that was on its way while a watcher wrote the end), or one that could not tell how it ended
 * (`unsureEnd`), takes the finished snapshot.
 */
export function freshRow(qc: QueryClient, client: KeyClient, row: PredictionListItem): PredictionListItem {
  const known = qc.getQueryData<Prediction>(predictionKeys.detail(client, row.id));
  return known && isTerminal(known.status) && known.status !== row.status ? listRow(known) : row;
}

/**
 * A `failed` row without its error: it cannot tell a cancel from a failure, as WriftAI's list rows
 * leave the error out (a canceled prediction is `failed` with the cancel in its error).
 */
export const unsureEnd = (row: PredictionListItem) => row.status === 'failed' && !('error' in row);

/**
 * Puts a snapshot where every observer reads it: the detail cache and its row in each list cache;
 * with `top`, a prediction no list has yet goes first on each list's first page.
 */
export function writePrediction(
  qc: QueryClient,
  client: KeyClient,
  prediction: Prediction<unknown, unknown>,
  top?: boolean,
): void {
  if (finishedBefore(qc, client, prediction)) return;
  qc.setQueryData(predictionKeys.detail(client, prediction.id), prediction);
  writeRow(qc, client, prediction, top ? 'top' : 'replace');
}

/**
 * Puts a prediction first on each list's first page that does not show it (a page that landed
 * without it), leaving the lists that do as they are: their row may be newer than the cache's.
 */
export const addToLists = (qc: QueryClient, client: KeyClient, prediction: Prediction<unknown, unknown>) =>
  writeRow(qc, client, prediction, 'missing');

/** `replace` a list's row; `top`: or put it first where it is missing; `missing`: only that. */
function writeRow(
  qc: QueryClient,
  client: KeyClient,
  prediction: Prediction<unknown, unknown>,
  mode: 'replace' | 'top' | 'missing',
): void {
  const row = listRow(prediction);
  qc.setQueriesData<InfiniteData<Page<PredictionListItem>>>(
    { queryKey: predictionKeys.lists(client) },
    (data) => {
      // Called on every streamed chunk: looked for page by page, with no copy of every row.
      let hit: PredictionListItem | undefined;
      for (const page of data?.pages ?? []) {
        hit = page.items.find((item) => item.id === row.id);
        if (hit) break;
      }
      // `undefined` leaves a list untouched (no re-render): a row the same as before, too, as a
      // streamed prediction's snapshots change its output, not its row, on every chunk.
      if (!data || (hit ? mode === 'missing' || replaceEqualDeep(hit, row) === hit : mode === 'replace'))
        return;
      const pages = data.pages.map((page, i) => ({
        ...page,
        items: hit
          ? page.items.map((item) => (item.id === row.id ? row : item))
          : i
            ? page.items
            : [row, ...page.items],
      }));
      return { ...data, pages };
    },
  );
}
