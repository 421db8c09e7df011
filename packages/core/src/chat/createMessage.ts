import type { Rules } from '../checkOptions';
import type { Client } from '../createClient';
import { invalid, UnexpectedResponseError } from '../errors';
import { expectShape } from '../expectShape';
import { streamError } from './chatApiError';
import { chatEvents, eventJson } from './chatEvents';
import { chatRouteOf } from './chatRouteOf';
import { CHAT_OPTIONS, CONTENT, checkChatParams, STOPS, upTo } from './checkChatParams';
import { postChat } from './postChat';
import type { CreateMessageParams, Message, MessageStreamEvent } from './types';

const RULES: Rules = {
  ...CHAT_OPTIONS,
  system: CONTENT,
  temperature: upTo(1),
  topK: CHAT_OPTIONS.maxTokens as Rules[string],
  stopSequences: STOPS,
};

const ROLES = ['user', 'assistant'] as const;

const SHAPE = { id: 's', model: 's', content: 'a' };

const at = 'createMessage';

/**
 * Asks a text model for the next message of a conversation through the service's
 * Anthropic-compatible endpoint (`POST /messages`, experimental on WriftAI): one prediction,
 * answered as a `message`. With `stream: true`, an async iterator of its events instead
 * (`message_start`, `content_block_delta`s with the text, …, `message_stop`); stop reading (or
 * abort `signal`) to end the request, and the model with it. WriftAI's; not available on Replicate.
 */
export function createMessage(
  client: Client,
  params: CreateMessageParams & { stream?: false },
): Promise<Message>;
export function createMessage(
  client: Client,
  params: CreateMessageParams & { stream: true },
): AsyncGenerator<MessageStreamEvent, void, undefined>;
export function createMessage(
  client: Client,
  params: CreateMessageParams,
): Promise<Message> | AsyncGenerator<MessageStreamEvent, void, undefined> {
  return (params as { stream?: unknown } | null)?.stream === true
    ? events(client, params)
    : complete(client, params);
}

/** The path and body of a call, once every argument has passed its checks. */
function messageRequest(client: Client, params: CreateMessageParams) {
  const model = checkChatParams(at, client, params, RULES, ROLES);
  const path = chatRouteOf(at, client.provider, 'messages');
  const { messages, maxTokens, system, temperature, topP, topK, stopSequences, stream } = params;
  if (maxTokens === undefined)
    throw invalid(at, 'maxTokens', 'a whole number ≥ 1 (it is required)', maxTokens);
  const body = {
    model,
    messages,
    max_tokens: maxTokens,
    system,
    temperature,
    top_p: topP,
    top_k: topK,
    stop_sequences: stopSequences,
    ...(stream ? { stream } : {}),
  };
  return { path, body };
}

async function complete(client: Client, params: CreateMessageParams): Promise<Message> {
  const { path, body } = messageRequest(client, params);
  return expectShape<Message>(await postChat(client, at, path, body, params), at, SHAPE);
}

async function* events(
  client: Client,
  params: CreateMessageParams,
): AsyncGenerator<MessageStreamEvent, void, undefined> {
  const { path, body } = messageRequest(client, params);
  for await (const event of chatEvents(client, at, path, body, params)) {
    if (event.event === 'ping') continue;
    const data = eventJson(event, at);
    const error = streamError(at, data);
    if (error) throw error;
    const next = expectShape<MessageStreamEvent>(data, at, { type: 's' });
    yield next;
    if (next.type === 'message_stop') return;
  }
  // a cut connection must not pass for a whole answer
  throw new UnexpectedResponseError(
    `${at}: the stream ended before \`message_stop\`; the answer may be cut short.`,
    {
      path: '',
    },
  );
}
