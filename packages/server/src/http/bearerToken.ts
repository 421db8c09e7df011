/** The token of an `Authorization: Bearer <token>` header (scheme in any case), or `undefined`. */
export function bearerToken(header: string | undefined): string | undefined {
  const token = header && /^Bearer\s+(.+)$/i.exec(header.trim())?.[1]?.trim();
  return token || undefined;
}
