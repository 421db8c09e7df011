import type { ValidationIssueWire } from '@predictkit/core';
import { HttpError } from '../../http/HttpError';
import { isObjectRef } from './weaveRef';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a field must be sent, and whether `null` is taken (by default when not required). */
interface Presence {
  required?: boolean;
  nullable?: boolean;
}

/** Longest name, id or description kept: room for any real one, not for a payload. */
const MAX_TEXT = 10_000;

/**
 * Reads a JSON body as Weave's server (FastAPI over pydantic models that forbid unknown fields)
 * validates it: every issue collected with its `loc` and pydantic's words, then one `422`.
 */
export class WeaveBody {
  readonly #issues: ValidationIssueWire[] = [];
  readonly #body: Record<string, unknown>;

  constructor(body: unknown, known: readonly string[]) {
    if (body === null) {
      throw new HttpError(422, [{ loc: ['body'], msg: 'Field required', type: 'missing' }]);
    }
    if (!isRecord(body)) {
      throw new HttpError(422, [
        {
          loc: ['body'],
          msg: 'Input should be a valid dictionary or object to extract fields from',
          type: 'model_attributes_type',
        },
      ]);
    }
    this.#body = body;
    for (const key of Object.keys(body)) {
      if (!known.includes(key)) this.#issue(key, 'Extra inputs are not permitted', 'extra_forbidden');
    }
  }

  #issue(key: string, msg: string, type: string): undefined {
    this.#issues.push({ loc: ['body', key], msg, type });
    return undefined;
  }

  /** The value, `undefined` (with an issue when required) when absent; `null` only when `nullable`. */
  #present(key: string, required: boolean, nullable: boolean): { value: unknown } | undefined {
    const value = this.#body[key];
    if (value === undefined) {
      if (required) this.#issue(key, 'Field required', 'missing');
      return undefined;
    }
    if (value === null && nullable) return { value: null };
    return { value };
  }

  text(key: string, { required = false, nullable = !required }: Presence = {}): string | null | undefined {
    const found = this.#present(key, required, nullable);
    if (!found || found.value === null) return found?.value as null | undefined;
    const { value } = found;
    if (typeof value !== 'string') return this.#issue(key, 'Input should be a valid string', 'string_type');
    if (value.length > MAX_TEXT) {
      return this.#issue(key, `String should have at most ${MAX_TEXT} characters`, 'string_too_long');
    }
    return value;
  }

  /** A `weave:///…/object/{name}:{digest}` reference. */
  ref(key: string, { required = false, nullable = !required }: Presence = {}): string | null | undefined {
    const value = this.text(key, { required, nullable });
    if (typeof value !== 'string' || isObjectRef(value)) return value;
    return this.#issue(
      key,
      'Value error, expected a reference weave:///{entity}/{project}/object/{name}:{digest}',
      'value_error',
    );
  }

  record(
    key: string,
    { required = false, nullable = !required }: Presence = {},
  ): Record<string, unknown> | null | undefined {
    const found = this.#present(key, required, nullable);
    if (!found || found.value === null) return found?.value as null | undefined;
    if (!isRecord(found.value)) return this.#issue(key, 'Input should be a valid dictionary', 'dict_type');
    return found.value;
  }

  number(key: string): number | undefined {
    const found = this.#present(key, true, false);
    if (!found) return undefined;
    if (typeof found.value !== 'number')
      return this.#issue(key, 'Input should be a valid number', 'float_type');
    return found.value;
  }

  /** Any JSON value, `null` included, but present. */
  any(key: string): unknown {
    return this.#present(key, true, true)?.value;
  }

  /** Answers every issue found at once. */
  done(): void {
    if (this.#issues.length > 0) throw new HttpError(422, this.#issues);
  }
}
