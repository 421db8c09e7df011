import { LOCAL_USER } from '../../localUser';
import { hmacSha256, toBase64 } from '../../sha256';

/**
 * Capability URLs, as Replicate's own: a prediction's stream and a file's download work without
 * the bearer token (the official client sends none to them), because each carries a signature only
 * this server can make. Downloads follow Replicate's documented form: `owner`, `expiry` (Unix
 * seconds) and `signature` = base64(HMAC-SHA256("{owner} {id} {expiry}")).
 */

/** How long a download URL in a prediction's output stays valid: files here do not expire. */
const OUTPUT_URL_SECONDS = 365 * 24 * 60 * 60;

const base64url = (bytes: Uint8Array) =>
  toBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const downloadSignature = (key: Uint8Array, owner: string, id: string, expiry: number) =>
  toBase64(hmacSha256(key, `${owner} ${id} ${expiry}`));

const streamSignature = (key: Uint8Array, id: string) => base64url(hmacSha256(key, `stream ${id}`));

/** A file's download URL, valid a year from `from` (ms): stable, so an output reads the same each time. */
export function downloadUrl(base: string, key: Uint8Array, id: string, from: number): string {
  const expiry = Math.floor(from / 1000) + OUTPUT_URL_SECONDS;
  const owner = LOCAL_USER.username;
  const query = new URLSearchParams({
    expiry: String(expiry),
    owner,
    signature: downloadSignature(key, owner, id, expiry),
  });
  return `${base}/files/${id}/download?${query}`;
}

/** Whether a download URL's query is one this server signed for `id`, and has not expired. */
export function downloadAllowed(key: Uint8Array, id: string, query: URLSearchParams): boolean {
  const expiry = Number(query.get('expiry'));
  const owner = query.get('owner') ?? '';
  const signature = query.get('signature') ?? '';
  if (!Number.isInteger(expiry) || expiry * 1000 < Date.now()) return false;
  return sameText(signature, downloadSignature(key, owner, id, expiry)) && owner === LOCAL_USER.username;
}

export function streamUrl(base: string, key: Uint8Array, id: string): string {
  return `${base}/predictions/${id}/stream?signature=${streamSignature(key, id)}`;
}

export function streamAllowed(key: Uint8Array, id: string, signature: string): boolean {
  return sameText(signature, streamSignature(key, id));
}
