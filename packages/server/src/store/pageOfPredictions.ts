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
 * prediction created while a client pages never shifts one.
 */
export function pageOfPredictions(
  store: Store,
  cursorParam: string | undefined,
  size: number,
): { records: StoredPrediction[]; next: string | null; previous: string | null } {
  const cursor = decodeCursor(cursorParam, isSeqCursor);
  const records = cursor?.d === 'p' ? store.listAfter(cursor.s, size) : store.listBefore(cursor?.s, size);
  const first = records[0];
  const last = records.at(-1);
  const next =
    last && store.listBefore(last.seq, 1).length > 0 ? encodeCursor({ s: last.seq, d: 'n' }) : null;
  // the first page has no previous page, even once newer predictions exist: clients start over for those
  const previous =
    cursor && first && store.listAfter(first.seq, 1).length > 0
      ? encodeCursor({ s: first.seq, d: 'p' })
      : null;
  return { records, next, previous };
}
