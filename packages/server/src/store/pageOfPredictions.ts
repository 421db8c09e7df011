import { decodeCursor, encodeCursor } from '../http/pagination';
import type { Store, StoredPrediction } from './Store';

interface SeqCursor extends Record<string, unknown> {
  s: number;
  d: 'n' | 'p';
}

const isSeqCursor = (v: Record<string, unknown>): v is SeqCursor =>
  Number.isInteger(v.s) && (v.d === 'n' || v.d === 'p');

/**
 * One page of predictions, newest first, from an opaque cursor (none for the first page), with the
 * cursors of the pages either side (`null` where there is none). Pages go by creation order, so a
 * prediction created while a client pages never shifts one. Only the predictions `keep` accepts
 * count (a list's filters).
 */
export function pageOfPredictions(
  store: Store,
  cursorParam: string | undefined,
  size: number,
  keep: (record: StoredPrediction) => boolean = () => true,
): { records: StoredPrediction[]; next: string | null; previous: string | null } {
  const cursor = decodeCursor(cursorParam, isSeqCursor);
  const records =
    cursor?.d === 'p' ? newer(store, cursor.s, size, keep) : older(store, cursor?.s, size, keep);
  const first = records[0];
  const last = records.at(-1);
  const next =
    last && older(store, last.seq, 1, keep).length > 0 ? encodeCursor({ s: last.seq, d: 'n' }) : null;
  // the first page has no previous page, even once newer predictions exist: clients start over for those
  const previous =
    cursor && first && newer(store, first.seq, 1, keep).length > 0
      ? encodeCursor({ s: first.seq, d: 'p' })
      : null;
  return { records, next, previous };
}

/** Predictions read from the store at a time while looking for kept ones (a probe for one included). */
const BATCH = 100;

/** The `limit` newest kept predictions older than `seq` (all when `undefined`), newest first. */
function older(store: Store, seq: number | undefined, limit: number, keep: (r: StoredPrediction) => boolean) {
  const kept: StoredPrediction[] = [];
  for (let from = seq; kept.length < limit; ) {
    const batch = store.listBefore(from, Math.max(limit, BATCH));
    kept.push(...batch.filter(keep).slice(0, limit - kept.length));
    if (batch.length < Math.max(limit, BATCH)) break;
    from = batch.at(-1)!.seq;
  }
  return kept;
}

/** The `limit` oldest kept predictions newer than `seq`, newest first. */
function newer(store: Store, seq: number, limit: number, keep: (r: StoredPrediction) => boolean) {
  const kept: StoredPrediction[] = [];
  for (let from = seq; kept.length < limit; ) {
    const batch = store.listAfter(from, Math.max(limit, BATCH)).reverse();
    kept.push(...batch.filter(keep).slice(0, limit - kept.length));
    if (batch.length < Math.max(limit, BATCH)) break;
    from = batch.at(-1)!.seq;
  }
  return kept.reverse();
}
