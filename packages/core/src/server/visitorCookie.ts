import { hmacSha256 } from './hmacSha256';
import { timingSafeEqual } from './timingSafeEqual';
import { toHex } from './toHex';

/**
 * The anonymous visitor's cookie. Its id is 128 random bits, so that knowing it is what proves
 * being that visitor, and each id is set under a name of its own (`predictkit_visitor_<its first
 * 8 digits>`): creates a new visitor sends at once each get an id before the browser holds any,
 * and under one name all but the last would be overwritten, with the predictions they made.
 */
export const VISITOR_COOKIE = 'predictkit_visitor';

/** The id, when it was minted (ms, base 36), and the proxy's HMAC-SHA-256 of both (base64url). */
const VALUE = /^([0-9a-f]{32})\.([0-9a-z]{1,11})\.([\w-]{43})$/;

/** More than a page sends at once before its first answer; a header stuffed with ids is cut here. */
const MAX_SENT = 8;
/** Cookies of this proxy's name read from one request, signed or not: each costs an HMAC. */
const MAX_READ = 32;

/** A visitor id the browser sent, under the cookie `name`, minted at `minted` (ms). */
export interface SentVisitor {
  name: string;
  id: string;
  minted: number;
}

export interface VisitorCookies {
  /**
   * The visitor ids the browser sent that this proxy signed, earliest minted first (so that
   * requests sent at once agree on which one to keep): one, normally. A name sent twice (the same
   * name set for another path or domain) counts once, as the first the browser sent.
   */
  read(request: Request): Promise<SentVisitor[]>;
  /** The `Set-Cookie` of an id minted now. */
  set(id: string): Promise<string>;
  /** The `Set-Cookie` that deletes the cookie `name`. */
  expire(name: string): string;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

/**
 * The visitor cookies of a proxy at `path`, signed with `secret()` (HMAC-SHA-256): the proxy
 * takes only the ids it minted, so that no id can be made up (one that sorts first, or a fresh one
 * per request that fills the ownership store). `HttpOnly`, so page script (an injected one
 * included) never reads them; `SameSite=Lax`, so another site's form or `fetch` does not carry
 * them. On https (`secure`) they are `__Host-` cookies: `Secure`, on the whole host, and a browser
 * takes one only from this very origin, so no sibling subdomain and no plain-http page can plant an
 * id in a visitor's browser. Elsewhere (plain http, in development) they are scoped to `path`, and
 * a page on another port of the same host can plant one that this proxy minted for it.
 */
export function visitorCookies(secure: boolean, path: string, secret: () => string): VisitorCookies {
  const prefix = `${secure ? '__Host-' : ''}${VISITOR_COOKIE}_`;
  const attributes = `Path=${secure ? '/' : path}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  const sign = async (id: string, minted: string) =>
    base64url(
      await hmacSha256(new TextEncoder().encode(secret()), 'predictkit visitor cookie.', `${id}.${minted}`),
    );
  return {
    async read(request) {
      const sent = new Map<string, string>();
      for (const part of (request.headers.get('cookie') ?? '').split(';')) {
        const [name = '', value = ''] = part.trim().split('=');
        if (name.startsWith(prefix) && VALUE.test(value) && !sent.has(name) && sent.size < MAX_READ) {
          sent.set(name, value);
        }
      }
      // Signed ones only count towards the cap: cookies signed with another key (a token since
      // changed) or planted ones cannot hide the visitor's own.
      const visitors: SentVisitor[] = [];
      for (const [name, value] of sent) {
        const [, id = '', minted = '', mac = ''] = VALUE.exec(value)!;
        if (visitors.length < MAX_SENT && timingSafeEqual(mac, await sign(id, minted))) {
          visitors.push({ name, id, minted: Number.parseInt(minted, 36) });
        }
      }
      return visitors.sort((a, b) => a.minted - b.minted || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    async set(id) {
      const minted = Date.now().toString(36);
      return `${prefix}${id.slice(0, 8)}=${id}.${minted}.${await sign(id, minted)}; Max-Age=31536000; ${attributes}`;
    },
    expire: (name) => `${name}=; Max-Age=0; ${attributes}`,
  };
}

export function mintVisitorId(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}
