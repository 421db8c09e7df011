import type { Rules } from '../checkOptions';
import type { Client } from '../createClient';
import { UnexpectedResponseError } from '../errors';
import { expectShape } from '../expectShape';
import { streamError } from './chatApiError';
import { chatEvents, eventJson } from './chatEvents';
import { chatRouteOf } from './chatRouteOf';
import { CHAT_OPTIONS, checkChatParams, STOPS, upTo } from './checkChatParams';
import { postChat } from './postChat';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionParams } from './types';

const RULES: Rules = {
  ...CHAT_OPTIONS,
  temperature: upTo(2),
  stop: [
    (v) => STOPS[0]([v].flat()) && !(Array.isArray(v) && v.length === 0),
    'a non-empty string or an array of 1 to 4',
  ],
  seed: [Number.isInteger, 'a whole number'],
  includeUsage: [(v) => typeof v === 'boolean', 'a boolean'],
};

const ROLES = ['system', 'developer', 'user', 'assistant'] as const;

const SHAPE = { id: 's', model: 's', choices: 'a' };

const at = 'createChatCompletion';

/**
 * Asks a text model for the next message of a conversation through the service's OpenAI-compatible
 * endpoint (`POST /chat/completions`): one prediction, answered as `chat.completion`. With
 * `stream: true`, an async iterator of its `chat.completion.chunk`s instead, each a delta of the
 * answer; stop reading (or abort `signal`) to end the request, and the model with it.
 * WriftAI's; not available on Replicate.
 */
export function createChatCompletion(
  client: Client,
  params: ChatCompletionParams & { stream?: false },
): Promise<ChatCompletion>;
export function createChatCompletion(
  client: Client,
  params: ChatCompletionParams & { stream: true },
): AsyncGenerator<ChatCompletionChunk, void, undefined>;
export function createChatCompletion(
  client: Client,
  params: ChatCompletionParams,
): Promise<ChatCompletion> | AsyncGenerator<ChatCompletionChunk, void, undefined> {
  return (params as { stream?: unknown } | null)?.stream === true
    ? chunks(client, params)
    : complete(client, params);
}

/** The path and body of a call, once every argument has passed its checks. */
function chatRequest(client: Client, params: ChatCompletionParams) {
  const model = checkChatParams(at, client, params, RULES, ROLES);
  const path = chatRouteOf(at, client.provider, 'chatCompletions');
  const { messages, maxTokens, temperature, topP, stop, seed, stream, includeUsage } = params;
  if (includeUsage !== undefined && !stream) {
    throw new TypeError(
      `${at}: \`includeUsage\` goes with \`stream: true\` (an answer without a stream has its usage).`,
    );
  }
  const body = {
    model,
    messages,
    max_tokens: maxTokens,
    temperature,
    top_p: topP,
    stop,
    seed,
    ...(stream ? { stream, ...(includeUsage ? { stream_options: { include_usage: true } } : {}) } : {}),
  };
  return { path, body };
}

async function complete(client: Client, params: ChatCompletionParams): Promise<ChatCompletion> {
  const { path, body } = chatRequest(client, params);
  return expectShape<ChatCompletion>(await postChat(client, at, path, body, params), at, SHAPE);
}

async function* chunks(
  client: Client,
  params: ChatCompletionParams,
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  const { path, body } = chatRequest(client, params);
  for await (const event of chatEvents(client, at, path, body, params)) {
    if (event.data === '[DONE]') return;
    const data = eventJson(event, at);
    const error = streamError(at, data);
    if (error) throw error;
    yield expectShape<ChatCompletionChunk>(data, at, SHAPE);
  }
  // a cut connection must not pass for a whole answer
  throw new UnexpectedResponseError(
    `${at}: the stream ended before \`[DONE]\`; the answer may be cut short.`,
    {
      path: '',
    },
  );
}
