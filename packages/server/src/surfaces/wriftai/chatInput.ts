import type { JsonSchema, ValidationIssueWire } from '@predictkit/core';
import { isRecord } from '@predictkit/core/schema';
import { HttpError } from '../../http/HttpError';
import { applyDefaults } from '../../models/applyDefaults';
import type { DemoVersion } from '../../models/types';
import { walkWithSchema } from '../../validation/schemaPointer';
import { validateAgainstSchema } from '../../validation/validateInput';
import { chatIssue } from './ChatBody';
import type { ChatParam, ChatRequest } from './ChatRequest';

/** The inputs each sampling parameter fills, the first a model has; a model without one ignores it. */
const INPUT_NAMES: Record<ChatParam, string[]> = {
  maxTokens: ['max_tokens', 'max_new_tokens'],
  temperature: ['temperature'],
  topP: ['top_p'],
  topK: ['top_k'],
  stop: ['stop', 'stop_sequences'],
  seed: ['seed'],
};

/** What a chat model is, in the words of the answer to one that is not. */
const CHAT_MODELS =
  'chat runs text models: a text `prompt` input (and no other required input) and a text output (a string, or a list of strings that join into one)';

export interface ChatInput {
  input: Record<string, unknown>;
  /** The tokens the model may write, with its default filled in, when it has such an input. */
  maxTokens: number | undefined;
  /** Estimated as the demo models estimate theirs: a token per 4 characters. */
  promptTokens: number;
}

/**
 * The conversation as one prompt for a model that continues text: the instructions, then each
 * turn after its speaker's name, ending where the assistant's next turn begins.
 */
export function chatPrompt(request: ChatRequest): string {
  const lines = request.turns.map((turn) => `${turn.role === 'user' ? 'User' : 'Assistant'}: ${turn.text}`);
  return [...(request.system ? [request.system, ''] : []), ...lines, 'Assistant:'].join('\n');
}

const accepts = (schema: JsonSchema, value: unknown) => validateAgainstSchema(schema, value, []).length === 0;

/** The input properties a version declares at its top level. */
const propertiesOf = (version: DemoVersion) =>
  (isRecord(version.input.properties) ? version.input.properties : {}) as Record<string, unknown>;

/**
 * Why a version cannot chat, or `undefined` when it can: read by its own schemas, as its inputs
 * are validated, so that chat and the prediction routes never disagree about a model.
 */
function whyNotChat(version: DemoVersion): string | undefined {
  if (!('prompt' in propertiesOf(version))) return 'its input has no `prompt`';
  const issues = validateAgainstSchema(version.input, { prompt: 'Hello' }, []);
  if (issues.some((issue) => issue.loc[0] === 'prompt')) return 'its `prompt` is not text';
  if (issues.length > 0) {
    return `its input also requires ${issues.map((issue) => `\`${issue.loc.join('.')}\``).join(', ')}`;
  }
  return textOutput(version.output) ? undefined : 'its output is not text';
}

/** A string, or strings that join into one; not files (URLs), and not a schema that takes anything. */
function textOutput(output: JsonSchema): boolean {
  const sample = accepts(output, 'Hello') ? 'Hello' : accepts(output, ['Hello']) ? ['Hello'] : undefined;
  if (sample === undefined || accepts(output, { text: 1 })) return false;
  let files = false;
  walkWithSchema(output, sample, (value, schema) => {
    if (typeof value === 'string' && (schema.format === 'uri' || schema.contentMediaType !== undefined)) {
      files = true;
    }
  });
  return !files;
}

/**
 * A chat request as the input of `version` (`ref` names it): the prompt, and each sampling
 * parameter sent onto the input of the same meaning. A model that cannot chat, or an input its
 * schema refuses, is a `400` naming the chat field at fault, before anything runs.
 */
export function chatInput(version: DemoVersion, request: ChatRequest, ref: string): ChatInput {
  const why = whyNotChat(version);
  if (why)
    throw chatIssue(['model'], `Model ${ref} cannot chat: ${why}; ${CHAT_MODELS}.`, 'model_not_supported');
  const properties = propertiesOf(version);
  const prompt = chatPrompt(request);
  const input: Record<string, unknown> = { prompt };
  /** Which chat field each input came from, to name it in an error. */
  const sentAs: Record<string, string> = { prompt: 'messages' };
  for (const [name, sent] of Object.entries(request.params)) {
    const key = INPUT_NAMES[name as ChatParam].find((candidate) => candidate in properties);
    if (key === undefined || sent === undefined) continue;
    input[key] = sent.value;
    sentAs[key] = sent.param;
  }
  const issues = validateAgainstSchema(version.input, input, []);
  if (issues.length > 0) {
    throw new HttpError(
      400,
      issues.map((issue): ValidationIssueWire => {
        const [first, ...rest] = issue.loc;
        const key = String(first);
        const field = sentAs[key] ?? key;
        const what = key === 'prompt' ? 'the conversation, as the model’s `prompt`' : `\`${field}\``;
        return {
          loc: ['body', field, ...rest],
          msg: `${what} does not fit ${ref}: ${issue.msg}`,
          type: issue.type,
        };
      }),
    );
  }
  const maxKey = INPUT_NAMES.maxTokens.find((candidate) => candidate in properties);
  const filled = maxKey === undefined ? undefined : applyDefaults(version.input, input)[maxKey];
  return {
    input,
    maxTokens: typeof filled === 'number' ? filled : undefined,
    promptTokens: Math.max(1, Math.ceil(prompt.length / 4)),
  };
}
