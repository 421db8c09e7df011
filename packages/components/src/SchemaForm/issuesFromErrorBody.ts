import { type Provider, wriftai } from '@predictkit/core';
import type { FieldIssue } from './validateInput';

/**
 * A raw `422` answer's body as form issues, read the way core's client reads that service's answers, so
 * both agree: WriftAI's (the default) `detail` list of `loc`s, or, given `replicate` from
 * `@predictkit/core/replicate`, Replicate's `invalid_fields` (`field: "input.width"` becomes
 * `path: ["width"]`). For callers that hold the body rather than a `ValidationError` (whose `issues`
 * already are these). An answer with words but no field issues becomes one issue for the whole input;
 * one without either, none.
 */
export function issuesFromErrorBody(
  body: unknown,
  provider: Pick<Provider, 'mapError'> = wriftai,
): FieldIssue[] {
  const { detail, issues } = provider.mapError(422, body);
  if (issues) return issues.map(({ path, message }) => ({ path, message }));
  return detail ? [{ path: [], message: detail }] : [];
}
