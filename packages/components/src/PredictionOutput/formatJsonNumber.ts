/**
 * A number as a reader wants it in a JSON tree: whole numbers as they are, others to four decimals
 * (`1234.5679`) or, below 1, to four significant digits (`0.0001235`, `1.235e-7`). The exact value stays
 * in the copied JSON and in the node's title.
 */
export function formatJsonNumber(n: number): string {
  if (Number.isInteger(n) || !Number.isFinite(n)) return String(n);
  return String(Number(Math.abs(n) >= 1 ? n.toFixed(4) : n.toPrecision(4)));
}
