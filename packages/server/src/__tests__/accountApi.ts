import type { TestApi } from './testServer';

/** JSON requests as one account (its token), for tests that need two users side by side. */
export function as(api: TestApi, token: string | undefined) {
  const headers = (extra?: HeadersInit) => ({
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(extra as Record<string, string> | undefined),
  });
  return {
    get: <T = unknown>(path: string) => api.json<T>(path, { headers: headers() }),
    send: <T = unknown>(method: string, path: string, body?: unknown, extra?: HeadersInit) =>
      api.json<T>(path, {
        method,
        headers: headers(extra),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
  };
}
