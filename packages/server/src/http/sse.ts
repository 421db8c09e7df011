import type { StreamEvent } from '../runner/EventHub';

const encoder = new TextEncoder();

/** One Server-Sent Events frame; JSON has no raw newlines, so `data` is always a single line. */
export function sseFrame({ id, event, data }: StreamEvent): Uint8Array {
  return encoder.encode(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export const SSE_HEARTBEAT = encoder.encode(': keep-alive\n\n');
