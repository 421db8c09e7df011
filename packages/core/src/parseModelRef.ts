import type { ModelRef } from './types';

/**
 * `owner/name` (the latest version) or `owner/name:N` (version N ≥ 1) into a `ModelRef`; a
 * `ModelRef` passes through. Throws a `TypeError` saying what is wrong.
 */
export function parseModelRef(ref: string | ModelRef): ModelRef {
  if (ref && typeof ref === 'object') return ref;
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
                : version !== undefined && !/^[1-9]\d*$/.test(version)
                  ? `version ${JSON.stringify(version)} is not a whole number ≥ 1`
                  : '';
  if (why) {
    throw new TypeError(
      `Invalid model reference ${JSON.stringify(ref)}: ${why}. Use \`owner/name\` or \`owner/name:N\`.`,
    );
  }
  return version ? { owner: owner!, name: name!, version: +version } : { owner: owner!, name: name! };
}

/** The inverse of `parseModelRef`: `owner/name` or `owner/name:N`. */
export const formatModelRef = (ref: ModelRef): string =>
  `${ref.owner}/${ref.name}${ref.version ? `:${ref.version}` : ''}`;
