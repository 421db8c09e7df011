/** One dispatched server-sent event. */
export interface SseEvent {
  /** `message` when the server named none. */
  event: string;
  data: string;
  /** The last event id seen on this stream (an id carries over to later events, as the spec says). */
  id: string;
  /** The last `retry:` the server asked for, in milliseconds. */
  retry: number | undefined;
}

/**
 * An incremental `text/event-stream` parser following the WHATWG algorithm: lines end in CRLF, LF
 * or CR (also when a CRLF is split across chunks), `:` starts a comment, `data` lines join with
 * `\n`, an event without data is dropped, `id` persists (unless it holds NUL), `retry` takes digits
 * only. Feed it non-empty decoded text, as `TextDecoderStream` gives (which also drops the
 * byte-order mark).
 */
export function createSseParser(): { push(chunk: string): SseEvent[] } {
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id = '';
  let retry: number | undefined;
  let lfPending = false;
  return {
    push(chunk) {
      const out: SseEvent[] = [];
      // A chunk that ended in CR has ended its line; an LF opening the next chunk completes that CRLF.
      if (lfPending && chunk[0] === '\n') chunk = chunk.slice(1);
      lfPending = chunk.endsWith('\r');
      buffer += chunk;
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop()!;
      for (const line of lines) {
        if (!line) {
          if (data.length) out.push({ event: event || 'message', data: data.join('\n'), id, retry });
          data = [];
          event = '';
        } else {
          const [, field, value = ''] = /^([^:]*):? ?(.*)$/s.exec(line)!;
          if (field === 'data') data.push(value);
          else if (field === 'event') event = value;
          else if (field === 'id') id = value.includes('\0') ? id : value;
          else if (field === 'retry' && /^\d+$/.test(value)) retry = +value;
        }
      }
      return out;
    },
  };
}
