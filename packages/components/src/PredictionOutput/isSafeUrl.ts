// Media a browser shows without running anything. SVG is left out: as a document it can run script.
const SAFE_DATA =
  /^(?:image\/(?:png|jpe?g|gif|webp|avif|bmp|x-icon|vnd\.microsoft\.icon)|audio\/[\w.+-]+|video\/[\w.+-]+|text\/plain|application\/(?:json|octet-stream))(?:[;,]|$)/i;

/**
 * Whether `url` may become an `href` or a `src`: http(s), blob, relative URLs, and `data:` URIs of plain media.
 * Parsed the way a browser parses it, so tricks like `java\tscript:` or leading control characters do not pass.
 */
export function isSafeUrl(url: unknown): url is string {
  if (typeof url !== 'string' || !url.trim()) return false;
  let parsed: URL;
  try {
    parsed = new URL(url, 'https://relative.invalid/');
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:') return SAFE_DATA.test(parsed.pathname);
  return ['http:', 'https:', 'blob:'].includes(parsed.protocol);
}

/** Whether a link (not a media source) may point at `url`: safe URLs other than `data:`, and `mailto:`. */
export function isSafeHref(url: string): boolean {
  return /^mailto:[^\s]+$/i.test(url) || (isSafeUrl(url) && !/^\s*data:/i.test(url));
}
