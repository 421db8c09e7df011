import { type ValidationIssueWire, wriftai } from '@predictkit/core';
import { isRecord } from '@predictkit/core/schema';
import type { FieldIssue } from './validateInput';

const isKey = (k: unknown): k is string | number => typeof k === 'string' || typeof k === 'number';

/**
 * A raw WriftAI `422` answer's `detail` as form issues, for callers that hold the answer's body rather
 * than a `ValidationError` (whose `issues` already are these); `issuesFromErrorBody` reads any service's. The mapping is core's own, so both agree:
 * `loc: ["body", "input", "width"]` becomes `path: ["width"]`, and any other `loc` stays whole
 * (`["body", "model"]`, `["input", "seed"]`). A plain string detail becomes one issue for the whole input;
 * anything unreadable, none.
 */
export function issuesFromValidationDetail(
  detail: readonly ValidationIssueWire[] | string | null | undefined,
): FieldIssue[] {
  if (typeof detail === 'string') return [{ path: [], message: detail }];
  if (!Array.isArray(detail)) return [];
  // Core's mapping expects what the API sends; a hand-built or foreign detail is tidied first.
  const wire = detail.filter(isRecord).map((item) => ({
    // A `loc` with anything but keys in it names no field for sure: the issue goes to the whole form.
    loc: Array.isArray(item.loc) && item.loc.every(isKey) ? item.loc : [],
    msg: typeof item.msg === 'string' && item.msg ? item.msg : 'Invalid value',
    type: String(item.type),
  }));
  return (wriftai.mapError(422, { detail: wire }).issues ?? []).map(({ path, message }) => ({
    path,
    message,
  }));
}
