import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, retryAfterMs, sleep } from './backoff';

describe('backoffDelay', () => {
  it('draws uniformly below 500 ms × 2^attempt (full jitter)', () => {
    expect(backoffDelay(0, () => 0)).toBe(0);
    expect(backoffDelay(0, () => 0.5)).toBe(250);
    expect(backoffDelay(1, () => 0.5)).toBe(500);
    expect(backoffDelay(3, () => 0.999)).toBeCloseTo(3996);
  });

  it('caps the window at 8 s', () => {
    expect(backoffDelay(10, () => 1)).toBe(8000);
    expect(backoffDelay(50, () => 0.5)).toBe(4000);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');
  const headers = (init: Record<string, string>) => new Headers(init);

  it('reads Retry-After in seconds', () => {
    expect(retryAfterMs(headers({ 'retry-after': '3' }), false, now)).toBe(3000);
    expect(retryAfterMs(headers({ 'retry-after': '0.5' }), false, now)).toBe(500);
  });

  it('reads Retry-After as an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after': 'Sun, 22 Nov 2026 10:00:07 GMT' }), false, now)).toBe(7000);
  });

  it('reads a date in the past as no wait', () => {
    expect(retryAfterMs(headers({ 'retry-after': 'Sun, 22 Nov 2026 09:00:00 GMT' }), false, now)).toBe(0);
  });

  it('reads x-ratelimit-reset (Unix seconds) on a rate-limited answer only', () => {
    const reset = headers({ 'x-ratelimit-reset': String(now / 1000 + 4) });
    expect(retryAfterMs(reset, true, now)).toBe(4000);
    expect(retryAfterMs(reset, false, now)).toBeUndefined();
  });

  it('prefers Retry-After over x-ratelimit-reset', () => {
    const both = headers({ 'retry-after': '1', 'x-ratelimit-reset': String(now / 1000 + 30) });
    expect(retryAfterMs(both, true, now)).toBe(1000);
  });

  it('is undefined when the server said nothing usable', () => {
    expect(retryAfterMs(headers({}), true, now)).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'later' }), true, now)).toBeUndefined();
  });
});

describe('sleep', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after the delay', async () => {
    vi.useFakeTimers();
    let done = false;
    const slept = sleep(1000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await slept;
    expect(done).toBe(true);
  });

  it("rejects at once with the signal's reason, leaving no timer behind", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort();
    await expect(slept).rejects.toMatchObject({ name: 'AbortError' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('holds a wait setTimeout cannot (2^31 ms or more) to about 25 days, instead of ending it at once', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    let done = false;
    const slept = sleep(2 ** 31, controller.signal).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(done).toBe(false);
    controller.abort();
    await expect(slept).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects when the signal has already aborted', async () => {
    const reason = new Error('stop');
    await expect(sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});
