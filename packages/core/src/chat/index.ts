/**
 * `@predictkit/core/chat`: the service's compatibility endpoints, OpenAI's chat completions and
 * Anthropic's messages, each a prediction of a text model, answered whole or streamed. An entry of
 * its own, so that apps which only run predictions never carry it.
 */
export { createChatCompletion } from './createChatCompletion';
export { createMessage } from './createMessage';
export type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionMessage,
  ChatCompletionParams,
  ChatCompletionUsage,
  ChatTextPart,
  CreateMessageParams,
  Message,
  MessageParam,
  MessageStreamEvent,
} from './types';
