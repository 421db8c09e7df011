/**
 * Resolves with `performance.now()` just after the next frame is painted: a message posted from a
 * `requestAnimationFrame` callback is handled after that frame's paint.
 */
export function nextPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });
}
