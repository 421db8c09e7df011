/** `url` resolved against the page in a browser, or `undefined` where it cannot be. */
export function resolveUrl(url: string): URL | undefined {
  try {
    return new URL(url, globalThis.location?.href);
  } catch {}
}
