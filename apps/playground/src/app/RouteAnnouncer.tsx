import { useEffect, useRef, useState } from 'react';
import { useLocation } from './router';

/** How long a page may take to show its heading before focus goes to the main region instead. */
const WAIT_MS = 3000;

/**
 * After an in-page navigation, what a full page load would do for a keyboard or screen reader user:
 * focus moves to the new page's main heading (not left on `<body>`), and the page's title is announced.
 * Not on the first load, where the browser's own reading of the page applies.
 */
export function RouteAnnouncer() {
  const { pathname } = useLocation();
  const [message, setMessage] = useState('');
  const last = useRef(pathname);
  useEffect(() => {
    if (last.current === pathname) return;
    last.current = pathname;
    const started = Date.now();
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      const main = document.getElementById('main');
      const heading = main?.querySelector<HTMLElement>('h1');
      if (!heading && Date.now() - started < WAIT_MS) {
        frame = requestAnimationFrame(settle);
        return;
      }
      const target = heading ?? main;
      if (target) {
        if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
        target.focus({ preventScroll: true });
      }
      // Emptied first, so that a title read before (back to the same page) is read again.
      setMessage('');
      timer = setTimeout(() => setMessage(document.title), 100);
    };
    frame = requestAnimationFrame(settle);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [pathname]);
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="route-announcer">
      {message}
    </p>
  );
}
