import type { ValidationIssueWire } from '@predictkit/core';
import { isRecord } from '@predictkit/core/schema';
import { HttpError } from '../../http/HttpError';
import { isObjectRef } from './weaveRef';

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

  /** A list of objects (a dataset's rows), each issue at its item's `loc`. */
  records(key: string): Record<string, unknown>[] | undefined {
    const found = this.#present(key, true, false);
    if (!found) return undefined;
    if (!Array.isArray(found.value)) return this.#issue(key, 'Input should be a valid list', 'list_type');
    let valid = true;
    found.value.forEach((item, index) => {
      if (isRecord(item)) return;
      valid = false;
      this.#issues.push({
        loc: ['body', key, index],
        msg: 'Input should be a valid dictionary',
        type: 'dict_type',
      });
    });
    return valid ? (found.value as Record<string, unknown>[]) : undefined;
  }

  /** A list of `weave:///…/object/…` references (an evaluation's scorers), or `null`. */
  refs(key: string): string[] | null | undefined {
    const found = this.#present(key, false, true);
    if (!found || found.value === null) return found?.value as null | undefined;
    if (!Array.isArray(found.value)) return this.#issue(key, 'Input should be a valid list', 'list_type');
    let valid = true;
    found.value.forEach((item, index) => {
      const issue: [string, string] | undefined =
        typeof item !== 'string'
          ? ['Input should be a valid string', 'string_type']
          : isObjectRef(item)
            ? undefined
            : [
                'Value error, expected a reference weave:///{entity}/{project}/object/{name}:{digest}',
                'value_error',
              ];
      if (!issue) return;
      valid = false;
      this.#issues.push({ loc: ['body', key, index], msg: issue[0], type: issue[1] });
    });
    return valid ? (found.value as string[]) : undefined;
  }

  /** A whole number of at least `min`, or `undefined` (absent, or an issue). */
  whole(key: string, min: number): number | undefined {
    const found = this.#present(key, false, false);
    if (!found) return undefined;
    const { value } = found;
    if (typeof value !== 'number') return this.#issue(key, 'Input should be a valid integer', 'int_type');
    if (!Number.isSafeInteger(value)) {
      return this.#issue(
        key,
        'Input should be a valid integer, got a number with a fractional part',
        'int_from_float',
      );
    }
    if (value < min)
      return this.#issue(key, `Input should be greater than or equal to ${min}`, 'greater_than_equal');
    return value;
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
