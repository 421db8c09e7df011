import { invalid } from './errors';
import type { StreamReader } from './followPrediction';
import { isObject, isText } from './isObject';
import type { Provider } from './provider';

export const isFunction = (v: unknown) => typeof v === 'function';
export const isBoolean = (v: unknown) => typeof v === 'boolean';

/** A check and the words for what it wants: ``createClient: `retries` must be a whole number ≥ 0, got -1.`` */
export type Rule = [test: (v: unknown) => boolean, want: string];

export const MS: Rule = [(v) => typeof v === 'number' && v > 0, 'a number > 0'];
export const TEXT: Rule = [isText, 'a non-empty string'];
export const TEXT_OR_NULL: Rule = [(v) => v === null || typeof v === 'string', 'a string or null'];

export type Rules = Record<string, Rule>;

const SIGNAL: Rule = [(v) => isObject(v) && 'aborted' in v, 'an AbortSignal'];

// The options of the operations, by the operations that take them. A name means one thing,
// checked one way, wherever it is taken.
export const CALL_OPTIONS: Rules = { signal: SIGNAL };

export const WATCH_OPTIONS: Rules = {
  signal: SIGNAL,
  timeoutMs: MS,
  interval: [(v) => isFunction(v) || (typeof v === 'number' && v >= 0), 'milliseconds ≥ 0 or a function'],
  // A reader carries the loop that follows its stream.
  stream: [
    (v) => v === false || (isFunction(v) && isFunction((v as StreamReader).follow)),
    'streamPrediction or false',
  ],
  idleTimeoutMs: MS,
  onUpdate: [isFunction, 'a function'],
};

export const CREATE_OPTIONS: Rules = {
  signal: SIGNAL,
  // Its fields are checked by `WEBHOOK_FIELDS`.
  webhook: [(v) => isObject(v) && isText(v.url), 'an object with a non-empty `url`'],
  validateInput: [isBoolean, 'a boolean'],
  wait: [
    (v) => v === false || (Number.isInteger(v) && (v as number) > 0 && (v as number) < 61),
    'whole seconds from 1 to 60, or false',
  ],
};

/** A create's `webhook`, each field by name, so that a misspelt one is refused, not left out. */
export const WEBHOOK_FIELDS: Rules = {
  url: TEXT,
  secret: TEXT,
  // A Replicate `events` list is the Replicate provider's to check.
  events: [Array.isArray, 'a list of events'],
};

export const STREAM_OPTIONS: Rules = {
  signal: SIGNAL,
  lastEventId: [(v) => typeof v === 'string', 'a string'],
  idleTimeoutMs: MS,
};

const CURSOR: Rule = [isText, 'a non-empty string (a `next_cursor`)'];
const PAGE_SIZE: Rule = [(v) => Number.isInteger(v) && (v as number) > 0, 'a whole number ≥ 1'];

/** A page of any list. */
export const PAGE_OPTIONS: Rules = { signal: SIGNAL, cursor: CURSOR, pageSize: PAGE_SIZE };

// The catalog's and the account's lists also order and filter, so that only they carry these
// rules: spelled out, as a spread of `PAGE_OPTIONS` would keep them in every bundle with a list.
export const LIST_OPTIONS: Rules = {
  signal: SIGNAL,
  cursor: CURSOR,
  pageSize: PAGE_SIZE,
  sortBy: [
    (v) => ['created_at', 'predictions_count'].includes(v as string),
    '"created_at" or "predictions_count"',
  ],
  sortDirection: [(v) => ['asc', 'desc'].includes(v as string), '"asc" or "desc"'],
  categories: [(v) => Array.isArray(v) && v.every(isText), 'an array of category slugs'],
};

/** A rule for an option its operation checks itself, named so that a misspelt name is refused. */
export const CHECKED_APART: Rule = [() => true, ''];

/**
 * Throws a `TypeError` for the first option that breaks its rule, or that `provider` lacks (the
 * operation `at` itself too; an option nested in another is named with its `prefix`, such as
 * `webhook.`). Other names pass (options are handed on: a watcher's to its stream reader), unless
 * `strict`.
 */
export function checkOptions(
  at: string,
  options: unknown,
  rules: Rules,
  strict?: boolean,
  provider?: Provider,
  prefix = '',
): void {
  const lack = (name: string) => {
    if (provider?.lacks?.includes(name)) {
      throw new TypeError(`${at}: \`${name}\` is not available on ${provider.name}.`);
    }
  };
  lack(at);
  if (!isObject(options)) throw invalid(at, 'options', 'an object', options);
  for (const [key, value] of Object.entries(options)) {
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined;
    if (strict && !rule) {
      throw new TypeError(`${at}: unknown option \`${prefix}${key}\`; known: ${Object.keys(rules)}.`);
    }
    if (value !== undefined) lack(prefix + key);
    if (rule && value !== undefined && !rule[0](value)) throw invalid(at, prefix + key, rule[1], value);
  }
}
