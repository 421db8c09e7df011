/**
 * Whether this runs where every visitor can read what it holds: a page (a `window` with a
 * `document`; Deno has a `window` alone) or a web worker (`importScripts`, which no server runtime
 * has, edge ones included).
 */
export const inBrowser = (): boolean =>
  (typeof window !== 'undefined' && typeof document !== 'undefined') ||
  typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';
