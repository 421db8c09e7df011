/** "320ms", "1.5s", "42s", "3m 05s", "2h 04m". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)}s`;
  if (s < 60) return `${Math.floor(s)}s`;
  const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  return `${Math.floor(s / 3600)}h ${pad((s % 3600) / 60)}m`;
}

/** A timestamp in milliseconds; `NaN` when unreadable. */
export function toTime(value: string | number | Date): number {
  return value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31536e6],
  ['month', 2592e6],
  ['week', 6048e5],
  ['day', 864e5],
  ['hour', 36e5],
  ['minute', 6e4],
  ['second', 1e3],
];
let relative: Intl.RelativeTimeFormat | undefined;

/**
 * How long ago something happened: "5 min. ago", "yesterday", "now", in the reader's locale. Never in the
 * future: a time ahead of `now` is a server clock ahead of this one, and reads as "now".
 */
export function formatRelativeTime(value: string | number | Date, now: number): string {
  const diff = Math.min(toTime(value) - now, 0);
  if (Number.isNaN(diff)) return String(value);
  relative ??= new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
  for (const [unit, size] of UNITS) {
    // Whole units that have passed, as a clock counts them: "1 min. ago" until the second minute is over.
    if (Math.abs(diff) >= size || unit === 'second') return relative.format(Math.trunc(diff / size), unit);
  }
  return '';
}

/** "1.2 MB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let n = bytes;
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${i ? n.toFixed(n < 10 ? 1 : 0) : n} ${units[i]}`;
}

/**
 * A version as a heading or a row shows it: WriftAI's number as it is, a version id (Replicate's 64 hex
 * digits) by its first 8, as Replicate's own pages do; `undefined` for none.
 */
export const shortVersion = (version: number | string | undefined): string | undefined =>
  typeof version === 'string' && version.length > 12 ? version.slice(0, 8) : version?.toString();
