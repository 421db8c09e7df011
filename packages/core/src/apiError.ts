import { retryAfterMs } from './backoff';
import { ApiError, RateLimitError, ValidationError } from './errors';
import type { Provider } from './provider';

const HINTS: Record<number, string> = {
  401: 'Check the token',
  404: 'Check the id, model and `baseUrl`',
  409: 'It has already finished',
};

/** A request that may have been carried out is not sent again: a second create is a second prediction. */
export const notRetried = (o: { unsure?: string }) =>
  `Not retried: ${o.unsure ?? 'it may have been carried out'}`;

/**
 * The error for an answer that is not `2xx`, in the provider's words, with what to do next: its
 * class by status (`ValidationError` for a `422` with issues, `RateLimitError` for a `429`), the
 * request id, and the tries it took. `unsafe` is the request's options when it is not retried, so a
 * `5xx` says what it may have done. A client without a token (a browser behind a proxy) is not told
 * to check one: its proxy's words say what to do.
 */
export function apiError(
  provider: Provider,
  at: string,
  res: Response,
  body: unknown,
  attempts: number,
  unsafe: false | { unsure?: string },
  token?: string,
): ApiError {
  const { status } = res;
  const { detail: words, issues, retryAfterMs: asked } = provider.mapError(status, body);
  const requestId = res.headers.get('x-request-id') ?? undefined;
  const detail = words || res.statusText || 'no details';
  const Class = status === 422 && issues ? ValidationError : status === 429 ? RateLimitError : ApiError;
  return new Class(
    // The detail's own full stop goes: the message goes on after it.
    `${at} failed with ${status}: ${detail.replace(/\.$/, '')}${requestId ? ` (request id ${requestId})` : ''}` +
      `${attempts > 1 ? ` after ${attempts} tries` : ''}. ${HINTS[status === 401 && !token ? 0 : status] ?? (status > 499 && unsafe ? notRetried(unsafe) : status > 499 || status === 429 ? 'Retry later' : 'Check the request')}.`,
    {
      status,
      requestId,
      body,
      detail,
      issues,
      retryAfterMs: retryAfterMs(res.headers, status === 429) ?? asked,
    },
  );
}
