import { HttpError } from '../../http/HttpError';

/** A version number from a path: a whole number ≥ 1, or a `422` naming it. */
export function parseVersionNumber(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new HttpError(422, [
      {
        loc: ['path', 'number'],
        msg: 'Version number should be a whole number ≥ 1',
        type: 'greater_than_equal',
      },
    ]);
  }
  return Number(raw);
}
