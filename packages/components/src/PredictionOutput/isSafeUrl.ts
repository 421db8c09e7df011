// Media a browser shows without running anything. SVG is left out: as a document it can run script.
const SAFE_DATA =
  /^(?:image\/(?:png|jpe?g|gif|webp|avif|bmp|x-icon|vnd\.microsoft\.icon)|audio\/[\w.+-]+|video\/[\w.+-]+|text\/plain|application\/(?:json|octet-stream))(?:[;,]|$)/i;

// Two made-up pages that differ in scheme, host and port. An absolute URL leads to the same place from
// both; a relative one takes at least the scheme of the page it sits on, so it never does.
const PAGES = [new URL('https://a.page.invalid/d/p'), new URL('http://b.page.invalid:8080/d/p')] as const;

// `URL.parse` would do, but the browsers Vite builds for by default predate it.
function parse(url: string, base?: URL): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

/**
 * Where `url` leads, parsed the way a browser parses it (tabs and newlines dropped, leading control
 * characters trimmed): `null` when it is no URL, or when it leaves the page although it is written as
 * relative (`//host`, `https:host` on an http page).
 */
function target(url: unknown): URL | null {
  if (typeof url !== 'string' || !url.trim()) return null;
  // Only an http(s) URL can lean on the page it sits on (`https:host`); any other scheme stands alone,
  // and a large `data:` URI is parsed once.
  const own = parse(url);
  if (own && own.protocol !== 'http:' && own.protocol !== 'https:') return own;
  // Browsers read a backslash before the query as a slash in http(s) URLs. No server names a file that way;
  // a URL that needs the fix-up (`/\evil.example`, `https:\\evil.example`) is a disguise.
  if (/^[^?#]*\\/.test(url)) return null;
  const a = parse(url, PAGES[0]);
  const b = parse(url, PAGES[1]);
  if (!a || !b) return null;
  // `https://trusted.example@evil.example` reads as one host and leads to another; Chrome refuses to load a
  // source with credentials anyway.
  if (a.username || a.password) return null;
  if (a.href === b.href) return a;
  return a.origin === PAGES[0].origin && b.origin === PAGES[1].origin ? a : null;
}

/** Where `url` leads if it may become an `href` or a `src`: the one rule behind both checks below. */
function safeTarget(url: unknown): URL | null {
  const to = target(url);
  if (!to) return null;
  if (to.protocol === 'data:') return SAFE_DATA.test(to.pathname) ? to : null;
  return ['http:', 'https:', 'blob:'].includes(to.protocol) ? to : null;
}

/**
 * Whether `url` may become an `href` or a `src`. An absolute URL passes with a safe scheme: http(s), blob, or
 * `data:` of plain media. A relative URL passes only if it stays on the page's own origin wherever it is
 * resolved: `/files/a.png` and `a.png` do, `//evil.example/a.png` and `/\evil.example` do not.
 * Tricks such as `java\tscript:` or leading control characters do not pass.
 */
export function isSafeUrl(url: unknown): url is string {
  return safeTarget(url) !== null;
}

/** Whether a link (not a media source) may point at `url`: safe URLs other than `data:`, and `mailto:`. */
export function isSafeHref(url: string): boolean {
  if (/^mailto:[^\s]+$/i.test(url)) return true;
  // A `data:` URI is offered as a download, never as a link: Chrome refuses to open one as a page.
  const to = safeTarget(url);
  return to !== null && to.protocol !== 'data:';
}
