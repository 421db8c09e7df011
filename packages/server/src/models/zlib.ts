/**
 * zlib-format deflate and inflate through the platform's Compression Streams, which Node and every
 * current browser ship natively, so the demo models need no compression library.
 */
export function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new CompressionStream('deflate'));
}

export function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new DecompressionStream('deflate'));
}

async function pipe(
  bytes: Uint8Array,
  transform: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const writer = transform.writable.getWriter();
  // Writing and reading run together: a large input would otherwise stall on backpressure.
  const [, output] = await Promise.all([
    writer.write(new Uint8Array(bytes)).then(() => writer.close()),
    new Response(transform.readable).arrayBuffer(),
  ]);
  return new Uint8Array(output);
}
