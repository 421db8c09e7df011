import { type HTMLAttributes, type ReactNode, useId, useState } from 'react';
import { cx } from '../internal/cx';
import { readEvaluationSummary, type SummaryMetric } from './readEvaluationSummary';

/** An evaluation run: its summary as Weave writes it (`EvaluationRunReadRes.summary`, or `runEvaluation`'s). */
export interface EvaluationSummaryRun {
  id: string;
  label: string;
  summary?: Record<string, unknown> | null;
}

export interface EvaluationSummaryProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  runs: readonly EvaluationSummaryRun[];
  /** The run the others are compared with, controlled (with `onBaselineChange`). */
  baselineId?: string | undefined;
  /** The baseline at first, uncontrolled; the first run without it, as in Weave's comparison. */
  defaultBaselineId?: string | undefined;
  onBaselineChange?: ((id: string) => void) | undefined;
  /** The scorers shown and their order (`scorer` or `scorer.field`); every scorer of any run without it. */
  scorers?: readonly string[] | undefined;
  /** Scorers for which less is better (their differences are colored the other way round). */
  lowerIsBetter?: readonly string[] | undefined;
  caption?: ReactNode;
}

/**
 * A scorer's name (`model_latency`, `judge.correct`) may wrap after each `_`, `.` or `-`, so that a
 * narrow column breaks it there rather than mid-word.
 */
const wrappable = (name: string) =>
  // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one name keep their order.
  name.split(/([_.-])/).flatMap((part, i) => (i % 2 ? [part, <wbr key={i} />] : part));

const numbers = new Map<string, Intl.NumberFormat>();
/** One formatter per set of options, made when first needed. */
function format(n: number, options: Intl.NumberFormatOptions): string {
  const key = JSON.stringify(options);
  const f = numbers.get(key) ?? new Intl.NumberFormat(undefined, options);
  numbers.set(key, f);
  return f.format(n);
}

/** A mean as a person reads it: "0.833", "4.25", "128.4", "1,235". */
function formatMean(n: number, sign?: boolean): string {
  const a = Math.abs(n);
  const digits: Intl.NumberFormatOptions =
    a >= 1000
      ? { maximumFractionDigits: 0 }
      : a >= 100
        ? { maximumFractionDigits: 1 }
        : a >= 1 || a === 0
          ? { maximumFractionDigits: 2 }
          : { maximumSignificantDigits: 3 };
  return format(n, { ...digits, signDisplay: sign ? 'exceptZero' : 'auto' });
}

const percent = (fraction: number) => format(fraction, { style: 'percent', maximumFractionDigits: 1 });

function formatMetric(m: SummaryMetric): string {
  if (m.kind === 'mean') return formatMean(m.mean);
  return `${m.count}${m.total === undefined ? '' : ` / ${m.total}`} (${percent(m.fraction)})`;
}

/** The change from the baseline, or `null` where the two cannot be compared. */
function difference(m: SummaryMetric | undefined, base: SummaryMetric | undefined) {
  if (!m || !base || m.kind !== base.kind) return null;
  // Percentage points for fractions, not a percentage of the baseline: 50% → 75% is +25 pp.
  const raw =
    m.kind === 'mean' ? m.mean - (base as typeof m).mean : (m.fraction - (base as typeof m).fraction) * 100;
  // Rounding leftovers (0.3 - 0.1 - 0.2) are no change.
  const d = Math.abs(raw) < 1e-9 ? 0 : raw;
  return {
    d,
    text:
      m.kind === 'mean'
        ? formatMean(d, true)
        : `${format(d, { maximumFractionDigits: 1, signDisplay: 'exceptZero' })} pp`,
  };
}

/** The bar's length: a fraction as it is; a mean against the largest of its row (or 1, for scores within 0–1). */
function barWidth(m: SummaryMetric, row: (SummaryMetric | undefined)[]): number {
  if (m.kind === 'fraction') return m.fraction;
  const scale = Math.max(1, ...row.map((r) => (r?.kind === 'mean' ? Math.abs(r.mean) : 0)));
  return Math.abs(m.mean) / scale;
}

/**
 * Evaluation runs side by side: each scorer's mean (numbers) or true count and fraction (booleans) per run,
 * with a small bar and the difference from a baseline run that the reader picks.
 */
export function EvaluationSummary({
  runs,
  baselineId,
  defaultBaselineId,
  onBaselineChange,
  scorers,
  lowerIsBetter = ['model_latency'],
  caption = 'Evaluation summary',
  className,
  ...rest
}: EvaluationSummaryProps) {
  const id = useId();
  const [inner, setInner] = useState(defaultBaselineId);
  const wanted = baselineId ?? inner;
  const base = runs.find((r) => r.id === wanted) ?? runs[0];
  const read = runs.map((r) => readEvaluationSummary(r.summary));
  const names = scorers ?? [...new Set(read.flatMap((m) => [...m.keys()]))];
  const baseMetrics = read[runs.indexOf(base as EvaluationSummaryRun)];
  const choose = (next: string) => {
    if (baselineId === undefined) setInner(next);
    onBaselineChange?.(next);
  };
  const compared = runs.length > 1 && base;

  return (
    <div data-slot="evaluation-summary" className={cx('pk', className)} {...rest}>
      {compared && (
        <label data-slot="summary-baseline">
          Baseline
          <select data-slot="select" value={base.id} onChange={(e) => choose(e.target.value)}>
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <section
        data-slot="summary-scroll"
        aria-labelledby={id}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls here, so it must be reachable by keyboard.
        tabIndex={0}
      >
        <table data-slot="summary-table">
          <caption id={id}>
            {caption}
            {compared && <span className="pk-sr-only">, differences from {base.label}</span>}
          </caption>
          <thead>
            <tr>
              <th scope="col">Scorer</th>
              {runs.map((r) => (
                <th key={r.id} scope="col" data-baseline={(compared && r === base) || undefined}>
                  {r.label}
                  {compared && r === base && (
                    <>
                      {' '}
                      <span data-slot="summary-baseline-tag">(baseline)</span>
                    </>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {names.length === 0 && (
              <tr>
                <td colSpan={runs.length + 1}>No scores yet.</td>
              </tr>
            )}
            {names.map((name) => {
              const row = read.map((m) => m.get(name));
              const baseMetric = baseMetrics?.get(name);
              return (
                <tr key={name} data-scorer={name}>
                  <th scope="row">{wrappable(name)}</th>
                  {runs.map((r, i) => {
                    const m = row[i];
                    const diff = compared && r !== base ? difference(m, baseMetric) : null;
                    const better = diff && (lowerIsBetter.includes(name) ? -diff.d : diff.d);
                    return (
                      <td key={r.id} data-kind={m?.kind ?? 'missing'}>
                        {m ? (
                          <>
                            <span data-slot="summary-value">{formatMetric(m)}</span>
                            <span data-slot="summary-bar" aria-hidden="true">
                              <span style={{ width: `${Math.min(1, barWidth(m, row)) * 100}%` }} />
                            </span>
                          </>
                        ) : (
                          <>
                            <span aria-hidden="true">—</span>
                            <span className="pk-sr-only">No value</span>
                          </>
                        )}
                        {diff && (
                          <span
                            data-slot="summary-diff"
                            data-change={better ? (better > 0 ? 'better' : 'worse') : 'same'}
                          >
                            {diff.text}
                            <span className="pk-sr-only"> from baseline</span>
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}
