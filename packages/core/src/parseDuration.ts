/** Each form with the seconds in one unit of each of its groups. */
const FORMS: [RegExp, number[]][] = [
  [
    /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/,
    [86400, 3600, 60, 1],
  ],
  // Python's str(timedelta) below a day (a prediction runs for 30 minutes at most): "0:00:01.532000".
  [/^(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)$/, [3600, 60, 1]],
  [/^(\d+(?:\.\d+)?)$/, [1]],
];

/**
 * A duration as the API sends it (`setup_time`, `execution_time`), in milliseconds. The format is
 * not documented, so this reads ISO-8601 (`PT1.532S`, `P1DT2H`), plain seconds (`"1.532"` or a
 * number) and `H:MM:SS.ffffff`. Returns `null` for `null`, absent, or anything else (ISO years and
 * months are ambiguous; weeks and comma decimals no service sends): a duration is only ever shown,
 * so a missing or odd one must not break the page.
 */
export function parseDuration(value: string | number | null | undefined): number | null {
  if (typeof value === 'number') return value >= 0 && value < Infinity ? value * 1000 : null;
  if (typeof value !== 'string') return null;
  for (const [form, weights] of FORMS) {
    const m = form.exec(value.trim());
    if (m?.some((g, i) => i && g)) {
      const seconds = weights.reduce((sum, w, i) => sum + +(m[i + 1] ?? 0) * w, 0);
      // Microseconds are what the API sends; rounding drops float noise such as 1532.0000000000002.
      return Math.round(seconds * 1e6) / 1e3;
    }
  }
  return null;
}
