import { countRenders } from './devtoolsHook';
import { nextPaint } from './paint';

export interface Keystroke {
  /** ms from keydown to the end of the form's handling of the key (its render and commit). */
  handledMs: number;
  /** ms from keydown to the first paint after it. */
  paintMs: number;
  /** Components React rendered for the key, once `countRenders` was called; else null. */
  renders: number | null;
}

const strokes: Promise<Keystroke>[] = [];
const waiting: (() => void)[] = [];
let counting = false;

/**
 * From here on, each key also counts the components React renders for it, up to its paint. The count
 * walks the fiber tree in every commit, so keys counted are not the keys timed.
 */
export function countKeystrokeRenders(): void {
  counting = true;
}

/**
 * From here on, each keydown is timed. The form handles a key within its events: React's `onChange`
 * runs from the root's `input` listener and the render it causes in a microtask queued there, so a
 * microtask queued from a later `input` listener (on window) runs once the commit is done. The frame
 * requested at keydown can only run after that, so its paint is the first that can show the text.
 */
export function timeKeystrokes(): void {
  let handled: (at: number) => void = () => {};
  window.addEventListener('input', () => queueMicrotask(() => handled(performance.now())));
  document.addEventListener(
    'keydown',
    (event) => {
      const start = event.timeStamp;
      const rendered = counting ? countRenders() : null;
      const handledAt = new Promise<number>((resolve) => {
        handled = resolve;
      });
      strokes.push(
        Promise.all([handledAt, nextPaint()]).then(([at, painted]) => ({
          handledMs: at - start,
          paintMs: painted - start,
          renders: rendered?.() ?? null,
        })),
      );
      for (const wake of waiting.splice(0)) wake();
    },
    { capture: true },
  );
}

/** The `n`th keystroke (from 0), once that key has come and been painted. */
export async function keystroke(n: number): Promise<Keystroke> {
  while (!strokes[n]) await new Promise<void>((resolve) => waiting.push(resolve));
  return strokes[n];
}
