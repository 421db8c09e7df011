/** One turn of a conversation, its content as plain text. */
export interface ChatTurn {
  role: 'user' | 'assistant';
  text: string;
}

/**
 * A chat request read from either compatible format (OpenAI's chat completions, Anthropic's
 * messages): what becomes one prediction of a text model.
 */
export interface ChatRequest {
  /** `owner/name` or `owner/name:N`, as sent. */
  model: unknown;
  /** System and developer instructions, joined. */
  system: string;
  turns: ChatTurn[];
  stream: boolean;
  /** OpenAI's `stream_options.include_usage`: a last chunk with the usage. */
  includeUsage: boolean;
  /** The sampling parameters that were sent, by PredictKit's name, with where each was sent. */
  params: Partial<Record<ChatParam, { value: unknown; param: string }>>;
}

/** The sampling parameters that map onto a model's inputs of the same meaning. */
export type ChatParam = 'maxTokens' | 'temperature' | 'topP' | 'topK' | 'stop' | 'seed';
