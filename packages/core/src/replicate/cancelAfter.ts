const DURATION = /^(?=.*[1-9])(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ms|s|m|h))+$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * What `Cancel-After` takes: a duration as Go writes them, in hours, minutes, seconds and
 * milliseconds, in any order and with decimals (`90s`, `1h30m`, `1.5s`, `500ms`), and not zero.
 * The client checks what it sends with it, and the local server what it accepts (`cancelAfterMs`).
 */
export const isCancelAfter = (text: unknown): text is string =>
  typeof text === 'string' && DURATION.test(text);

/** A `Cancel-After` duration in milliseconds; `undefined` when `text` is not one (`isCancelAfter`). */
export function cancelAfterMs(text: string): number | undefined {
  if (!isCancelAfter(text)) return undefined;
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(/([\d.]+)(ms|s|m|h)/g)) ms += Number(amount) * UNIT_MS[unit!]!;
  return ms;
}
