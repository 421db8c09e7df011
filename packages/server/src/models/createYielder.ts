import type { ModelContext } from './types';

/**
 * For CPU-bound loops: returns a function to call between rows or chunks. It throws at once when the
 * prediction was canceled, and every `budgetMs` of work it gives the event loop a turn (through
 * `ctx.sleep(0)`), because a cancel request cannot even arrive while a loop holds the thread.
 */
export function createYielder(
  ctx: Pick<ModelContext, 'signal' | 'sleep'>,
  budgetMs = 15,
): () => Promise<void> {
  let last = performance.now();
  return async () => {
    ctx.signal.throwIfAborted();
    const now = performance.now();
    if (now - last < budgetMs) return;
    await ctx.sleep(0);
    last = performance.now();
  };
}
