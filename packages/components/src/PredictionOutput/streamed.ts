import { type ReactNode, useRef } from 'react';

/**
 * The text added to a text given as pieces in order since `last` (the pieces read before), or
 * `undefined` when it did not grow at its end. A stream appends pieces, so all but the last one read
 * are the same strings; the last one may itself have grown (a text that is polled whole).
 */
export function appended(last: readonly string[], pieces: readonly string[]): string | undefined {
  const n = last.length;
  if (pieces.length < n) return undefined;
  for (let i = 0; i < n - 1; i++) if (pieces[i] !== last[i]) return undefined;
  const end = last[n - 1] ?? '';
  const grown = pieces[n - 1] ?? '';
  return grown.startsWith(end) ? grown.slice(end.length) + pieces.slice(n).join('') : undefined;
}

/** A streamed text as rendered so far: elements for its settled start, and the open text after it. */
interface Streamed {
  pieces: readonly string[];
  done: ReactNode[];
  open: string;
  at: number;
}

/**
 * A text that streams in as `pieces`, kept across renders: only the pieces added since the last render
 * are read (never the whole text again). `settle` is given the open text and where it starts in the
 * whole, and may return how many of its first characters are done and the element showing them (keyed
 * by that start), which then stays the same. A text that did not grow at its end starts over.
 */
export function useStreamed(
  pieces: readonly string[],
  settle: (open: string, at: number) => [end: number, done: ReactNode] | false | undefined,
): [done: ReactNode[], open: string] {
  const state = useRef<Streamed>({ pieces: [], done: [], open: '', at: 0 }).current;
  const more = appended(state.pieces, pieces);
  if (more === undefined) {
    state.done = [];
    state.open = pieces.join('');
    state.at = 0;
  } else state.open += more;
  state.pieces = pieces;
  for (let cut = settle(state.open, state.at); cut; cut = settle(state.open, state.at)) {
    state.done = [...state.done, cut[1]];
    state.open = state.open.slice(cut[0]);
    state.at += cut[0];
  }
  return [state.done, state.open];
}
