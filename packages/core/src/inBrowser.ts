/**
 * Whether this runs where every visitor can read what it holds: a page (a `document`: Deno has a
 * `window` alone) or a web worker (`importScripts`, which no server runtime has, edge ones
 * included).
 */
export const inBrowser = (): boolean => typeof document !== 'undefined' || 'importScripts' in globalThis;
