/** A progress bar read from a log line. */
export interface LogProgress {
  /** 0–100. */
  percent: number;
  current: number;
  total: number;
  /** The text before the bar ("Sampling"), when there is one. */
  label?: string;
  /** tqdm's "elapsed<remaining", e.g. "00:02<00:03". */
  time?: string;
  /** tqdm's rate, e.g. "20.1it/s". */
  rate?: string;
  /** The line gave a percentage only ("Image 1/2: 25% rendered"): `current` and `total` are that of 100. */
  percentOnly?: true;
}

// tqdm: "Sampling:  45%|████▌     | 45/100 [00:02<00:03, 20.1it/s]"
const TQDM =
  /(?:^|\s)(\d{1,3}(?:\.\d+)?)%\|[^|]*\|\s*(\d+(?:\.\d+)?)([kMGT]?)\/(\d+(?:\.\d+)?)([kMGT]?)(?:\s*\[([^\],]*)(?:,\s*([^\]]*))?\])?/;
// A labelled percentage on a line of its own: "Image 1/2: 25% rendered", "Downloading weights: 40%".
const PERCENT = /^\s*([^\s:][^:]*):\s*(\d{1,3}(?:\.\d+)?)%(?:\s+[A-Za-z]+)?\s*$/;
const SCALE: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

function parseLine(line: string): LogProgress | null {
  // A terminal redraws a tqdm bar in place with \r: only the last drawing counts.
  const drawn =
    line
      .split('\r')
      .filter((part) => part.trim())
      .pop() ?? '';
  const m = TQDM.exec(drawn);
  if (!m) {
    const p = PERCENT.exec(drawn);
    if (!p) return null;
    const percent = Math.min(100, Number(p[2]));
    return { percent, current: percent, total: 100, label: (p[1] as string).trim(), percentOnly: true };
  }
  const [, percent, current, cu = '', total, tu = '', time, rate] = m;
  const label = drawn.slice(0, m.index).trim().replace(/:$/, '').trim();
  return {
    percent: Math.min(100, Number(percent)),
    current: Number(current) * (SCALE[cu] ?? 1),
    total: Number(total) * (SCALE[tu] ?? 1),
    ...(label ? { label } : {}),
    ...(time ? { time: time.trim() } : {}),
    ...(rate ? { rate: rate.trim() } : {}),
  };
}

/**
 * Whether a line is a progress line, and of which bar: lines of the same bar are drawings of one
 * progress, of which a log view shows the last.
 */
export function progressBarOf(line: string): string | null {
  const found = parseLine(line);
  return found ? (found.label ?? '') : null;
}

/**
 * The latest progress in logs given as lines or as text: a tqdm bar (`NN%|…| k/n`), or a labelled
 * percentage (`Label: NN% done`); `null` when there is none.
 */
export function parseLogProgress(logs: string | readonly string[] | null | undefined): LogProgress | null {
  if (!logs) return null;
  const lines = typeof logs === 'string' ? logs.split('\n') : logs.flatMap((l) => l.split('\n'));
  for (let i = lines.length - 1; i >= 0; i--) {
    const found = parseLine(lines[i] as string);
    if (found) return found;
  }
  return null;
}
