import { isRecord } from '@predictkit/core/schema';
import { sseDataFrame } from '../../http/sse';
import { ChatBody, chatIssue, contentText } from './ChatBody';
import type { ChatErrorParts, ChatFormat, ChatReply } from './ChatFormat';
import type { ChatTurn } from './ChatRequest';

/** Anthropic's error types, by status; others are `api_error`. */
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'invalid_request_error',
  413: 'request_too_large',
  415: 'invalid_request_error',
  429: 'rate_limit_error',
  503: 'overloaded_error',
  504: 'timeout_error',
};

/** Each stream event is named after its `type`, as Anthropic's clients read them. */
const event = (data: { type: string } & Record<string, unknown>) => sseDataFrame(data, data.type);

const messageId = (reply: ChatReply) => `msg_${reply.predictionId}`;

/** Anthropic's messages (`POST /v1/messages`, experimental on WriftAI), as its official clients speak them. */
export const anthropicMessages: ChatFormat = {
  path: '/messages',

  parse(raw) {
    const body = new ChatBody(raw);
    const model = body.required('model');
    const maxTokens = body.number('max_tokens', { min: 1, integer: true });
    if (maxTokens === undefined) body.required('max_tokens');
    const messages = body.required('messages');
    if (!Array.isArray(messages) || messages.length === 0) {
      throw chatIssue(
        ['messages'],
        '`messages` should be a non-empty list of {role, content}',
        'invalid_type',
      );
    }
    const turns: ChatTurn[] = messages.map((message, i) => {
      if (!isRecord(message))
        throw chatIssue(['messages', i], 'A message should be an object {role, content}');
      if (message.role !== 'user' && message.role !== 'assistant') {
        throw chatIssue(
          ['messages', i, 'role'],
          `\`role\` should be "user" or "assistant", got ${JSON.stringify(message.role)}; instructions go in the top-level \`system\``,
          'invalid_value',
        );
      }
      return { role: message.role, text: contentText(message.content, ['messages', i, 'content']) };
    });
    const system = body.raw('system');
    body.noTools('tools');
    body.param('maxTokens', 'max_tokens', maxTokens);
    body.param('temperature', 'temperature', body.number('temperature', { min: 0, max: 1 }));
    body.param('topP', 'top_p', body.number('top_p', { min: 0, max: 1 }));
    body.param('topK', 'top_k', body.number('top_k', { min: 1, integer: true }));
    body.param('stop', 'stop_sequences', body.stops('stop_sequences', 4));
    return {
      model,
      system: system === undefined || system === null ? '' : contentText(system, ['system']),
      turns,
      stream: body.boolean('stream') ?? false,
      includeUsage: false,
      params: body.params,
    };
  },

  answer: (reply, end) => ({
    id: messageId(reply),
    type: 'message',
    role: 'assistant',
    model: reply.model,
    content: [{ type: 'text', text: end.text }],
    stop_reason: end.finish === 'length' ? 'max_tokens' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: reply.promptTokens, output_tokens: end.completionTokens },
  }),

  opening: (reply) => [
    event({
      type: 'message_start',
      message: {
        id: messageId(reply),
        type: 'message',
        role: 'assistant',
        model: reply.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: reply.promptTokens, output_tokens: 0 },
      },
    }),
    event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    event({ type: 'ping' }),
  ],

  delta: (_reply, text) => [
    event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
  ],

  closing: (_reply, end) => [
    event({ type: 'content_block_stop', index: 0 }),
    event({
      type: 'message_delta',
      delta: { stop_reason: end.finish === 'length' ? 'max_tokens' : 'end_turn', stop_sequence: null },
      usage: { output_tokens: end.completionTokens },
    }),
    event({ type: 'message_stop' }),
  ],

  errorBody: ({ status, message }: ChatErrorParts) => ({
    type: 'error',
    error: { type: ERROR_TYPES[status] ?? 'api_error', message },
  }),

  errorFrames: (error) => [sseDataFrame(anthropicMessages.errorBody(error), 'error')],
};
