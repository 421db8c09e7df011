import { invalid } from '../errors';
import type { WeaveSummary } from './types';

/** A scorer's value: a number, or a pass/fail. */
export type ScoreValue = number | boolean;

/**
 * The summary Weave shows for a run, from each prediction's scores by scorer name: numbers by their
 * `mean`; booleans by `true_count` and `true_fraction`. A missing score (`undefined`) is left out;
 * a scorer that gave both kinds, or none, has no summary, as Weave's own summary does.
 */
export function summarizeScores(rows: readonly Record<string, ScoreValue | undefined>[]): WeaveSummary {
  const at = 'summarizeScores';
  if (!Array.isArray(rows)) throw invalid(at, 'rows', 'an array of { scorer: value } objects', rows);
  const values = new Map<string, ScoreValue[]>();
  rows.forEach((row, i) => {
    if (!row || typeof row !== 'object') throw invalid(at, `rows[${i}]`, 'an object', row);
    for (const [name, value] of Object.entries(row)) {
      if (value === undefined) continue;
      if (typeof value !== 'boolean' && !Number.isFinite(value)) {
        throw invalid(at, `rows[${i}].${name}`, 'a finite number or a boolean', value);
      }
      values.set(name, [...(values.get(name) ?? []), value as ScoreValue]);
    }
  });
  const summary: WeaveSummary = {};
  for (const [name, list] of values) {
    if (list.every((v) => typeof v === 'number')) {
      summary[name] = { mean: (list as number[]).reduce((a, b) => a + b, 0) / list.length };
    } else if (list.every((v) => typeof v === 'boolean')) {
      const trues = list.filter(Boolean).length;
      summary[name] = { true_count: trues, true_fraction: trues / list.length };
    }
  }
  return summary;
}
