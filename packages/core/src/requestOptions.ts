import { CALL_OPTIONS, checkOptions } from './checkOptions';
import type { CallOptions, Client, RequestOptions } from './createClient';

/**
 * The request options of one operation, once its own options (`o`, by `rules`) passed their
 * checks: an option or operation the provider lacks is refused here.
 */
export const requestOptions = (
  client: Client,
  label: string,
  o: CallOptions = {},
  more?: RequestOptions,
  rules = CALL_OPTIONS,
): RequestOptions => {
  checkOptions(label, o, rules, false, client.provider);
  return { label, signal: o.signal, ...more };
};
