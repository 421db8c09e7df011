import type { JsonSchema, ValidationIssueWire } from '@predictkit/core';
import { validateInput } from '@predictkit/core/schema';
import { decodeDataUri } from '../models/dataUri';
import { walkWithSchema } from './schemaPointer';

type Loc = (string | number)[];

/** One item of a `422`'s `detail`, with the keyword's own value where the words leave it out (`ctx.pattern`). */
export type InputIssueWire = ValidationIssueWire & { ctx?: Record<string, unknown> };

/**
 * Validates `input` against a version's input schema with the same engine and the same words as
 * the form (`@predictkit/core/schema`), and answers the API's `422` issues, with `loc` paths under
 * `prefix` (e.g. `["body", "input", "width"]`).
 */
export function validateAgainstSchema(schema: JsonSchema, input: unknown, prefix: Loc): InputIssueWire[] {
  return validateInput(schema, input).map(({ path, message, type, ctx }) => ({
    loc: [...prefix, ...path],
    msg: message,
    type,
    ...(ctx ? { ctx } : {}),
  }));
}

/**
 * `format: uri` inputs may only be `data:` URIs or files this server stores itself: the server
 * never fetches other URLs (that would let a prediction reach into the host's network).
 */
export function checkFileInputs(
  schema: JsonSchema,
  input: unknown,
  isOwnFileUrl: (url: string) => boolean,
  prefix: Loc,
): ValidationIssueWire[] {
  const issues: ValidationIssueWire[] = [];
  walkWithSchema(schema, input, (value, described, path) => {
    if (described.format !== 'uri' || typeof value !== 'string') return;
    // Not a URL at all: the schema's validation words that, as the form does.
    if (!URL.canParse(value, 'https://relative.invalid/')) return;
    if (value.startsWith('data:')) {
      try {
        decodeDataUri(value);
      } catch (error) {
        issues.push({
          loc: [...prefix, ...path],
          msg: `Invalid data: URI: ${(error as Error).message}`,
          type: 'url_parsing',
        });
      }
      return;
    }
    if (isOwnFileUrl(value)) return;
    issues.push({
      loc: [...prefix, ...path],
      msg: `URL not accepted: this server reads only data: URIs and its own file URLs (…/v1/files/{id}), and never fetches ${value.slice(0, 60)}. Send the file as a data: URI instead.`,
      type: 'url_not_allowed',
    });
  });
  return issues;
}
