import type { Context } from 'hono';
import type { HttpError } from '../../http/HttpError';
import { chatErrorParts } from './chatErrorParts';
import { chatFormatOf } from './chatFormats';

/**
 * The error answer of a chat route in its format's shape (OpenAI's `{error: {message, type, param,
 * code}}`, Anthropic's `{type: "error", error: {type, message}}`), whatever refused the request:
 * the token, the rate limit, the body, the model or the prediction. `undefined` on other routes.
 */
export function chatErrorResponse(c: Context, error: HttpError, basePath: string): Response | undefined {
  const format = chatFormatOf(basePath, c.req.path);
  if (!format) return undefined;
  const parts = chatErrorParts(error);
  return c.json(format.errorBody(parts), parts.status as never, error.headers);
}
