const PARTIAL_BLOCKS = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * One progress line in tqdm's default form, e.g. ` 45%|████▌     | 9/20 [00:04<00:05,  2.00it/s]`.
 * Cog models print exactly this to their logs, so UIs that show a progress bar parse this shape.
 */
export function formatProgress(done: number, total: number, elapsedS: number, width = 10): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const percent = String(Math.floor(fraction * 100)).padStart(3);
  const eighths = Math.floor(fraction * width * 8);
  const full = Math.floor(eighths / 8);
  const bar =
    full >= width
      ? '█'.repeat(width)
      : '█'.repeat(full) + PARTIAL_BLOCKS[eighths % 8] + ' '.repeat(width - full - 1);
  const rate = elapsedS > 0 ? done / elapsedS : 0;
  const remaining = rate > 0 ? formatInterval((total - done) / rate) : '?';
  let rateText = '?it/s';
  if (rate >= 1) rateText = `${rate.toFixed(2).padStart(5)}it/s`;
  else if (rate > 0) rateText = `${(1 / rate).toFixed(2).padStart(5)}s/it`;
  return `${percent}%|${bar}| ${done}/${total} [${formatInterval(elapsedS)}<${remaining}, ${rateText}]`;
}

/** tqdm's interval format: `MM:SS`, or `H:MM:SS` from an hour on. */
function formatInterval(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = String(Math.floor((whole % 3600) / 60)).padStart(2, '0');
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${m}:${s}` : `${m}:${s}`;
}
