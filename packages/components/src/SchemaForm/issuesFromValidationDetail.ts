import type { ValidationIssueWire } from '@predictkit/core';
import { isRecord } from '../internal/isRecord';
import type { FieldIssue } from './validateInput';

/**
 * A `422` answer's `detail` as form issues: `loc: ["body", "input", "width"]` becomes `path: ["width"]`.
 * A plain string detail becomes one issue for the whole input; anything unreadable, none.
 */
export function issuesFromValidationDetail(
  detail: readonly ValidationIssueWire[] | string | null | undefined,
): FieldIssue[] {
  if (typeof detail === 'string') return [{ path: [], message: detail }];
  if (!Array.isArray(detail)) return [];
  return detail.filter(isRecord).map((item) => {
    let loc = Array.isArray(item.loc)
      ? item.loc.filter((k) => typeof k === 'string' || typeof k === 'number')
      : [];
    if (loc[0] === 'body') loc = loc.slice(1);
    if (loc[0] === 'input') loc = loc.slice(1);
    return { path: loc, message: typeof item.msg === 'string' && item.msg ? item.msg : 'Invalid value' };
  });
}
