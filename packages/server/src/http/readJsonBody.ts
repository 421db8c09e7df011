import type { Context } from 'hono';
import { HttpError } from './HttpError';

/** Parses the request body as JSON; a malformed one is the API's `422`, never a `500`. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
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
}
