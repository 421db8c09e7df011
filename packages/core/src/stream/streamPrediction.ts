import { after } from '../backoff';
import { checkOptions, STREAM_OPTIONS } from '../checkOptions';
import type { Client } from '../createClient';
import { discardBody } from '../discardBody';
import { ConnectionError, show, TimeoutError, UnexpectedResponseError } from '../errors';
import type { StreamOptions } from '../followPrediction';
import { isText } from '../isObject';
import { requestOptions } from '../requestOptions';
import type { Prediction } from '../types';
import { createSseParser, type SseEvent } from './createSseParser';
import { followStream } from './followStream';

async function* readStream(
  client: Client,
  target: string | Prediction<unknown, unknown>,
  options: StreamOptions = {},
): AsyncGenerator<SseEvent, void, undefined> {
  const at = 'streamPrediction';
  checkOptions(at, options, STREAM_OPTIONS);
  const stream = typeof target === 'string' ? target : target?.urls?.stream;
  if (!isText(stream)) throw new TypeError(`${at}: no \`urls.stream\`; wait or watch instead (they poll).`);
  // An id has no `/`; every stream URL has one.
  if (!stream.includes('/')) {
    throw new TypeError(
      `${at}: ${show(stream)} is not a stream URL: pass the prediction or its \`urls.stream\` (\`watchPrediction\` takes an id).`,
    );
  }
  // A URL, not a path: absolute, or relative to an absolute `baseUrl`, else to the page (a proxy
  // with no public origin sends `/api/…/stream`). The request refuses another origin than `baseUrl`'s.
  let url: string;
  try {
    url = new URL(stream, new URL(client.baseUrl, globalThis.location?.href)).href;
  } catch {
    throw new TypeError(
      `${at}: cannot resolve ${show(stream)}. Outside a browser, \`baseUrl\` must be an absolute URL.`,
    );
  }
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
  const { signal, idleTimeoutMs = 45_000 } = options;
  // The connection's own signal follows the caller's and is aborted when the stream ends: that
  // ends the request whatever `fetch` made it, and leaves nothing listening on the caller's signal.
  const connection = new AbortController();
  const close = () => connection.abort(signal?.reason);
  signal?.addEventListener('abort', close);
  let idle: TimeoutError | undefined;
  try {
    // The controller serves as the call's options: its `signal` is the connection's.
    const res = (await client.request(
      'GET',
      url,
      requestOptions(client, at, connection, { headers, raw: true }),
    )) as Response;
    const type = res.headers.get('content-type');
    if (!res.body || !type?.includes('text/event-stream')) {
      discardBody(res);
      throw new UnexpectedResponseError(
        `${at}: expected \`content-type\` text/event-stream, got ${show(type)}.`,
        { path: 'content-type' },
      );
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = createSseParser();
    // Cancelling ends a pending read at once.
    connection.signal.addEventListener('abort', () => reader.cancel().catch(() => {}));
    // A connection can die without closing (a sleeping laptop, a proxy that drops it): silence
    // longer than the keep-alives allow ends it. Only the wait for bytes is timed, not the caller.
    const read = () => {
      const cancel = after(idleTimeoutMs, () => {
        idle = new TimeoutError(`${at}: silent for ${idleTimeoutMs} ms.`);
        close();
      });
      // A read that fails, unless the caller or the silence ended it, is a connection cut on the
      // way: an outage, which the watch reconnects after.
      return reader
        .read()
        .catch((cause: unknown) => {
          if (connection.signal.aborted) throw idle ?? signal?.reason ?? cause;
          throw new ConnectionError(`${at}: the connection was cut (${(cause as Error)?.message}).`, {
            cause,
          });
        })
        .finally(cancel);
    };
    signal?.throwIfAborted();
    for (let chunk = await read(); !chunk.done; chunk = await read()) {
      yield* parser.push(chunk.value);
    }
    signal?.throwIfAborted();
    if (idle) throw idle;
  } finally {
    signal?.removeEventListener('abort', close);
    close();
  }
}

/**
 * The raw events of one connection to a prediction's `urls.stream` (no reconnects). As a watch's
 * `stream` (`waitForPrediction(client, p, { stream: streamPrediction })`) it brings the loop that
 * follows the stream, reconnects included: `followStream`.
 */
export const streamPrediction = /* @__PURE__ */ Object.assign(readStream, { follow: followStream });
