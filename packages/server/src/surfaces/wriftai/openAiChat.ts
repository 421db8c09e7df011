import { isRecord } from '@predictkit/core/schema';
import { sseDataFrame } from '../../http/sse';
import { ChatBody, chatIssue, contentText } from './ChatBody';
import type { ChatErrorParts, ChatFormat, ChatReply } from './ChatFormat';
import type { ChatTurn } from './ChatRequest';

const ROLES = ['system', 'developer', 'user', 'assistant'];
const DONE = new TextEncoder().encode('data: [DONE]\n\n');

function errorType(status: number): string {
  if (status === 429) return 'rate_limit_error';
  if (status === 504) return 'timeout';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

const chunk = (reply: ChatReply, delta: Record<string, unknown>, finish: string | null = null) => ({
  id: `chatcmpl-${reply.predictionId}`,
  object: 'chat.completion.chunk',
  created: reply.created,
  model: reply.model,
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  // with `include_usage`, every chunk says there is none yet, and one more at the end has it
  ...(reply.includeUsage ? { usage: null } : {}),
});

const usage = (reply: ChatReply, completionTokens: number) => ({
  prompt_tokens: reply.promptTokens,
  completion_tokens: completionTokens,
  total_tokens: reply.promptTokens + completionTokens,
});

/** OpenAI's chat completions (`POST /v1/chat/completions`), as its official clients speak them. */
export const openAiChat: ChatFormat = {
  path: '/chat/completions',

  parse(raw) {
    const body = new ChatBody(raw);
    const model = body.required('model');
    const messages = body.required('messages');
    if (!Array.isArray(messages) || messages.length === 0) {
      throw chatIssue(
        ['messages'],
        '`messages` should be a non-empty list of {role, content}',
        'invalid_type',
      );
    }
    const system: string[] = [];
    const turns: ChatTurn[] = [];
    messages.forEach((message, i) => {
      if (!isRecord(message))
        throw chatIssue(['messages', i], 'A message should be an object {role, content}');
      const { role } = message;
      if (typeof role !== 'string' || !ROLES.includes(role)) {
        throw chatIssue(
          ['messages', i, 'role'],
          `\`role\` should be ${ROLES.map((r) => `"${r}"`).join(', ')}, got ${JSON.stringify(role)}: tool results need a model that calls tools, and these do not`,
          'invalid_value',
        );
      }
      if (message.tool_calls !== undefined && message.tool_calls !== null) {
        throw chatIssue(
          ['messages', i, 'tool_calls'],
          'Tool calls are not supported: the models of this server only write text',
          'unsupported',
        );
      }
      const text = contentText(message.content, ['messages', i, 'content']);
      if (role === 'system' || role === 'developer') system.push(text);
      else turns.push({ role: role as ChatTurn['role'], text });
    });
    body.noTools('tools');
    body.noTools('functions');
    const format = body.raw('response_format');
    if (isRecord(format) && format.type !== 'text') {
      throw chatIssue(
        ['response_format', 'type'],
        `Only "text" is supported, not ${JSON.stringify(format.type)}: these models cannot be held to JSON`,
        'unsupported',
      );
    }
    if ((body.number('n', { min: 1, max: 128, integer: true }) ?? 1) !== 1) {
      throw chatIssue(['n'], 'Only one choice (`n: 1`) is supported', 'unsupported');
    }
    const stream = body.boolean('stream') ?? false;
    const options = body.raw('stream_options');
    if (options !== undefined && options !== null && (!stream || !isRecord(options))) {
      throw chatIssue(
        ['stream_options'],
        '`stream_options` should be an object, sent only with `stream: true`',
      );
    }
    const includeUsage = isRecord(options) && options.include_usage === true;
    // the newer name wins, as on OpenAI's API
    const maxKey = body.raw('max_completion_tokens') === undefined ? 'max_tokens' : 'max_completion_tokens';
    body.param('maxTokens', maxKey, body.number(maxKey, { min: 1, integer: true }));
    body.param('temperature', 'temperature', body.number('temperature', { min: 0, max: 2 }));
    body.param('topP', 'top_p', body.number('top_p', { min: 0, max: 1 }));
    body.param('seed', 'seed', body.number('seed', { min: Number.NEGATIVE_INFINITY, integer: true }));
    body.param('stop', 'stop', body.stops('stop', 4));
    return { model, system: system.join('\n\n'), turns, stream, includeUsage, params: body.params };
  },

  answer: (reply, end) => ({
    id: `chatcmpl-${reply.predictionId}`,
    object: 'chat.completion',
    created: reply.created,
    model: reply.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: end.text, refusal: null },
        logprobs: null,
        finish_reason: end.finish,
      },
    ],
    usage: usage(reply, end.completionTokens),
  }),

  opening: (reply) => [sseDataFrame(chunk(reply, { role: 'assistant', content: '' }))],

  delta: (reply, text) => [sseDataFrame(chunk(reply, { content: text }))],

  closing(reply, end) {
    const frames = [sseDataFrame(chunk(reply, {}, end.finish))];
    if (reply.includeUsage) {
      frames.push(
        sseDataFrame({ ...chunk(reply, {}), choices: [], usage: usage(reply, end.completionTokens) }),
      );
    }
    return [...frames, DONE];
  },

  errorBody: ({ status, message, param, code }: ChatErrorParts) => ({
    error: { message, type: errorType(status), param, code },
  }),

  // OpenAI's clients throw on a chunk that carries `error`; no `[DONE]` follows it
  errorFrames: (error) => [sseDataFrame(openAiChat.errorBody(error))],
};
