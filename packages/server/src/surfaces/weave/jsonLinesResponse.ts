import type { WeaveRecord } from '../../store/Store';

/** Records read from the store per pull: a stream holds one batch at a time, whatever the list's length. */
export const JSONL_BATCH = 100;

export interface JsonLinesSource {
  /** The next records after `after` (a `seq`), oldest first; fewer than `size` only at the end. */
  batch(after: number, size: number): WeaveRecord[];
  /** A filter the store cannot apply; skipped records count toward neither `offset` nor `limit`. */
  keep?(record: WeaveRecord): boolean;
  /** The record as the wire shows it. */
  show(record: WeaveRecord): unknown;
}

/**
 * A v2 list as Weave streams it: `application/jsonl`, one JSON object per line. Read from the store
 * a batch at a time as the client takes the body (a stream pulls only when its reader wants more), so
 * that a list of any length is never held in memory, and a client that stops reading stops the reads.
 */
export function jsonLinesResponse(
  source: JsonLinesSource,
  { limit, offset }: { limit: number | undefined; offset: number },
  headers: Record<string, string> = {},
): Response {
  const encoder = new TextEncoder();
  let after = 0;
  let skipped = 0;
  let sent = 0;
  const full = () => limit !== undefined && sent >= limit;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      // a batch whose records were all skipped sends nothing: read on until a line or the end
      for (;;) {
        if (full()) return controller.close();
        const records = source.batch(after, JSONL_BATCH);
        let text = '';
        for (const record of records) {
          if (full()) break;
          if (source.keep && !source.keep(record)) continue;
          if (skipped < offset) {
            skipped++;
            continue;
          }
          text += `${JSON.stringify(source.show(record))}\n`;
          sent++;
        }
        const last = records.at(-1);
        if (last) after = last.seq;
        if (text) controller.enqueue(encoder.encode(text));
        if (records.length < JSONL_BATCH) return controller.close();
        if (text) return;
      }
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'application/jsonl', ...headers } });
}
