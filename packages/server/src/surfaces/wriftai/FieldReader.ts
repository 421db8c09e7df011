import type { ValidationIssueWire } from '@predictkit/core';
import { isRecord } from '@predictkit/core/schema';
import { HttpError } from '../../http/HttpError';

interface TextRule {
  required?: boolean;
  nullable?: boolean;
  min?: number;
  max: number;
  pattern?: { regex: RegExp; source: string };
}

/** Longest URL kept: room for any real page address, not for a payload. */
const MAX_URL = 2000;

/**
 * Reads a JSON body's fields the way FastAPI validates a model: every issue collected with its
 * `loc`, then one `422`. Fields it does not know are refused (`extra_forbidden`), so that a typo
 * in a change is an answer, not a silent no-op.
 */
export class FieldReader {
  readonly #issues: ValidationIssueWire[] = [];
  readonly #body: Record<string, unknown>;

  constructor(body: unknown, known: readonly string[]) {
    if (!isRecord(body)) {
      throw new HttpError(422, [{ loc: ['body'], msg: 'Input should be a valid object', type: 'dict_type' }]);
    }
    this.#body = body;
    for (const key of Object.keys(body)) {
      if (!known.includes(key)) {
        this.#issues.push({
          loc: ['body', key],
          msg: 'Extra inputs are not permitted',
          type: 'extra_forbidden',
        });
      }
    }
  }

  #issue(loc: (string | number)[], msg: string, type: string): undefined {
    this.#issues.push({ loc: ['body', ...loc], msg, type });
    return undefined;
  }

  /** `undefined` when absent (and not required), `null` when sent as null and allowed. */
  text(key: string, rule: TextRule): string | null | undefined {
    const value = this.#body[key];
    if (value === undefined)
      return rule.required ? this.#issue([key], 'Field required', 'missing') : undefined;
    if (value === null && rule.nullable) return null;
    return this.#checkText([key], value, rule);
  }

  #checkText(loc: (string | number)[], value: unknown, rule: TextRule): string | undefined {
    if (typeof value !== 'string') return this.#issue(loc, 'Input should be a valid string', 'string_type');
    const min = rule.min ?? 0;
    if (value.length < min) {
      return this.#issue(
        loc,
        `String should have at least ${min} character${min === 1 ? '' : 's'}`,
        'string_too_short',
      );
    }
    if (value.length > rule.max) {
      return this.#issue(loc, `String should have at most ${rule.max} characters`, 'string_too_long');
    }
    if (rule.pattern && !rule.pattern.regex.test(value)) {
      return this.#issue(
        loc,
        `String should match pattern '${rule.pattern.source}'`,
        'string_pattern_mismatch',
      );
    }
    return value;
  }

  #checkUrl(loc: (string | number)[], value: unknown): string | undefined {
    const text = this.#checkText(loc, value, { max: MAX_URL });
    if (text === undefined) return undefined;
    try {
      if (/^https?:$/.test(new URL(text).protocol)) return text;
    } catch {}
    return this.#issue(loc, 'Input should be a valid URL, an absolute http(s) one', 'url_parsing');
  }

  url(key: string): string | null | undefined {
    const value = this.#body[key];
    if (value === undefined || value === null) return value;
    return this.#checkUrl([key], value);
  }

  choice<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.#body[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return this.#issue([key], `Input should be ${allowed.map((a) => `'${a}'`).join(' or ')}`, 'enum');
  }

  /** A list of distinct strings, each read as text (or as a URL with `urls`). */
  list(key: string, max: number, item: TextRule | 'url'): string[] | undefined {
    const value = this.#body[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.#issue([key], 'Input should be a valid list', 'list_type');
    if (value.length > max) return this.#issue([key], `List should have at most ${max} items`, 'too_long');
    const out = value.map((x, i) =>
      item === 'url' ? this.#checkUrl([key, i], x) : this.#checkText([key, i], x, item),
    );
    if (out.some((x) => x === undefined)) return undefined;
    if (new Set(out).size !== out.length)
      return this.#issue([key], 'List items should be unique', 'unique_items');
    return out as string[];
  }

  /** Whatever the field holds, for a caller to check itself. */
  raw(key: string): unknown {
    return this.#body[key];
  }

  issue(loc: (string | number)[], msg: string, type: string): undefined {
    return this.#issue(loc, msg, type);
  }

  /** Answers every issue found at once. */
  done(): void {
    if (this.#issues.length > 0) throw new HttpError(422, this.#issues);
  }
}
