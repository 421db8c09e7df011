/** Rewrites every complete line as it arrives, so a stream is never held back longer than one line. */
export function rewriteLines(rewrite: (line: string) => string): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  return new TransformStream({
    transform(chunk, controller) {
      pending += decoder.decode(chunk, { stream: true });
      const end = pending.lastIndexOf('\n') + 1;
      if (end) {
        controller.enqueue(encoder.encode(rewrite(pending.slice(0, end))));
        pending = pending.slice(end);
      }
    },
    flush(controller) {
      pending += decoder.decode();
      if (pending) controller.enqueue(encoder.encode(rewrite(pending)));
    },
  });
}
