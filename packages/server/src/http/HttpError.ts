import type { ValidationIssueWire } from '@predictkit/core';

/**
 * An answer other than success, thrown from anywhere in a handler and turned into the API's
 * error shape by the app: `{"detail": "…"}`, or `{"detail": [issues]}` for a `422`.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly detail: string | ValidationIssueWire[],
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof detail === 'string' ? detail : detail.map((issue) => issue.msg).join('; '));
  }
}

export function validationError(issues: ValidationIssueWire[]): HttpError {
  return new HttpError(422, issues);
}

export function notFound(detail: string): HttpError {
  return new HttpError(404, detail);
}
