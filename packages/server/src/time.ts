/** ISO-8601 UTC with microseconds, as the API writes timestamps (`2025-08-13T11:48:44.371093Z`). */
export function isoTimestamp(ms: number = Date.now()): string {
  return new Date(ms).toISOString().replace('Z', '000Z');
}

/** An ISO-8601 duration in seconds with millisecond precision (`PT1.532S`). */
export function isoDuration(ms: number): string {
  return `PT${(Math.max(0, ms) / 1000).toFixed(3)}S`;
}
