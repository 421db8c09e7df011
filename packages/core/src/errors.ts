import type { Prediction } from './types';

/** A value as an error message quotes it: strings quoted, objects by kind, everything else as written. */
export const show = (v: unknown): string =>
  typeof v === 'string'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? 'an array'
      : typeof v === 'function'
        ? 'a function'
        : v && typeof v === 'object'
          ? 'an object'
          : typeof v === 'bigint'
            ? `${v}n`
            : String(v);

/** `createPrediction: \`wait\` must be whole seconds from 1 to 60, got 90.` */
export const invalid = (at: string, name: string, want: string, got: unknown, shown = show(got)): TypeError =>
  new TypeError(`${at}: \`${name}\` must be ${want}, got ${shown}.`);

/** The base of every error PredictKit throws (argument mistakes are plain `TypeError`s). */
export class PredictKitError extends Error {
  override name = 'PredictKitError';
  constructor(message: string, details?: object) {
    super(message);
    Object.assign(this, details);
  }
}

/** The API answered with an error status. */
export class ApiError extends PredictKitError {
  override name = 'ApiError';
  declare readonly status: number;
  /** The `x-request-id` header: quote it when asking the service's support. */
  declare readonly requestId: string | undefined;
  /** The parsed answer (JSON, else text). */
  declare readonly body: unknown;
  /** The service's own words (`detail`), or a summary of the field issues. */
  declare readonly detail: string;
}

export interface ValidationIssue {
  /** Relative to `input` for an input field (`["width"]`); the full location otherwise. */
  path: (string | number)[];
  message: string;
  type: string;
}

/** `width: must be ≤ 2048; prompt: Field required`. */
export const describeIssues = (issues: ValidationIssue[]): string =>
  issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; ');

/** `422`: the request, usually its input, did not pass validation (by the service, or by a `defineModel` schema). */
export class ValidationError extends ApiError {
  override name = 'ValidationError';
  declare readonly issues: ValidationIssue[];
}

/** `429`, still, after the retries. */
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
  /** How long the service asked to wait, when it said. */
  declare readonly retryAfterMs: number | undefined;
}

/** A request got no answer in time, or a wait ended before the prediction did. */
export class TimeoutError extends PredictKitError {
  override name = 'TimeoutError';
  /** The last snapshot seen (waits only). */
  declare readonly prediction?: Prediction;
  /** For a wait: the transient failure (a lost connection, a `5xx`) its polls were still retrying. */
  declare readonly cause?: unknown;
}

/** The service could not be reached (DNS, refused or reset connection); `cause` holds the original. */
export class ConnectionError extends PredictKitError {
  override name = 'ConnectionError';
}

/** An answer did not have the API's shape; `path` names the field that did not match. */
export class UnexpectedResponseError extends PredictKitError {
  override name = 'UnexpectedResponseError';
  declare readonly path: string;
}
