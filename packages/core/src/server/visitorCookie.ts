/** The anonymous visitor's id: 128 random bits, so that knowing it is what proves being that visitor. */
export const VISITOR_COOKIE = 'predictkit_visitor';

const ID = /^[0-9a-f]{32}$/;

/** The visitor id the browser sent, if it is one this proxy could have given out. */
export function readVisitorCookie(request: Request): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === VISITOR_COOKIE && value && ID.test(value)) return value;
  }
  return undefined;
}

export function mintVisitorId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/**
 * `HttpOnly`, so page script (an injected one included) never reads it; `SameSite=Lax`, so another
 * site's form or `fetch` does not carry it; scoped to the proxy's path.
 */
export const visitorCookie = (id: string, path: string, secure: boolean): string =>
  `${VISITOR_COOKIE}=${id}; Path=${path}; Max-Age=31536000; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
