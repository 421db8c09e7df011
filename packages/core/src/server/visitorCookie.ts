/**
 * The anonymous visitor's cookie. Its id is 128 random bits, so that knowing it is what proves
 * being that visitor, and each id is set under a name of its own (`predictkit_visitor_<its first
 * 8 digits>`): creates a new visitor sends at once each get an id before the browser holds any,
 * and under one name all but the last would be overwritten, with the predictions they made.
 */
export const VISITOR_COOKIE = 'predictkit_visitor';

const ID = /^[0-9a-f]{32}$/;

/** More than a page sends at once before its first answer; a header stuffed with ids is cut here. */
const MAX_SENT = 8;

export interface VisitorCookies {
  /**
   * The visitor ids the browser sent, as `[cookie name, id]`, least id first (so that requests sent
   * at once agree on which one to keep): one, normally. A name sent twice (the same name set for
   * another path or domain) counts once, as the first the browser sent.
   */
  read(request: Request): [name: string, id: string][];
  /** The `Set-Cookie` of a newly minted id. */
  set(id: string): string;
  /** The `Set-Cookie` that deletes the cookie `name`. */
  expire(name: string): string;
}

/**
 * The visitor cookies of a proxy at `path`. `HttpOnly`, so page script (an injected one included)
 * never reads them; `SameSite=Lax`, so another site's form or `fetch` does not carry them. On https
 * (`secure`) they are `__Host-` cookies: `Secure`, on the whole host, and a browser takes one only
 * from this very origin, so no sibling subdomain and no plain-http page can plant an id of its own
 * in a visitor's browser (which could have them take over the visitor's predictions). Elsewhere
 * (plain http, in development) they are scoped to `path`, without that protection.
 */
export function visitorCookies(secure: boolean, path: string): VisitorCookies {
  const prefix = `${secure ? '__Host-' : ''}${VISITOR_COOKIE}_`;
  const attributes = `Path=${secure ? '/' : path}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  return {
    read(request) {
      const sent = new Map<string, string>();
      for (const part of (request.headers.get('cookie') ?? '').split(';')) {
        const [name = '', value = ''] = part.trim().split('=');
        const valid = name.startsWith(prefix) && ID.test(value) && !sent.has(name);
        if (valid && sent.size < MAX_SENT) sent.set(name, value);
      }
      return [...sent].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    },
    set: (id) => `${prefix}${id.slice(0, 8)}=${id}; Max-Age=31536000; ${attributes}`,
    expire: (name) => `${name}=; Max-Age=0; ${attributes}`,
  };
}

export function mintVisitorId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}
