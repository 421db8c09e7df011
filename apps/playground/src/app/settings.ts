import { useSyncExternalStore } from 'react';

export type Theme = 'system' | 'light' | 'dark';

/** The API the playground speaks: each has its own provider, and its own path on the local server. */
export type Service = 'wriftai' | 'replicate';

export const SERVICES: readonly { value: Service; label: string; localApiBase: string }[] = [
  { value: 'wriftai', label: 'WriftAI', localApiBase: '/v1' },
  { value: 'replicate', label: 'Replicate', localApiBase: '/replicate/v1' },
];

export const serviceLabel = (service: Service): string =>
  SERVICES.find((s) => s.value === service)?.label ?? service;

export const localApiBase = (service: Service): string =>
  SERVICES.find((s) => s.value === service)?.localApiBase ?? '/v1';

export interface Settings {
  service: Service;
  /**
   * Where each service's API is: the local server's path (through the dev server), a same-origin
   * proxy, or another server's URL. Never a token.
   */
  apiBases: Record<Service, string>;
  /**
   * Log finished predictions and feedback to Weave: the playground then reaches the service
   * through its own server (`/app/{service}`), whose proxy holds the W&B key and records them.
   */
  weave: boolean;
  theme: Theme;
}

const KEY = 'predictkit-playground:settings';
export const DEFAULT_SETTINGS: Settings = {
  service: 'wriftai',
  apiBases: { wriftai: localApiBase('wriftai'), replicate: localApiBase('replicate') },
  weave: false,
  theme: 'system',
};

const listeners = new Set<() => void>();
let cached: Settings | undefined;

/** The path of the playground's own server for a service: its proxy, which logs to Weave. */
export const appApiBase = (service: Service): string => `/app/${service}`;

/** The current service's API base: its proxy on the playground's server when logging to Weave. */
export const apiBaseOf = (settings: Settings): string =>
  settings.weave ? appApiBase(settings.service) : settings.apiBases[settings.service];

const pathOf = (value: string) => {
  try {
    return new URL(value, 'http://playground.local').pathname.replace(/\/+$/, '');
  } catch {
    return value;
  }
};

/**
 * A same-origin path or an http(s) URL; anything else is refused with a reason, and so is the local
 * server's path of the other service, which would answer in a shape this one cannot read.
 */
export function checkApiBase(value: string, service: Service = 'wriftai'): string | undefined {
  const trimmed = value.trim();
  const other = SERVICES.find((s) => s.value !== service && pathOf(trimmed) === s.localApiBase);
  if (other && trimmed.startsWith('/')) {
    return `${other.localApiBase} is the local server’s ${other.label} API; ${serviceLabel(service)}’s is ${localApiBase(service)}.`;
  }
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
  return `Enter a path on this site such as ${localApiBase(service)}, or an http(s) URL such as http://127.0.0.1:8788${localApiBase(service)}.`;
}

function read(): Settings {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Settings> & {
      /** Written before the playground spoke more than WriftAI's API. */
      apiBase?: unknown;
    };
    const service = SERVICES.some((s) => s.value === stored.service)
      ? (stored.service as Service)
      : DEFAULT_SETTINGS.service;
    const saved = { wriftai: stored.apiBase, ...stored.apiBases } as Record<Service, unknown>;
    const apiBases = Object.fromEntries(
      SERVICES.map(({ value }) => {
        const base = saved[value];
        const usable = typeof base === 'string' && !checkApiBase(base, value);
        return [value, usable ? base : DEFAULT_SETTINGS.apiBases[value]];
      }),
    ) as Record<Service, string>;
    const theme = stored.theme === 'light' || stored.theme === 'dark' ? stored.theme : 'system';
    return { service, apiBases, weave: stored.weave === true, theme };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function getSettings(): Settings {
  cached ??= read();
  return cached;
}

export function saveSettings(next: Partial<Settings>): void {
  const current = getSettings();
  cached = { ...current, ...next, apiBases: { ...current.apiBases, ...next.apiBases } };
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
