import { sha256 } from '../../sha256';

/** JSON with every object's keys sorted, so that equal content is equal text whatever its key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The digest that names an object version: SHA-256 of its content, in base64url without padding and
 * with `-` and `_` written `X` and `Y`, as Weave writes its digests (letters and digits only, so a
 * digest never needs escaping in a ref or a path). The same content is always the same version.
 */
export function contentDigest(content: unknown): string {
  const bytes = sha256(canonicalJson(content));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, '').replaceAll('+', 'X').replaceAll('/', 'Y');
}
