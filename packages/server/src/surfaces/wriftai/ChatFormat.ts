import type { ChatRequest } from './ChatRequest';

/** What a chat prediction's answer is made of, in either format. */
export interface ChatReply {
  /** The prediction's id: the answer's id carries it, so that it can be found among the predictions. */
  predictionId: string;
  /** The model that ran, `owner/name:N`. */
  model: string;
  /** Unix seconds of the prediction's creation. */
  created: number;
  /** Estimated as the demo models estimate theirs: a token per 4 characters. */
  promptTokens: number;
  includeUsage: boolean;
}

export interface ChatEnd {
  text: string;
  completionTokens: number;
  /** `length` when the model wrote as many tokens as it was allowed. */
  finish: 'stop' | 'length';
}

/** The body of an error answer, and the words a format has for it. */
export interface ChatErrorParts {
  status: number;
  message: string;
  /** The field at fault, `messages[0].content`, when one is. */
  param: string | null;
  /** A short code: the type, or one for the status. */
  code: string | null;
}

/**
 * One compatible API (OpenAI's chat completions, Anthropic's messages): its route, how its body
 * reads, and how a prediction's answer, stream and errors are written in it.
 */
export interface ChatFormat {
  /** Under the surface's base path. */
  path: string;
  parse(body: unknown): ChatRequest;
  answer(reply: ChatReply, end: ChatEnd): unknown;
  /** The frames that open a stream. */
  opening(reply: ChatReply): Uint8Array[];
  delta(reply: ChatReply, text: string): Uint8Array[];
  /** The frames that close a stream that ended well. */
  closing(reply: ChatReply, end: ChatEnd): Uint8Array[];
  /** An error as an answer's body. */
  errorBody(error: ChatErrorParts): unknown;
  /** An error in a stream that has begun, after which the stream ends. */
  errorFrames(error: ChatErrorParts): Uint8Array[];
}
