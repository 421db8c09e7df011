import { isRecord } from '@predictkit/core/schema';
import { HttpError } from '../../http/HttpError';
import type { ChatParam, ChatRequest } from './ChatRequest';

type Loc = (string | number)[];

/** A bad chat request: `400` naming the field, in the format's error shape (see `chatErrorResponse`). */
export function chatIssue(loc: Loc, msg: string, type = 'invalid_value'): HttpError {
  return new HttpError(400, [{ loc: ['body', ...loc], msg, type }]);
}

interface NumberRule {
  min: number;
  max?: number;
  integer?: boolean;
}

/**
 * Reads a chat body's fields as both compatible formats validate them: the first bad field is the
 * answer. Fields it is not asked about are left alone, since clients send more than a local model
 * uses (`user`, `metadata`, …).
 */
export class ChatBody {
  readonly params: ChatRequest['params'] = {};
  readonly #body: Record<string, unknown>;

  constructor(body: unknown) {
    if (!isRecord(body)) throw chatIssue([], 'The body should be a JSON object', 'invalid_type');
    this.#body = body;
  }

  raw(key: string): unknown {
    return this.#body[key];
  }

  required(key: string): unknown {
    const value = this.#body[key];
    if (value === undefined || value === null) throw chatIssue([key], `\`${key}\` is required`, 'missing');
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.#body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw chatIssue([key], `\`${key}\` should be a boolean`, 'invalid_type');
    return value;
  }

  number(key: string, rule: NumberRule): number | undefined {
    const value = this.#body[key];
    if (value === undefined || value === null) return undefined;
    const max = rule.max ?? Number.POSITIVE_INFINITY;
    const ok = typeof value === 'number' && Number.isFinite(value) && value >= rule.min && value <= max;
    if (!ok || (rule.integer && !Number.isInteger(value))) {
      const range = Number.isFinite(max)
        ? ` from ${rule.min} to ${max}`
        : Number.isFinite(rule.min)
          ? ` ≥ ${rule.min}`
          : '';
      throw chatIssue(
        [key],
        `\`${key}\` should be ${rule.integer ? 'a whole number' : 'a number'}${range}, got ${JSON.stringify(value)}`,
        'invalid_value',
      );
    }
    return value;
  }

  /** Sampling parameter `key`, kept under PredictKit's `name` for the model's inputs. */
  param(name: ChatParam, key: string, value: unknown): void {
    if (value !== undefined) this.params[name] = { value, param: key };
  }

  /** Stop sequences: one string or a list of at most `max` non-empty ones. */
  stops(key: string, max: number): string[] | undefined {
    const value = this.#body[key];
    if (value === undefined || value === null) return undefined;
    const list = typeof value === 'string' ? [value] : value;
    if (
      !Array.isArray(list) ||
      list.length > max ||
      list.some((item) => typeof item !== 'string' || item === '')
    ) {
      throw chatIssue(
        [key],
        `\`${key}\` should be ${typeof value === 'string' ? 'a non-empty string' : `a list of at most ${max} non-empty strings`}`,
        'invalid_value',
      );
    }
    return list as string[];
  }

  /** Tools need a model that calls them: none of these does. */
  noTools(key: string): void {
    const tools = this.#body[key];
    if (Array.isArray(tools) ? tools.length > 0 : tools !== undefined && tools !== null) {
      throw chatIssue(
        [key],
        'Tools are not supported: the models of this server only write text',
        'unsupported',
      );
    }
  }
}

/**
 * A message's content as text: a string, or a list of text parts (`{type: "text", text}`), joined.
 * Images and other parts are refused by name, since a text model cannot read them.
 */
export function contentText(content: unknown, loc: Loc): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) {
    throw chatIssue(loc, 'Content should be a string or a list of text parts', 'invalid_type');
  }
  return content
    .map((part, i) => {
      if (!isRecord(part) || part.type !== 'text' || typeof part.text !== 'string') {
        const kind =
          isRecord(part) && typeof part.type === 'string' ? `a \`${part.type}\` part` : 'this part';
        throw chatIssue(
          [...loc, i],
          `Only text parts ({"type": "text", "text": "…"}) are supported, not ${kind}: the models of this server read text only`,
          'unsupported',
        );
      }
      return part.text;
    })
    .join('');
}
