import { useSyncExternalStore } from 'react';

/** A tiny history router: the playground has six routes and needs no more than this. */

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(to: string, { replace = false } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  window.history[replace ? 'replaceState' : 'pushState'](null, '', to);
  window.scrollTo(0, 0);
  notify();
}

/**
 * Rewrites the address's query in place (no new history entry, no scroll), for state that belongs in
 * the address, such as a form's input; `null` values leave it.
 */
export function replaceSearch(values: Record<string, string | null>): void {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(values)) {
    if (value === null) url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  const next = url.pathname + url.search;
  if (next === window.location.pathname + window.location.search) return;
  window.history.replaceState(window.history.state, '', next);
  notify();
}

export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(
    subscribe,
    () => window.location.pathname + window.location.search,
    () => '/',
  );
  const url = new URL(href, 'http://playground.local');
  return { pathname: url.pathname, search: url.searchParams };
}

export type Route =
  | { name: 'gallery' }
  | { name: 'model'; owner: string; model: string }
  | { name: 'history' }
  | { name: 'prediction'; id: string }
  | { name: 'settings' }
  | { name: 'evaluations' }
  | { name: 'not-found' };

export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'gallery' };
  if (parts[0] === 'models' && parts.length === 3)
    return { name: 'model', owner: parts[1] as string, model: parts[2] as string };
  if (parts[0] === 'predictions' && parts.length === 1) return { name: 'history' };
  if (parts[0] === 'predictions' && parts.length === 2) return { name: 'prediction', id: parts[1] as string };
  if (parts[0] === 'settings' && parts.length === 1) return { name: 'settings' };
  if (parts[0] === 'evaluations' && parts.length === 1) return { name: 'evaluations' };
  return { name: 'not-found' };
}
