import { HttpError } from '../../http/HttpError';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;

/**
 * `Cancel-After` in milliseconds: a duration as Go writes them (`90s`, `1m30s`, `1h`, `500ms`), or
 * whole seconds alone; `undefined` when absent. Anything else, or no time at all, is a `422`.
 */
export function parseCancelAfter(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  let ms: number | undefined;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else if (DURATION.test(text)) {
    ms = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
      ms += Number(amount) * (UNIT_MS[unit as string] as number);
    }
  }
  if (ms === undefined || !(ms > 0) || !Number.isFinite(ms)) {
    throw new HttpError(422, [
      {
        loc: ['header', 'cancel-after'],
        msg: 'Cancel-After should be a duration such as "30s", "5m" or "1h30m", longer than 0',
        type: 'value_error',
      },
    ]);
  }
  return ms;
}
