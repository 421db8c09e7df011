const encoder = new TextEncoder();

/** HMAC-SHA256 of `prefix` (text) followed by `body` (the raw bytes, never re-encoded). */
export async function hmacSha256(
  key: Uint8Array,
  prefix: string,
  body: string | Uint8Array,
): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    key as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const head = encoder.encode(prefix);
  const raw = typeof body === 'string' ? encoder.encode(body) : body;
  const message = new Uint8Array(head.length + raw.length);
  message.set(head, 0);
  message.set(raw, head.length);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, message));
}
