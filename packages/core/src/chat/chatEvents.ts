import { after } from '../backoff';
import type { Client } from '../createClient';
import { discardBody } from '../discardBody';
import { show, TimeoutError, UnexpectedResponseError } from '../errors';
import { createSseParser, type SseEvent } from '../stream/createSseParser';
import { chatApiError } from './chatApiError';
import type { ChatRequestOptions } from './postChat';

/** How long a stream may stay silent: the server sends a keep-alive every 15 s. */
const IDLE_MS = 45_000;

/**
 * One chat request answered as a stream: its server-sent events as they arrive. The connection
 * follows the caller's signal and ends with the stream, so a consumer that stops reading (a `break`)
 * closes it, and the service stops the model.
 */
export async function* chatEvents(
  client: Client,
  at: string,
  path: string,
  body: unknown,
  { signal, timeoutMs }: ChatRequestOptions,
): AsyncGenerator<SseEvent, void, undefined> {
  const connection = new AbortController();
  const close = () => connection.abort(signal?.reason);
  signal?.addEventListener('abort', close);
  let idle: TimeoutError | undefined;
  try {
    let res: Response;
    try {
      res = (await client.request('POST', path, {
        label: at,
        signal: connection.signal,
        body,
        timeoutMs,
        headers: { accept: 'text/event-stream' },
        raw: true,
      })) as Response;
    } catch (error) {
      throw chatApiError(at, error);
    }
    const type = res.headers.get('content-type');
    if (!res.body || !type?.includes('text/event-stream')) {
      discardBody(res);
      throw new UnexpectedResponseError(
        `${at}: expected \`content-type\` text/event-stream, got ${show(type)}.`,
        {
          path: 'content-type',
        },
      );
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = createSseParser();
    connection.signal.addEventListener('abort', () => reader.cancel().catch(() => {}));
    const read = () => {
      const cancel = after(IDLE_MS, () => {
        idle = new TimeoutError(`${at}: the stream was silent for ${IDLE_MS} ms.`);
        close();
      });
      return reader.read().finally(cancel);
    };
    signal?.throwIfAborted();
    for (let chunk = await read(); !chunk.done; chunk = await read()) yield* parser.push(chunk.value);
    signal?.throwIfAborted();
    if (idle) throw idle;
  } finally {
    signal?.removeEventListener('abort', close);
    close();
  }
}

/** An event's data as JSON, or an `UnexpectedResponseError` naming it. */
export function eventJson(event: SseEvent, at: string): unknown {
  try {
    return JSON.parse(event.data);
  } catch {
    throw new UnexpectedResponseError(
      `${at}: a \`${event.event}\` event is not JSON: ${show(event.data.slice(0, 50))}.`,
      {
        path: event.event,
      },
    );
  }
}
