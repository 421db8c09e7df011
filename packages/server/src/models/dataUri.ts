/** The bytes and media type of a `data:` URI (RFC 2397), base64 or percent-encoded. */
export function decodeDataUri(uri: string): { bytes: Uint8Array; contentType: string } {
  const match = /^data:([^,]*?)(;base64)?,(.*)$/is.exec(uri);
  if (!match) throw new Error('Not a valid data: URI');
  const [, mediaType = '', base64, payload = ''] = match;
  const contentType = (mediaType.split(';')[0] ?? '').trim().toLowerCase() || 'text/plain';
  if (base64) {
    let binary: string;
    try {
      binary = atob(decodeURIComponent(payload).replace(/\s+/g, ''));
    } catch {
      throw new Error('The data: URI has invalid base64 content');
    }
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return { bytes, contentType };
  }
  return { bytes: percentDecode(payload), contentType };
}

/** A base64 `data:` URI for the bytes. */
export function encodeDataUri(bytes: Uint8Array, contentType: string): string {
  // String.fromCharCode takes its arguments on the stack, so large inputs go in slices.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:${contentType};base64,${btoa(binary)}`;
}

function percentDecode(text: string): Uint8Array {
  const encoder = new TextEncoder();
  const bytes: number[] = [];
  for (const [part] of text.matchAll(/%[0-9a-f]{2}|[^%]+|%/gi)) {
    if (part.length === 3 && part[0] === '%') bytes.push(Number.parseInt(part.slice(1), 16));
    else for (const byte of encoder.encode(part)) bytes.push(byte);
  }
  return Uint8Array.from(bytes);
}
