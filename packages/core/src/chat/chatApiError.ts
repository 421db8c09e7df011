import { ApiError } from '../errors';
import { isObject } from '../isObject';

/** The status an error type of either format stands for, in a stream, where there is no status. */
const STATUS_OF: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  timeout: 504,
  timeout_error: 504,
  overloaded_error: 529,
};

/** The `{error: {message, type}}` both formats answer an error with, if `body` is one. */
const errorOf = (body: unknown) => {
  const error = isObject(body) ? body.error : undefined;
  return isObject(error) && typeof error.message === 'string'
    ? { message: error.message, type: typeof error.type === 'string' ? error.type : undefined }
    : undefined;
};

/**
 * An error the chat endpoints answered, in their words: the client reads an error answer as the
 * prediction API words it (`detail`), and these say it in `error.message`. Other errors pass as
 * they are.
 */
export function chatApiError(at: string, error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const words = errorOf(error.body);
  if (!words) return error;
  const { status, requestId } = error;
  const Class = error.constructor as typeof ApiError;
  return new Class(
    `${at} failed with ${status}: ${words.message.replace(/\.$/, '')}${requestId ? ` (request id ${requestId})` : ''}.`,
    { ...error, detail: words.message, cause: error },
  );
}

/** The error event that ended a stream, as an `ApiError`, or `undefined` if `body` is none. */
export function streamError(at: string, body: unknown): ApiError | undefined {
  const words = errorOf(body);
  if (!words) return undefined;
  return new ApiError(`${at}: the stream ended with an error: ${words.message.replace(/\.$/, '')}.`, {
    status: STATUS_OF[words.type ?? ''] ?? 500,
    requestId: undefined,
    body,
    detail: words.message,
  });
}
