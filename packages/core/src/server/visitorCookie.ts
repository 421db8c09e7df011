/**
 * The anonymous visitor's id: 128 random bits, so that knowing it is what proves being that visitor.
 * Each is set under a name of its own (`predictkit_visitor_<its first 8 digits>`): creates a new
 * visitor sends at once each get an id before the browser holds any, and under one name all but
 * the last would be overwritten, with the predictions they made.
 */
export const VISITOR_COOKIE = 'predictkit_visitor';

const ID = /^[0-9a-f]{32}$/;

/** More than a page sends at once before its first answer; a header stuffed with ids is cut here. */
const MAX_SENT = 8;

/**
 * The visitor ids the browser sent, as `[cookie name, id]`, least id first (so that requests sent
 * at once agree on which one to keep): one, normally; only those this proxy could have given out.
 */
export function readVisitorCookies(request: Request): [name: string, id: string][] {
  const sent: [string, string][] = [];
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [name = '', value = ''] = part.trim().split('=');
    const ours = name === VISITOR_COOKIE || name.startsWith(`${VISITOR_COOKIE}_`);
    if (ours && ID.test(value) && sent.length < MAX_SENT) sent.push([name, value]);
  }
  return sent.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}

export function mintVisitorId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/**
 * `HttpOnly`, so page script (an injected one included) never reads it; `SameSite=Lax`, so another
 * site's form or `fetch` does not carry it; scoped to the proxy's path. Without `id`, the cookie
 * `name` is expired.
 */
export const visitorCookie = (name: string, id: string | undefined, path: string, secure: boolean): string =>
  `${name}=${id ?? ''}; Path=${path}; Max-Age=${id ? 31536000 : 0}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

/** The name a newly minted id is set under. */
export const visitorCookieName = (id: string): string => `${VISITOR_COOKIE}_${id.slice(0, 8)}`;
