import { isCancelAfter } from '@predictkit/core/replicate';
import { HttpError } from '../../http/HttpError';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * `Cancel-After` in milliseconds: a duration as the client sends them (`isCancelAfter`: `90s`,
 * `1m30s`, `1h`, `500ms`), or whole seconds alone, as other HTTP headers give time; `undefined`
 * when absent. Anything else is a `422`.
 */
export function parseCancelAfter(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  let ms = /^\d+$/.test(text) ? Number(text) * 1000 : Number.NaN;
  if (isCancelAfter(text)) {
    ms = 0;
    for (const [, amount, unit] of text.matchAll(/([\d.]+)(ms|s|m|h)/g)) {
      ms += Number(amount) * (UNIT_MS[unit as string] as number);
    }
  }
  if (!(ms > 0) || !Number.isFinite(ms)) {
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
