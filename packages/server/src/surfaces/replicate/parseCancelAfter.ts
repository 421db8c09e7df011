import { cancelAfterMs } from '@predictkit/core/replicate';
import { HttpError } from '../../http/HttpError';

/** The longest deadline a timer here can hold (about 24.8 days). */
const MAX_MS = 2 ** 31 - 1;

/**
 * `Cancel-After` in milliseconds: a duration as the client sends them (`cancelAfterMs`: `90s`,
 * `1m30s`, `1h`, `500ms`), or whole seconds alone, as other HTTP headers give time; `undefined`
 * when absent. Anything else, or a deadline past about 24 days, is a `422`.
 */
export function parseCancelAfter(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : cancelAfterMs(text);
  if (ms === undefined || !(ms > 0 && ms <= MAX_MS)) {
    throw new HttpError(422, [
      {
        loc: ['header', 'cancel-after'],
        msg: 'Cancel-After should be a duration such as "30s", "5m" or "1h30m", longer than 0 and at most 24 days',
        type: 'value_error',
      },
    ]);
  }
  return ms;
}
