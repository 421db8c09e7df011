import type { Context } from 'hono';
import type { HttpError } from '../../http/HttpError';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request entity too large',
  415: 'Unsupported media type',
  416: 'Range not satisfiable',
  422: 'Unprocessable entity',
  429: 'Request was throttled',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/**
 * An error as Replicate answers it: problem JSON, `{title, detail, status}`. A `422` of input
 * issues is "Input validation failed", its `detail` a line per issue and `invalid_fields` the
 * issues; a `429` says in `retry_after` (seconds) what `Retry-After` says.
 */
export function problemResponse(_c: Context, error: HttpError): Response {
  const body: Record<string, unknown> = {
    title: TITLES[error.status] ?? 'Error',
    detail: error.detail,
    status: error.status,
  };
  if (Array.isArray(error.detail)) {
    // `loc` starts with where the value was (body, query, header): Replicate names the field alone,
    // and a position in malformed JSON is the body's
    const fields = error.detail.map(({ loc, type, msg }) => ({
      type,
      field: (typeof loc[1] === 'string' ? loc.slice(1) : loc.slice(0, 1)).join('.'),
      description: msg,
    }));
    body.title = 'Input validation failed';
    body.detail = fields.map((f) => `- ${f.field}: ${f.description}\n`).join('');
    body.invalid_fields = fields;
  }
  const retryAfter = error.headers['retry-after'];
  if (error.status === 429 && retryAfter !== undefined) body.retry_after = Number(retryAfter);
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { ...error.headers, 'content-type': 'application/problem+json' },
  });
}
