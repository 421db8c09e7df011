import type { FetchLike } from '../index';

/**
 * `handler` as a browser reaches it: the cookies the proxy sets are kept by name and sent back with
 * every later request, and one set with `Max-Age=0` is dropped, as a browser's cookie jar would.
 */
export function withCookies(handler: FetchLike): FetchLike & { jar: Map<string, string> } {
  const jar = new Map<string, string>();
  const fetch = async (request: Request) => {
    const headers = new Headers(request.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await handler(new Request(request, { headers }));
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (attributes.some((a) => a.trim() === 'Max-Age=0')) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return Object.assign(fetch, { jar });
}
