import { Hono } from 'hono';
import { eventStream } from '../../http/eventStream';
import { HttpError } from '../../http/HttpError';
import { readJsonBody } from '../../http/readJsonBody';
import type { StreamEvent } from '../../runner/EventHub';
import type { PredictionRecord } from '../../store/Store';
import type { SurfaceDeps } from '../Surface';
import type { ChatFormat } from './ChatFormat';
import { chatErrorParts } from './chatErrorParts';
import { chatFormats } from './chatFormats';
import { type ChatRun, chatEnd, startChat } from './startChat';

const textOf = (chunk: unknown) => (typeof chunk === 'string' ? chunk : JSON.stringify(chunk));

/**
 * What each of a chat prediction's events becomes in the format's stream: the opening first, a
 * delta per output chunk, and at the end the closing or the error. A model that writes its output
 * only at the end sends it as one delta.
 */
function chatFrames(format: ChatFormat, run: ChatRun) {
  let opened = false;
  let streamed = false;
  return (event: StreamEvent): Uint8Array[] => {
    const frames: Uint8Array[] = [];
    if (!opened) {
      opened = true;
      frames.push(...format.opening(run.reply));
    }
    if (event.event === 'output') {
      streamed = true;
      frames.push(...format.delta(run.reply, textOf(event.data)));
    } else if (event.event === 'done') {
      try {
        const end = chatEnd(run, event.data as PredictionRecord);
        if (!streamed && end.text) frames.push(...format.delta(run.reply, end.text));
        frames.push(...format.closing(run.reply, end));
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        frames.push(...format.errorFrames(chatErrorParts(error)));
      }
    }
    return frames;
  };
}

/**
 * WriftAI's compatibility endpoints: OpenAI's chat completions and Anthropic's messages, each a
 * prediction of a text model, answered whole or streamed in the format's own events.
 */
export function chatRoutes(deps: SurfaceDeps): Hono {
  const app = new Hono();
  for (const format of chatFormats) {
    app.post(format.path, async (c) => {
      const request = format.parse(await readJsonBody(c));
      const run = startChat(deps, c, request);
      if (!request.stream) return c.json(format.answer(run.reply, chatEnd(run, await run.finished)));
      const id = run.predictionId;
      return eventStream(c, {
        id,
        events: deps.events,
        current: () => deps.runner.get(id),
        cutStream: deps.cutStream,
        frames: chatFrames(format, run),
        // the prediction was made for this stream: all of its events, from the first
        opening: () => ({ events: [], after: 0 }),
        fromRecord: (current) => [{ id: 1, event: 'done', data: current }],
      });
    });
  }
  return app;
}
