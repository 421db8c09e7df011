import { CALL_OPTIONS, checkOptions, type Rules } from '../checkOptions';
import type { CallOptions } from '../createClient';
import { invalid } from '../errors';
import { isObject } from '../isObject';
import { checkClient, projectPath, type WeaveClient } from './createWeaveClient';
import { isWeaveRef } from './weaveRef';

export const REF: Rules[string] = [
  isWeaveRef,
  'a weave:///{entity}/{project}/object/{name}:{digest} reference',
];
export const ID: Rules[string] = [(v) => typeof v === 'string' && v !== '', 'a non-empty id'];
export const ID_OR_NULL: Rules[string] = [
  (v) => v === null || (typeof v === 'string' && v !== ''),
  'an id or null',
];
export const RECORD: Rules[string] = [(v) => isObject(v) && !Array.isArray(v), 'an object'];
export const RECORD_OR_NULL: Rules[string] = [(v) => v === null || RECORD[0](v), 'an object or null'];
export const TEXT_OR_NULL: Rules[string] = [(v) => v === null || typeof v === 'string', 'a string or null'];

/** Checks `fields` by `rules`, refusing names they do not know and requiring those in `required`. */
export function checkFields(at: string, fields: unknown, rules: Rules, required: string[]): void {
  if (!RECORD[0](fields)) throw invalid(at, 'fields', 'an object', fields);
  checkOptions(at, fields, rules, true);
  for (const name of required) {
    const value = (fields as Record<string, unknown>)[name];
    if (value === undefined) throw invalid(at, name, rules[name]![1], value);
  }
}

/**
 * One call of a route under the client's project, once the client and the call's options passed
 * their checks. A `POST` or `DELETE` is not sent twice after a `5xx` or a lost answer, unless
 * `idempotent` says that repeating it changes nothing.
 */
export function call(
  client: WeaveClient,
  at: string,
  method: string,
  path: string,
  o: CallOptions = {},
  body?: unknown,
  idempotent?: boolean,
): Promise<unknown> {
  checkClient(at, client);
  checkOptions(at, o, CALL_OPTIONS);
  return client.request(method, projectPath(client, path), {
    label: at,
    signal: o.signal,
    body,
    idempotent: idempotent ?? method === 'GET',
  });
}
