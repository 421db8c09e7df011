/** The bench's output: markdown tables, printed to the console and written to RESULTS.md alike. */
import { cpus, freemem, loadavg, totalmem } from 'node:os';

export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
  /** Lines under the table: method, targets, caveats. */
  notes?: string[];
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function markdownTable({ title, columns, rows, notes = [] }: Table): string {
  const lines = [`## ${title}`, '', `| ${columns.map(cell).join(' | ')} |`];
  lines.push(`| ${columns.map(() => '---').join(' | ')} |`);
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  if (notes.length) lines.push('', ...notes.map((note) => `- ${note}`));
  return `${lines.join('\n')}\n`;
}

export interface Comparison {
  /** PredictKit's figure. */
  ours: number;
  /** The other one's figure. */
  theirs: number;
  /** What PredictKit is when its figure is lower: "smaller", "faster", "fewer requests". */
  better: string;
  /** What PredictKit is when its figure is higher: "larger", "slower", "more requests". */
  worse: string;
  /** A difference below this share is a tie (noise, not a result). Default 5 %; 0 for exact figures. */
  tie?: number;
  /** The finest step the figures are measured in: a figure below it counts as it (the ratio then reads "≥"). */
  resolution?: number;
  /** Each side's figure per run: when their ranges overlap, the verdict says so. */
  oursRuns?: readonly number[];
  theirsRuns?: readonly number[];
}

const overlap = (a: readonly number[], b: readonly number[]) =>
  a.length > 1 && b.length > 1 && Math.min(...a) <= Math.max(...b) && Math.min(...b) <= Math.max(...a);

/** `PredictKit smaller by ×3.2`, `PredictKit LOSES: ×1.4 larger`, or `on par (×1.02)`; lower is better. */
export function verdict(c: Comparison): string {
  const { better, worse, tie = 0.05, resolution = 0 } = c;
  if (!(c.ours >= 0 && c.theirs >= 0)) return '—';
  const atLeast = c.ours < resolution && c.theirs > resolution;
  const ours = Math.max(c.ours, resolution);
  const theirs = Math.max(c.theirs, resolution);
  if (ours === theirs) return 'on par (×1.00)';
  if (ours === 0) return `PredictKit ${better} (0 vs ${theirs})`;
  if (theirs === 0) return `PredictKit LOSES: ${ours} vs 0`;
  const ratio = theirs / ours;
  if (Math.abs(ratio - 1) < tie) return `on par (×${ratio.toFixed(2)})`;
  // Two digits near 1, so a small loss never reads "×1.0".
  const x = (r: number) => `×${r.toFixed(r < 1.1 ? 2 : r < 10 ? 1 : 0)}`;
  const soft =
    c.oursRuns && c.theirsRuns && overlap(c.oursRuns, c.theirsRuns)
      ? ' at the median (the runs overlap)'
      : '';
  return ratio > 1
    ? `PredictKit ${better} by ${atLeast ? '≥' : ''}${x(ratio)}${soft}`
    : `PredictKit LOSES: ${x(1 / ratio)} ${worse}${soft}`;
}

/** `met` or `MISSED`, with the figure. */
export const target = (met: boolean, text: string): string => `${met ? 'met' : 'MISSED'}: ${text}`;

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
}

/** What else the machine is doing, read when a run starts: other work slows every figure but sizes. */
export interface MachineState {
  freeGb: number;
  /** The one-minute load average (runnable processes; compare with the cores). */
  load: number;
}

export const machineState = (): MachineState => ({ freeGb: freemem() / 2 ** 30, load: loadavg()[0] ?? 0 });

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGb: totalmem() / 2 ** 30,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export function header(date: Date, start: MachineState, info: Machine = machine()): string {
  return [
    '# PredictKit benchmarks',
    '',
    `Run on ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${info.cpu}, ${info.cores} cores · ` +
      `${info.memoryGb.toFixed(1)} GB memory (${start.freeGb.toFixed(1)} GB free at the start) · load average ` +
      `${start.load.toFixed(2)} at the start · Node ${info.node} · ${info.platform}`,
    '',
    'Command: `pnpm bench` at the repository root (`pnpm --filter @predictkit/bench bench`). Every figure is a ' +
      'median over runs, with the spread over runs in brackets (min–max) unless the column says otherwise.',
    '',
  ].join('\n');
}
