import { checkOptions, WATCH_OPTIONS } from '../checkOptions';
import type { Client } from '../createClient';
import { followPrediction, type WatchOptions } from '../followPrediction';
import type { Prediction } from '../types';
import { streamPrediction } from './streamPrediction';

/**
 * Each new snapshot until the prediction is terminal, the latest first; leaving the loop stops
 * following, and so does `return()` or `throw()` even before the loop starts. It follows
 * `urls.stream` when there is one (`stream: false` polls instead), and polls otherwise.
 * It starts at once: the first `next()` gets the newest snapshot by then.
 */
export function watchPrediction<TInput = Record<string, unknown>, TOutput = unknown>(
  client: Client,
  target: string | Prediction<TInput, TOutput>,
  options: WatchOptions = {},
): AsyncGenerator<Prediction<TInput, TOutput>, void, undefined> {
  type P = Prediction<TInput, TOutput>;
  checkOptions('watchPrediction', options, WATCH_OPTIONS);
  const queue: P[] = [];
  let latest: P | undefined;
  let iterating = false;
  let ended = false;
  let closed = false;
  let wake = () => {};
  const { result, stop } = followPrediction<P>(
    client,
    target,
    { ...options, stream: options.stream ?? streamPrediction },
    (event) => {
      // A snapshot that only clears a transient failure is not new.
      if (event.type === 'snapshot' && event.prediction !== latest) {
        latest = event.prediction;
        // Until the first `next()`, only the newest waits for it: nothing piles up unread.
        if (!iterating) queue.length = 0;
        queue.push(latest);
      }
      wake();
    },
  );
  const end = () => {
    ended = true;
    wake();
  };
  result.then(end, end);
  const generator = (async function* () {
    iterating = true;
    for (;;) {
      const next = queue.shift();
      if (next) yield next;
      // Once the follow is over, its result says how: the final prediction, or the error to throw;
      // a caller who closed the generator while a `next()` was pending gets the end, not the abort.
      else if (ended) return void (closed || (await result));
      else
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
    }
  })();
  // Leaving a `for await` loop early calls `return()`; a caller may call it, or `throw()`, before the
  // first `next()`, when a generator's own `finally` would not run: the follow stops here instead.
  for (const key of ['return', 'throw'] as const) {
    const close = generator[key].bind(generator) as (value?: unknown) => Promise<never>;
    generator[key] = (value) => {
      closed = true;
      stop();
      return close(value);
    };
  }
  return generator;
}
