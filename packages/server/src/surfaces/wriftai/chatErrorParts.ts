import type { HttpError } from '../../http/HttpError';
import type { ChatErrorParts } from './ChatFormat';

/** A code for an error of no field, by status, as the chat APIs give one. */
const CODES: Record<number, string> = {
  401: 'invalid_api_key',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'request_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limit_exceeded',
  503: 'unavailable',
  504: 'timeout',
};

/** `messages[0].content` from a `loc` under `body`. */
function paramOf(loc: readonly (string | number)[]): string | null {
  const [, first, ...rest] = loc;
  if (typeof first !== 'string') return null;
  return first + rest.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('');
}

/**
 * An answer other than success in the chat APIs' words: their `400` for the `422` of the rest of
 * the surface (neither format has one), the field at fault, and a code.
 */
export function chatErrorParts(error: HttpError): ChatErrorParts {
  const status = error.status === 422 ? 400 : error.status;
  if (typeof error.detail === 'string') {
    return { status, message: error.detail, param: null, code: CODES[status] ?? null };
  }
  const [first] = error.detail;
  return {
    status,
    message: error.detail.map((issue) => issue.msg).join('; '),
    param: first ? paramOf(first.loc) : null,
    code: first?.type ?? null,
  };
}
