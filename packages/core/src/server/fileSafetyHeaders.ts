/**
 * Types a browser shows by itself, with nothing of the file's own to run: images, audio, video, but
 * not SVG, nor any `+xml` type, which a browser renders as a document (XHTML, and its script).
 */
const MEDIA = /^(image\/(?!svg)|audio\/|video\/)[\w.-]+$/;
/** Of those, what the browser plays in a page of its own. */
const PLAYED = /^(audio|video)\/[\w.-]+$/;

/**
 * The headers that keep a file (a visitor's upload, a model's output) from being opened as a page
 * of the origin that serves it, where an HTML or SVG file's script would run with that origin's
 * cookies and reach its API: the type is taken as sent, never sniffed; the file is sandboxed (no
 * script); and it is saved rather than shown unless it is media. For the proxy's files and the
 * local server's alike.
 */
export function fileSafetyHeaders(contentType: string | null): Record<string, string> {
  // One media type, parameters aside: a browser reads the last of a list (`image/png, text/html`).
  const media = /^\s*([\w.+-]+\/[\w.+-]+)\s*(;[^,]*)?$/.exec(contentType ?? '')?.[1]?.toLowerCase() ?? '';
  return {
    'x-content-type-options': 'nosniff',
    // Audio or video opened by itself plays in a page the browser makes, whose player fetches the
    // file again as that page's media: `default-src 'none'` refuses that, and so does a sandbox's
    // opaque origin, as a cross-origin fetch (Chromium). Those keep their origin and may load
    // themselves; still no script runs, as the sandbox allows none.
    'content-security-policy': PLAYED.test(media)
      ? "sandbox allow-same-origin; default-src 'none'; media-src 'self'"
      : "sandbox; default-src 'none'",
    ...(MEDIA.test(media) ? {} : { 'content-disposition': 'attachment' }),
  };
}
