import { useEffect, useState } from 'react';

/**
 * The current time, refreshed while `active`: every `interval` ms, or after the delay `interval(now)` gives,
 * for a clock whose pace follows what it shows. A new `interval` restarts the clock at once, so pass a
 * function that changes only when the pace should (`useCallback`). Frozen while inactive, so idle views
 * never re-render, and while the page is hidden, where nobody reads it: it catches up when the page shows.
 */
export function useNow(active: boolean, interval: number | ((now: number) => number) = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      clearTimeout(timer);
      if (document.visibilityState === 'hidden') return;
      const at = Date.now();
      setNow(at);
      timer = setTimeout(tick, typeof interval === 'number' ? interval : interval(at));
    };
    tick();
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [active, interval]);
  return now;
}
