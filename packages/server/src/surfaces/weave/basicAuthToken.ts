/**
 * The token of an `Authorization: Basic base64(api:<token>)` header (scheme in any case), as Weave's
 * clients send their W&B API key, or `undefined`. Only the user `api` names a token, as at W&B.
 */
export function basicAuthToken(header: string | undefined): string | undefined {
  const encoded = header && /^Basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(header.trim())?.[1];
  if (!encoded) return undefined;
  let decoded: string;
  try {
    // the password is UTF-8 on the wire (RFC 7617), while atob answers one character per byte
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(atob(encoded), (ch) => ch.charCodeAt(0)),
    );
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.slice(0, colon) !== 'api') return undefined;
  return decoded.slice(colon + 1) || undefined;
}
