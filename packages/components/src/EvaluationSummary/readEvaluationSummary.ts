import { isRecord } from '@predictkit/core/schema';

/** One scorer's result in a run: the mean of numbers, or how many of a boolean's values were true. */
export type SummaryMetric =
  | { kind: 'mean'; mean: number }
  /** `total` is how many values there were, when it can be told: `true_count / true_fraction`. */
  | { kind: 'fraction'; count: number; fraction: number; total?: number };

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function metric(value: unknown): SummaryMetric | null {
  if (finite(value)) return { kind: 'mean', mean: value };
  if (!isRecord(value)) return null;
  if (finite(value.mean)) return { kind: 'mean', mean: value.mean };
  const { true_count: count, true_fraction: fraction } = value;
  if (!finite(count) || !finite(fraction)) return null;
  // A fraction of 0 says nothing of how many there were.
  return { kind: 'fraction', count, fraction, ...(fraction > 0 && { total: Math.round(count / fraction) }) };
}

/**
 * A run's summary as Weave writes it, read into one metric per scorer: `{ mean }` (or a plain number) and
 * `{ true_count, true_fraction }`. A scorer that returned an object is summarised field by field in Weave,
 * so its fields become `scorer.field`. Anything else (text, `null`, a mix Weave left out) is skipped.
 */
export function readEvaluationSummary(summary: unknown, prefix = ''): Map<string, SummaryMetric> {
  const out = new Map<string, SummaryMetric>();
  if (!isRecord(summary)) return out;
  for (const [key, value] of Object.entries(summary)) {
    const m = metric(value);
    if (m) out.set(prefix + key, m);
    else for (const [k, v] of readEvaluationSummary(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}
