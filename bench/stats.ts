/** Order statistics for bench figures: every figure is a median, shown with its spread. */

/** The `q` quantile (0..1) with linear interpolation between the closest ranks; NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const low = Math.floor(at);
  const high = Math.ceil(at);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (at - low);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);
export const p95 = (values: readonly number[]): number => quantile(values, 0.95);

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  q1: number;
  q3: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    median: median(values),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
  };
}

/** A number with as many digits as it deserves: 1234, 12.3, 1.23, 0.012. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 100 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toFixed(digits);
}

/** `median (min–max)`; a single run, or runs that all agree, show the median alone. */
export function formatSpread(
  values: readonly number[],
  format: (n: number) => string = formatNumber,
): string {
  const s = summarize(values);
  const [mid, low, high] = [format(s.median), format(s.min), format(s.max)];
  return s.n < 2 || low === high ? mid : `${mid} (${low}–${high})`;
}
