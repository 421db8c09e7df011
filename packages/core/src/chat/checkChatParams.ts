import { CALL_OPTIONS, checkOptions, type Rule, type Rules, STREAM_OPTIONS } from '../checkOptions';
import type { Client } from '../createClient';
import { invalid } from '../errors';
import { isObject, isText } from '../isObject';
import { formatModelRef, parseModelRef } from '../parseModelRef';

const isTextParts = (v: unknown) =>
  Array.isArray(v) &&
  v.every((part) => isObject(part) && part.type === 'text' && typeof part.text === 'string');

/** A message's content, or Anthropic's `system`: text, or text parts. */
export const CONTENT: Rule = [
  (v) => typeof v === 'string' || isTextParts(v),
  'a string or an array of { type: "text", text }',
];

const WHOLE: Rule = [(v) => Number.isInteger(v) && (v as number) >= 1, 'a whole number ≥ 1'];

export const upTo = (max: number): Rule => [
  (v) => typeof v === 'number' && v >= 0 && v <= max,
  `a number from 0 to ${max}`,
];

/** Up to 4 stop sequences, each non-empty: what both formats take. */
export const STOPS: Rule = [
  (v) => Array.isArray(v) && v.length > 0 && v.length <= 4 && v.every(isText),
  'an array of 1 to 4 non-empty strings',
];

/** The options every chat call takes, each checked the same way in both formats. */
export const CHAT_OPTIONS: Rules = {
  ...CALL_OPTIONS,
  model: [(v) => typeof v === 'string' || isObject(v), 'a model reference (`owner/name` or `owner/name:N`)'],
  messages: [Array.isArray, 'an array of { role, content }'],
  maxTokens: WHOLE,
  topP: upTo(1),
  stream: [(v) => typeof v === 'boolean', 'a boolean'],
  timeoutMs: STREAM_OPTIONS.idleTimeoutMs as Rule,
};

const list = (roles: readonly string[]) =>
  roles
    .map((r) => `"${r}"`)
    .join(', ')
    .replace(/, ([^,]*)$/, ' or $1');

/**
 * Checks a chat call before anything is sent: the client, every option by `rules` (an unknown one
 * is refused, so that a misspelled `max_tokens` is not silently left out), the model reference, and
 * each message. Returns the model as the body sends it.
 */
export function checkChatParams(
  at: string,
  client: Client,
  params: unknown,
  rules: Rules,
  roles: readonly string[],
): string {
  if (!isObject(client) || typeof client.request !== 'function') {
    throw invalid(at, 'client', 'a client from createClient', client);
  }
  checkOptions(at, params, rules, true);
  const { model, messages } = params as Record<string, unknown>;
  let ref: string;
  try {
    ref = formatModelRef(parseModelRef(model as string));
  } catch (error) {
    throw new TypeError(`${at}: ${(error as Error).message}`);
  }
  if (!Array.isArray(messages) || messages.length === 0) {
    throw invalid(at, 'messages', 'a non-empty array of { role, content }', messages);
  }
  messages.forEach((message: unknown, i) => {
    if (!isObject(message)) throw invalid(at, `messages[${i}]`, 'an object { role, content }', message);
    if (!roles.includes(message.role as string)) {
      throw invalid(at, `messages[${i}].role`, list(roles), message.role);
    }
    if (!CONTENT[0](message.content))
      throw invalid(at, `messages[${i}].content`, CONTENT[1], message.content);
  });
  return ref;
}
