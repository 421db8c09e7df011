import type { StreamEvent } from '../runner/EventHub';

const encoder = new TextEncoder();

/** One Server-Sent Events frame; JSON has no raw newlines, so `data` is always a single line. */
export function sseFrame({ id, event, data }: StreamEvent): Uint8Array {
  return encoder.encode(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * One frame whose data is raw text: a line of it per `data:` field, so that a text with line breaks
 * arrives whole (a client joins the fields with `\n`).
 */
export function sseTextFrame(id: number, event: string, text: string): Uint8Array {
  const data = text
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('');
  return encoder.encode(`id: ${id}\nevent: ${event}\n${data}\n`);
}

/** A frame without an id, as the chat APIs send theirs: an `event:` line when named, `data` as JSON. */
export function sseDataFrame(data: unknown, event?: string): Uint8Array {
  return encoder.encode(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
}

export const SSE_HEARTBEAT = encoder.encode(': keep-alive\n\n');
