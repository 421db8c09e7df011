import { describe, expect, it } from 'vitest';
import { UnexpectedResponseError } from './errors';
import { expectShape } from './expectShape';

const fail = (value: unknown, shape: Parameters<typeof expectShape>[2], path?: string) => {
  try {
    expectShape(value, 'getPrediction', shape, path);
  } catch (error) {
    return error as UnexpectedResponseError;
  }
  throw new Error('expected a mismatch');
};

describe('expectShape', () => {
  it('names the field, what was expected and what came', () => {
    const error = fail({ status: 3 }, { status: 's' });
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error.name).toBe('UnexpectedResponseError');
    expect(error.path).toBe('status');
    expect(error.message).toBe(
      'getPrediction: expected `status` to be a string, got number. Check `baseUrl`.',
    );
  });

  it('names nested fields with their path', () => {
    expect(fail({ model: { owner: 1 } }, { model: { owner: 's' } }).message).toContain(
      'expected `model.owner` to be a string, got number',
    );
    expect(fail({ id: [] }, { id: 's' }, 'items[2].').path).toBe('items[2].id');
  });

  it('refuses an answer that is not an object', () => {
    expect(fail('<html>', {}).message).toContain('expected the answer to be an object, got string');
    expect(fail(null, {}).message).toContain('got null');
    expect(fail([], {}).message).toContain('got array');
  });

  it('lets optional fields be null or absent, but not the wrong kind', () => {
    expect(expectShape({ logs: null }, 'x', { logs: '?a', urls: '?o' })).toEqual({ logs: null });
    expect(fail({ logs: 'line' }, { logs: '?a' }).message).toContain(
      'expected `logs` to be an array, got string',
    );
  });

  it('keeps extra fields and returns the same object', () => {
    const value = { id: 'x', extra: { anything: true } };
    expect(expectShape(value, 'x', { id: 's' })).toBe(value);
  });
});
