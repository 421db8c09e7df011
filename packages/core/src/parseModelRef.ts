import { show } from './errors';
import type { ModelRef, ModelVersion, Prediction, PredictionModel } from './types';

/** A Replicate version id: 64 hex digits. */
export const VERSION_ID = /^[\da-f]{64}$/;

const NOT_SEGMENT = /^\.{0,2}$|[/\\\p{Cc}]/u;

/**
 * Whether `v` is one path segment, also once percent-decoded: a server or proxy that decodes a
 * path (once more) would read `..`, `%2e%2e` or `a%2fb` as a step up or as two segments.
 */
const isSegment = (v: unknown): boolean => {
  let decoded = v;
  try {
    decoded = decodeURIComponent(v as string);
  } catch {}
  return typeof v === 'string' && !NOT_SEGMENT.test(v) && !NOT_SEGMENT.test(decoded as string);
};

const SEGMENT = 'one path segment: not empty, `.` or `..`, without `/`, `\\` or control characters';

/** A version number, on a service that numbers its versions (WriftAI): a whole number ≥ 1. */
export const isVersionNumber = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

/**
 * `value` encoded as one segment of a route, or a `TypeError` naming it. Every route builds its
 * path with this, so no value leads a request elsewhere; a route with a version checks that itself
 * (a number on WriftAI, an id on Replicate).
 */
export function pathSegment(value: unknown, name: string): string {
  if (isSegment(value)) return encodeURIComponent(value as string);
  throw new TypeError(`\`${name}\` must be ${SEGMENT}, got ${show(value)}.`);
}

const VERSION = 'a whole number ≥ 1 or a 64-hex version id';

const isVersion = (v: unknown) => isVersionNumber(v) || VERSION_ID.test(v as string);

/**
 * `owner/name` (the latest version), `owner/name:N` (WriftAI's version N ≥ 1) or
 * `owner/name:<64-hex id>` (a Replicate version) into a `ModelRef`. A `ModelRef` passes through
 * once its parts pass the rule every route applies. Throws a `TypeError` saying what is wrong.
 */
export function parseModelRef(ref: string | ModelRef): ModelRef {
  if (ref && typeof ref === 'object') {
    pathSegment(ref.owner, 'owner');
    pathSegment(ref.name, 'name');
    if (ref.version === undefined || isVersion(ref.version)) return ref;
    throw new TypeError(`\`version\` must be ${VERSION}, got ${show(ref.version)}.`);
  }
  const [path = '', text, extra] = typeof ref === 'string' ? ref.split(':') : [];
  const [owner, name, more] = path.split('/');
  // 64 hex digits are an id even when they are all digits; a number is written without leading zeros.
  const version = VERSION_ID.test(text!) || !/^[1-9]\d*$/.test(text!) ? text : +text!;
  let why =
    typeof ref !== 'string'
      ? 'not a string'
      : /\s/.test(ref)
        ? 'whitespace'
        : extra !== undefined
          ? 'more than one `:`'
          : name === undefined
            ? 'no `/` between owner and name'
            : more !== undefined
              ? 'more than one `/`'
              : '';
  if (!why) {
    // Its parts are held to the rule of a `ModelRef`, whose message names the part and its value.
    try {
      return parseModelRef(
        version === undefined ? { owner: owner!, name: name! } : { owner: owner!, name: name!, version },
      );
    } catch (error) {
      why = (error as Error).message.slice(0, -1);
    }
  }
  throw new TypeError(
    `Invalid model reference ${show(ref)}: ${why}. Use \`owner/name\`, \`owner/name:N\` or \`owner/name:<version id>\`.`,
  );
}

/** The inverse of `parseModelRef`: `owner/name`, `owner/name:N` or `owner/name:<version id>`. */
export const formatModelRef = (ref: ModelRef): string => {
  const { owner, name, version } = parseModelRef(ref);
  return `${owner}/${name}${version ? `:${version}` : ''}`;
};

/** The version a version or a prediction's model names: WriftAI's number, or Replicate's 64-hex id. */
export const versionOf = (
  v: ModelVersion | PredictionModel | null | undefined,
): number | string | undefined => {
  const any = v as (ModelVersion & PredictionModel) | undefined;
  return any?.number ?? any?.id ?? any?.version_number ?? any?.version_id;
};

/**
 * The model reference of the version a prediction ran on, as text: `owner/name:N` (WriftAI),
 * `owner/name:<version id>` (Replicate), or `owner/name` when the service hides the version
 * (Replicate's official models).
 */
export const predictionModelRef = ({ model }: Pick<Prediction<unknown, unknown>, 'model'>): string => {
  const version = versionOf(model);
  return `${model.owner}/${model.name}${version === undefined ? '' : `:${version}`}`;
};
