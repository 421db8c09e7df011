import { isTerminal } from '@predictkit/core';
import type { Context } from 'hono';
import { parseModelReference } from '../../catalog';
import { HttpError } from '../../http/HttpError';
import type { PredictionRecord } from '../../store/Store';
import type { SurfaceDeps } from '../Surface';
import type { ChatEnd, ChatReply } from './ChatFormat';
import type { ChatRequest } from './ChatRequest';
import { chatInput } from './chatInput';

/** How long a chat request waits for its model before its prediction is canceled, by default. */
export const DEFAULT_CHAT_TIMEOUT_MS = 60_000;

/** A chat request's prediction, under way. */
export interface ChatRun {
  reply: ChatReply;
  predictionId: string;
  /** The tokens the model may write, when it has such an input. */
  maxTokens: number | undefined;
  /** The prediction once it has ended. */
  finished: Promise<PredictionRecord>;
  /** Whether it was canceled because it ran past the chat timeout. */
  timedOut(): boolean;
  timeoutMs: number;
}

/**
 * Creates the prediction a chat request asks for, on the same runner as every other (so it is
 * listed like any prediction), and watches it: it is canceled when it runs past the timeout, and
 * when the client goes away, since no one else waits for its answer.
 */
export function startChat(deps: SurfaceDeps, c: Context, request: ChatRequest): ChatRun {
  const { registry, runner, events, caller } = deps;
  const ref = parseModelReference(request.model, ['body', 'model']);
  // reading the body took time: a shutdown may have begun
  runner.assertAccepting();
  const user = caller(c);
  const model = registry.visible(user, ref.owner, ref.name);
  const version = registry.version(model, ref.version);
  const name = `${model.owner.username}/${model.name}:${version.number}`;
  const chat = chatInput(version.runnable, request, name);
  const prediction = runner.create({
    model,
    owner: model.owner.username,
    creator: user.id,
    version: version.runnable,
    input: chat.input,
    webhook: null,
    origin: deps.origin(c),
    inputValidated: true,
  });
  const id = prediction.id;
  const timeoutMs = deps.options.chatTimeoutMs ?? DEFAULT_CHAT_TIMEOUT_MS;
  let timedOut = false;
  const stop = () => {
    if (!isTerminal(runner.get(id).status)) runner.cancel(id);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, timeoutMs);
  const signal = c.req.raw.signal;
  signal.addEventListener('abort', stop, { once: true });
  const finished = new Promise<PredictionRecord>((resolve) => {
    events.subscribe(id, events.lastEventId(id), (event) => {
      if (event.event !== 'done') return;
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      resolve(event.data as PredictionRecord);
    });
  });
  return {
    reply: {
      predictionId: id,
      model: name,
      created: Math.floor(Date.parse(prediction.created_at) / 1000),
      promptTokens: chat.promptTokens,
      includeUsage: request.includeUsage,
    },
    predictionId: id,
    maxTokens: chat.maxTokens,
    finished,
    timedOut: () => timedOut,
    timeoutMs,
  };
}

/** The answer of a chat prediction that has ended: its text, or the error it ended with. */
export function chatEnd(run: ChatRun, prediction: PredictionRecord): ChatEnd {
  const { model } = run.reply;
  const what = `Prediction ${prediction.id} of ${model}`;
  if (run.timedOut()) {
    throw new HttpError(
      504,
      `${model} did not answer within ${run.timeoutMs / 1000} s, so its prediction ${prediction.id} was canceled. Ask for fewer tokens, stream the answer, or give the server a longer chat timeout (--chat-timeout).`,
      // the same request would time out again: the official clients retry a 5xx unless told not to
      { 'x-should-retry': 'false' },
    );
  }
  if (prediction.status === 'succeeded') {
    const { output } = prediction;
    const chunks = Array.isArray(output) ? output.map(String) : undefined;
    const text = chunks ? chunks.join('') : typeof output === 'string' ? output : JSON.stringify(output);
    const completionTokens = chunks ? chunks.length : Math.ceil(text.length / 4);
    const finish = run.maxTokens !== undefined && completionTokens >= run.maxTokens ? 'length' : 'stop';
    return { text, completionTokens, finish };
  }
  if (prediction.status === 'canceled' || prediction.status === 'aborted') {
    throw new HttpError(409, `${what} was canceled before it answered.`, { 'x-should-retry': 'false' });
  }
  const error = prediction.error;
  throw new HttpError(
    error?.source === 'external' ? 400 : 500,
    `${what} failed: ${error?.message ?? 'no reason given'}`,
  );
}
