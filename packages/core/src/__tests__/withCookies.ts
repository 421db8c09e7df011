import type { FetchLike } from '../index';

/**
 * `handler` as a browser reaches it: the visitor cookie the proxy sets is kept and sent back with
 * every later request, as a browser's cookie jar would.
 */
export function withCookies(handler: FetchLike): FetchLike {
  let cookie = '';
  return async (request) => {
    const headers = new Headers(request.headers);
    if (cookie) headers.set('cookie', cookie);
    const response = await handler(new Request(request, { headers }));
    cookie = response.headers.getSetCookie()[0]?.split(';')[0] ?? cookie;
    return response;
  };
}
