import { expectShape } from '../expectShape';
import type { Mapper } from '../provider';
import type { Page } from '../types';

/** The opaque cursor of a `next` or `previous` URL, which the list routes send back on PredictKit's own path. */
const cursorOf = (url: string | null) => url && new URL(url, 'http://base').searchParams.get('cursor');

/** Replicate's pages, `{results, next, previous}` (a bare list for `GET /hardware`), with the cursors of `next` and `previous`. */
export function mapReplicatePage<T>(raw: unknown, at: string, item: Mapper<T>): Page<T> {
  const {
    results,
    next = null,
    previous = null,
  } = Array.isArray(raw)
    ? { results: raw }
    : expectShape<{ results: unknown[]; next?: string | null; previous?: string | null }>(raw, at, {
        results: 'a',
      });
  return {
    items: results.map((x, i) => item(x, at, `results[${i}].`)),
    next_cursor: cursorOf(next),
    previous_cursor: cursorOf(previous),
    next_url: next,
    previous_url: previous,
  };
}
