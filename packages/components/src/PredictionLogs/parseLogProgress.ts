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
}

// tqdm: "Sampling:  45%|████▌     | 45/100 [00:02<00:03, 20.1it/s]"
const TQDM =
  /(?:^|\s)(\d{1,3}(?:\.\d+)?)%\|[^|]*\|\s*(\d+(?:\.\d+)?)([kMGT]?)\/(\d+(?:\.\d+)?)([kMGT]?)(?:\s*\[([^\],]*)(?:,\s*([^\]]*))?\])?/;
const SCALE: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

function parseLine(line: string): LogProgress | null {
  // A terminal redraws a tqdm bar in place with \r: only the last drawing counts.
  const drawn =
    line
      .split('\r')
      .filter((part) => part.trim())
      .pop() ?? '';
  const m = TQDM.exec(drawn);
  if (!m) return null;
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

/** The latest tqdm-style progress (`NN%|…| k/n`) in logs given as lines or as text; `null` when there is none. */
export function parseLogProgress(logs: string | readonly string[] | null | undefined): LogProgress | null {
  if (!logs) return null;
  const lines = typeof logs === 'string' ? logs.split('\n') : logs.flatMap((l) => l.split('\n'));
  for (let i = lines.length - 1; i >= 0; i--) {
    const found = parseLine(lines[i] as string);
    if (found) return found;
  }
  return null;
}
