import type { CallOptions } from '../createClient';
import type { ModelRef } from '../types';

/** A text part of a message's content, as both formats write one. */
export interface ChatTextPart {
  type: 'text';
  text: string;
}

/** One message of an OpenAI-style conversation. */
export interface ChatCompletionMessage {
  role: 'system' | 'developer' | 'user' | 'assistant';
  content: string | ChatTextPart[];
}

interface ChatCallOptions extends CallOptions {
  /** `owner/name` (the latest version) or `owner/name:N`: a text model. */
  model: string | ModelRef;
  /** The most tokens the model may write. */
  maxTokens?: number | undefined;
  topP?: number | undefined;
  /**
   * How long to wait for the answer (a stream's: for it to start). Default the client's
   * `timeoutMs`; the service also stops a model that is slow (the local server after 60 s).
   */
  timeoutMs?: number | undefined;
}

/** What `createChatCompletion` sends: OpenAI's chat completion request, in camelCase. */
export interface ChatCompletionParams extends ChatCallOptions {
  messages: ChatCompletionMessage[];
  /** 0 to 2. */
  temperature?: number | undefined;
  /** Up to 4 sequences that end the answer. */
  stop?: string | string[] | undefined;
  seed?: number | undefined;
  stream?: boolean | undefined;
  /** With `stream`, a last chunk with no choices carries the `usage`. */
  includeUsage?: boolean | undefined;
}

export interface ChatCompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** OpenAI's `chat.completion`, as the service sends it. */
export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  /** Unix seconds. */
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string | null };
    finish_reason: 'stop' | 'length' | (string & {}) | null;
  }[];
  usage?: ChatCompletionUsage;
}

/** One `chat.completion.chunk` of a stream: a delta of the answer. */
export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  /** Empty in the last chunk of a stream with `includeUsage`. */
  choices: {
    index: number;
    delta: { role?: 'assistant'; content?: string | null };
    finish_reason: 'stop' | 'length' | (string & {}) | null;
  }[];
  usage?: ChatCompletionUsage | null;
}

/** One message of an Anthropic-style conversation; instructions go in `system`. */
export interface MessageParam {
  role: 'user' | 'assistant';
  content: string | ChatTextPart[];
}

/** What `createMessage` sends: Anthropic's messages request, in camelCase. */
export interface CreateMessageParams extends ChatCallOptions {
  messages: MessageParam[];
  maxTokens: number;
  system?: string | ChatTextPart[] | undefined;
  /** 0 to 1. */
  temperature?: number | undefined;
  topK?: number | undefined;
  /** Up to 4 sequences that end the answer. */
  stopSequences?: string[] | undefined;
  stream?: boolean | undefined;
}

/** Anthropic's `message`, as the service sends it. */
export interface Message {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ChatTextPart[];
  stop_reason: 'end_turn' | 'max_tokens' | 'stop_sequence' | (string & {}) | null;
  stop_sequence: string | null;
  usage: { input_tokens: number; output_tokens: number };
}

/** One event of an Anthropic-style stream (`ping`s are left out). */
export type MessageStreamEvent =
  | { type: 'message_start'; message: Message }
  | { type: 'content_block_start'; index: number; content_block: ChatTextPart }
  | { type: 'content_block_delta'; index: number; delta: { type: 'text_delta'; text: string } }
  | { type: 'content_block_stop'; index: number }
  | {
      type: 'message_delta';
      delta: { stop_reason: Message['stop_reason']; stop_sequence: string | null };
      usage: { output_tokens: number };
    }
  | { type: 'message_stop' };
