import { isTerminal } from '@predictkit/core';
import type { Context } from 'hono';
import type { EventHub, StreamEvent } from '../runner/EventHub';
import type { PredictionRecord } from '../store/Store';
import { HttpError } from './HttpError';
import { SSE_HEARTBEAT } from './sse';

const HEARTBEAT_MS = 15_000;
const CUT_DELAY_MS = 20;

export interface EventStreamOptions {
  /** The prediction's id in the store. */
  id: string;
  events: EventHub;
  /** The prediction as it is now. */
  current: () => PredictionRecord;
  /** Rolled once per event sent when stream cuts are injected. */
  cutStream: () => boolean;
  /** What one event of the hub becomes on this surface: frames, or none to skip it. */
  frames(event: StreamEvent): Uint8Array[];
  /**
   * A stream that resumes from nothing: the events to send first, and the hub event id after
   * which the live events follow.
   */
  opening(current: PredictionRecord, lastId: number): { events: StreamEvent[]; after: number };
  /** The events of a prediction whose events are gone (a restart): it is final, and this is all. */
  fromRecord(current: PredictionRecord): StreamEvent[];
}

/**
 * A prediction's events as Server-Sent Events, in a surface's format: the hub's events after
 * `Last-Event-ID` (or the surface's opening), then live ones until `done`, with heartbeats. The
 * stream ends when the client goes, in-process clients included, and injected cuts drop it as a
 * failing network would.
 */
export function eventStream(c: Context, options: EventStreamOptions): Response {
  const { id, events } = options;
  const current = options.current();
  const resumeFrom = parseLastEventId(c.req.header('last-event-id'));
  let stop = () => {};
  /** An injected cut: decided on an event, carried out as the client reads on (see `pull`). */
  let cut: 'no' | 'decided' | 'padded' = 'no';
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let unsubscribe = () => {};
      let ended = false;
      const heartbeat = setInterval(() => controller.enqueue(SSE_HEARTBEAT), HEARTBEAT_MS);
      const signal = c.req.raw.signal;
      // an in-process client that aborts never cancels the body: its signal is the only word we get
      const onAbort = () => {
        if (ended) return;
        ended = true;
        stop();
        controller.close();
      };
      stop = () => {
        clearInterval(heartbeat);
        signal.removeEventListener('abort', onAbort);
        unsubscribe();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const send = (event: StreamEvent) => {
        if (ended) return;
        const frames = options.frames(event);
        for (const frame of frames) controller.enqueue(frame);
        if (event.event === 'done') {
          ended = true;
          queueMicrotask(stop);
          controller.close();
        } else if (frames.length > 0 && options.cutStream()) {
          ended = true;
          stop();
          cut = 'decided';
        }
      };
      if (!events.has(id)) {
        for (const event of options.fromRecord(current)) send(event);
        return;
      }
      const lastId = events.lastEventId(id);
      let after = resumeFrom;
      if (after === undefined) {
        const opening = options.opening(current, lastId);
        for (const event of opening.events) send(event);
        after = opening.after;
      }
      unsubscribe = events.subscribe(id, after, send);
      // the replay itself may have ended the stream (done, or a cut) before there was anything to undo
      if (ended) unsubscribe();
      if (!ended && after >= lastId && isTerminal(options.current().status)) {
        // reconnected after the end: nothing is left to send
        ended = true;
        stop();
        controller.close();
      }
    },
    pull(controller) {
      // Drop the connection once the event before the cut has gone out, as a failing network
      // would. The HTTP layer reads ahead before it sends the head, and an error while it does
      // becomes a 500: a comment first gives it what it reads ahead, and the error waits for the
      // read after that, which comes once the head is out.
      if (cut === 'decided') {
        cut = 'padded';
        controller.enqueue(SSE_HEARTBEAT);
      } else if (cut === 'padded') {
        cut = 'no';
        setTimeout(() => controller.error(new Error('Injected fault: stream cut.')), CUT_DELAY_MS);
      }
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' },
  });
}

function parseLastEventId(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\d+$/.test(raw.trim())) {
    throw new HttpError(422, [
      {
        loc: ['header', 'last-event-id'],
        msg: 'Last-Event-ID should be the id of an event this stream sent',
        type: 'int_parsing',
      },
    ]);
  }
  return Number(raw.trim());
}
