import { show } from './errors';
import type { ModelRef } from './types';

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

/**
 * `value` encoded as one segment of a route, or a `TypeError` naming it; a `version` is a whole
 * number ≥ 1. Every route builds its path with this, so no value leads a request elsewhere.
 */
export function pathSegment(value: unknown, name: string): string {
  const version = name === 'version';
  if (version ? Number.isInteger(value) && (value as number) > 0 : isSegment(value)) {
    return encodeURIComponent(value as string);
  }
  throw new TypeError(`\`${name}\` must be ${version ? 'a whole number ≥ 1' : SEGMENT}, got ${show(value)}.`);
}

/**
 * `owner/name` (the latest version) or `owner/name:N` (version N ≥ 1) into a `ModelRef`. A
 * `ModelRef` passes through once its parts pass the rule every route applies. Throws a `TypeError`
 * saying what is wrong.
 */
export function parseModelRef(ref: string | ModelRef): ModelRef {
  if (ref && typeof ref === 'object') {
    pathSegment(ref.owner, 'owner');
    pathSegment(ref.name, 'name');
    if (ref.version !== undefined) pathSegment(ref.version, 'version');
    return ref;
  }
  const [path = '', version, extra] = typeof ref === 'string' ? ref.split(':') : [];
  const [owner, name, more] = path.split('/');
  const why =
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
              : !owner || !name
                ? 'empty owner or name'
                : !isSegment(owner) || !isSegment(name)
                  ? `owner and name must each be ${SEGMENT}`
                  : version !== undefined && !/^[1-9]\d*$/.test(version)
                    ? `version ${JSON.stringify(version)} is not a whole number ≥ 1`
                    : '';
  if (why) {
    throw new TypeError(
      `Invalid model reference ${show(ref)}: ${why}. Use \`owner/name\` or \`owner/name:N\`.`,
    );
  }
  return version ? { owner: owner!, name: name!, version: +version } : { owner: owner!, name: name! };
}

/** The inverse of `parseModelRef`: `owner/name` or `owner/name:N`. */
export const formatModelRef = (ref: ModelRef): string => {
  const { owner, name, version } = parseModelRef(ref);
  return `${owner}/${name}${version ? `:${version}` : ''}`;
};
