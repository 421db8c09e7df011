/**
 * The request body, or `undefined` when it is over `max` bytes: by its `content-length`, or by
 * counting as it arrives, so a body that lies about its length is cut off all the same.
 */
export async function readCapped(request: Request, max: number): Promise<Uint8Array | undefined> {
  if (Number(request.headers.get('content-length')) > max) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    // Not every runtime ends the body of a request whose client left: its signal always says so.
    // Not awaited: a body that is one branch of a tee settles its cancel only with the other's.
    const stop = () => void reader.cancel().catch(() => {});
    request.signal.addEventListener('abort', stop);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > max) {
          stop();
          return undefined;
        }
        chunks.push(value);
      }
    } finally {
      request.signal.removeEventListener('abort', stop);
    }
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}
