import { show } from './errors';

/**
 * The `Request` for one try. One to a URL off `origin` (Replicate streams from another host; a
 * `urls.stream` a server or proxy got wrong; a path that led off a `baseUrl` without one) carries
 * only the call's own `headers`: never the token or the client's headers.
 */
export function toRequest(
  at: string,
  url: string,
  init: RequestInit,
  origin: string | undefined,
  headers: Record<string, string> = {},
): Request {
  let req: Request;
  try {
    req = new Request(url, init);
  } catch {
    // A URL that no `Request` takes fails alike on every try, and nothing was sent: say so, rather
    // than retry it as a lost connection that "may have arrived".
    throw new TypeError(
      `${at}: cannot request ${show(url)}. Outside a browser, \`baseUrl\` must be an absolute URL.`,
    );
  }
  return origin && new URL(req.url).origin !== origin ? new Request(req, { headers }) : req;
}
