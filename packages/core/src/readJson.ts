import { show, UnexpectedResponseError } from './errors';

/**
 * An answer's text as JSON (`null` when empty). A `2xx` that is not JSON is an
 * `UnexpectedResponseError` (a `baseUrl` that leads to a web page, say); an error's text stays text,
 * for its message.
 */
export function readJson(at: string, res: Response, text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    if (res.ok) {
      throw new UnexpectedResponseError(
        `${at}: expected JSON, got ${show(text.slice(0, 50))}. Check \`baseUrl\`.`,
        {
          path: '',
        },
      );
    }
    return text;
  }
}
