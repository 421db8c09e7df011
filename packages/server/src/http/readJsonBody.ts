import type { Context } from 'hono';
import { measureJson } from '../validation/measureJson';
import { HttpError } from './HttpError';
import { MAX_BODY_DEPTH, MAX_BODY_VALUES, MAX_INPUT_DEPTH } from './limits';

/**
 * Parses the request body as JSON; a malformed one is the API's `422`, never a `500`. A body nested
 * deeper than the limit is a `422` too, and one of too many values a `413`: both are refused here,
 * before anything is created from them.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return null;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    throw new HttpError(422, [
      {
        loc: ['body', position === undefined ? 0 : Number(position)],
        msg: `JSON decode error: ${error instanceof Error ? error.message : String(error)}`,
        type: 'json_invalid',
      },
    ]);
  }
  const { tooDeepAt, tooMany } = measureJson(body, MAX_BODY_DEPTH, MAX_BODY_VALUES);
  if (tooDeepAt) {
    throw new HttpError(422, [
      {
        loc: ['body', ...tooDeepAt],
        msg: `Input should be nested at most ${MAX_INPUT_DEPTH} levels deep (objects and arrays, counting \`input\` itself)`,
        type: 'too_deep',
      },
    ]);
  }
  if (tooMany) {
    throw new HttpError(
      413,
      `Request body too large: it holds more than ${MAX_BODY_VALUES.toLocaleString('en-US')} JSON values (objects, arrays, strings, numbers…). Send large data as one string, such as a data: URI.`,
    );
  }
  return body;
}
