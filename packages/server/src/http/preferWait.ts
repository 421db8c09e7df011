/**
 * `Prefer: wait=N` → seconds, clamped to 1..60; other directives are ignored. A bare `wait` means
 * `bare` seconds where the service says so (Replicate: 60), and nothing otherwise.
 */
export function preferWaitSeconds(header: string | undefined, bare?: number): number | undefined {
  if (!header) return undefined;
  const match = /(?:^|[,;\s])wait\s*(?:=\s*(\d+))?\s*(?=$|[,;\s])/i.exec(header);
  if (!match) return undefined;
  if (match[1] === undefined) return bare;
  return Math.min(60, Math.max(1, Number(match[1])));
}
