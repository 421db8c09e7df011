import { useSyncExternalStore } from 'react';

export type Theme = 'system' | 'light' | 'dark';

export interface Settings {
  /** Where the API is: `/v1` (the local server, through the dev server) or a proxy's URL. Never a token. */
  apiBase: string;
  theme: Theme;
}

const KEY = 'predictkit-playground:settings';
export const DEFAULT_SETTINGS: Settings = { apiBase: '/v1', theme: 'system' };

const listeners = new Set<() => void>();
let cached: Settings | undefined;

/** A same-origin path or an http(s) URL; anything else is refused with a reason. */
export function checkApiBase(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed.startsWith('/')) return undefined;
  try {
    const url = new URL(trimmed);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return url.username || url.password || url.search
        ? 'Use a plain URL, without credentials or a query.'
        : undefined;
    }
  } catch {
    // fall through
  }
  return 'Enter a path on this site such as /v1, or an http(s) URL such as http://127.0.0.1:8788/v1.';
}

function read(): Settings {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Settings>;
    const apiBase =
      typeof stored.apiBase === 'string' && !checkApiBase(stored.apiBase)
        ? stored.apiBase
        : DEFAULT_SETTINGS.apiBase;
    const theme = stored.theme === 'light' || stored.theme === 'dark' ? stored.theme : 'system';
    return { apiBase, theme };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function getSettings(): Settings {
  cached ??= read();
  return cached;
}

export function saveSettings(next: Partial<Settings>): void {
  cached = { ...getSettings(), ...next };
  localStorage.setItem(KEY, JSON.stringify(cached));
  applyTheme(cached.theme);
  for (const listener of listeners) listener();
}

export function useSettings(): Settings {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSettings,
    () => DEFAULT_SETTINGS,
  );
}

/** `system` leaves the choice to `prefers-color-scheme`; the components' CSS reads `data-theme`. */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', theme);
}

/** The API base as an absolute URL, as the client needs it. */
export function absoluteApiBase(apiBase: string): string {
  return new URL(apiBase, window.location.origin).href.replace(/\/+$/, '');
}
