import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
  ValidationError,
} from './errors';
import { isTransient } from './isTransient';
import { mayHaveHappened } from './mayHaveHappened';

const api = (status: number) => new ApiError(`failed with ${status}`, { status });

describe('mayHaveHappened and isTransient', () => {
  it('a lost answer may have been carried out, and passes', () => {
    for (const error of [new ConnectionError('x'), new TimeoutError('x'), api(500), api(503)]) {
      expect(mayHaveHappened(error)).toBe(true);
      expect(isTransient(error)).toBe(true);
    }
  });

  it('a 408 or a 429 was not carried out, and passes', () => {
    for (const error of [api(408), new RateLimitError('x', { status: 429 })]) {
      expect(mayHaveHappened(error)).toBe(false);
      expect(isTransient(error)).toBe(true);
    }
  });

  it('the rest answers the same every time', () => {
    const others = [
      api(400),
      api(404),
      new ValidationError('x', { status: 422 }),
      new UnexpectedResponseError('x'),
      new TypeError('x'),
      undefined,
    ];
    for (const error of others) {
      expect(mayHaveHappened(error)).toBe(false);
      expect(isTransient(error)).toBe(false);
    }
  });
});
