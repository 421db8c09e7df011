/**
 * `url` resolved against the page in a browser (its `<base href>` if it has one), or `undefined`
 * where it cannot be.
 */
export function resolveUrl(url: string): URL | undefined {
  try {
    return new URL(url, globalThis.document?.baseURI ?? globalThis.location?.href);
  } catch {}
}
