/** "Using seed: 1234", as Cog models print the seed they picked; "seed=1234" too. */
const SEED = /\bseed\s*[:=]\s*(-?\d+)\b/i;

/**
 * The seed a prediction's logs say it used, for an input whose `seed` was left blank (the model then
 * picks one at random and prints it); `null` when the logs name none.
 */
export function seedFromLogs(logs: readonly string[] | string | null | undefined): number | null {
  if (!logs) return null;
  const lines = typeof logs === 'string' ? logs.split('\n') : logs;
  for (const line of lines) {
    const m = SEED.exec(line);
    if (m) {
      const seed = Number(m[1]);
      if (Number.isSafeInteger(seed)) return seed;
    }
  }
  return null;
}
