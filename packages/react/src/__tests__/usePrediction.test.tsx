import { ApiError, ConnectionError, isTerminal, wriftai } from '@predictkit/core';
import { focusManager } from '@tanstack/react-query';
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  predictionQueryOptions,
  type UsePredictionOptions,
  usePrediction,
  usePredictionList,
} from '../index';
import { fakeClock, type SetupResult, setupPredictKit, tick } from './setupPredictKit';

let kit: SetupResult;
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  focusManager.setFocused(undefined);
  await kit?.close();
});

const streamPath = (id: string) => `/predictions/${id}/stream`;

function Watch({ id, stream }: { id: string; stream?: boolean }) {
  return <i data-testid="status">{usePrediction(id, { stream }).status}</i>;
}

function LiveList() {
  usePredictionList({ live: true });
  return null;
}

function Every({ id, ms }: { id: string; ms: number }) {
  usePrediction(id, { stream: false, interval: ms });
  return null;
}

/** Runs the clock, a millisecond at a time, to the next request `count` sees (or 10 s). */
async function nextPoll(count: () => number) {
  const before = count();
  for (let ms = 0; count() === before && ms < 10_000; ms++) await tick(1);
}

describe('usePrediction polling (fake time, real model time)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    kit = setupPredictKit({ timeScale: 1 });
  });

  it.each([
    ['succeeded', { duration_s: 3, steps: 3 }],
    ['failed', { duration_s: 3, steps: 3, fail_at_step: 2 }],
    ['canceled', { duration_s: 60, steps: 60 }],
  ])('polls on the default schedule, and stops once %s', async (status, input) => {
    const created = await kit.create('predictkit/slow-task', input);
    const path = `/predictions/${created.id}`;
    if (status === 'canceled') setTimeout(() => kit.cancel(created.id), 2500);
    const { result } = renderHook(() => usePrediction(created.id, { stream: false }), {
      wrapper: kit.wrapper,
    });
    await tick();
    expect(result.current.prediction?.id).toBe(created.id);
    expect(kit.count('GET', path)).toBe(1);

    for (let i = 0; !isTerminal(result.current.status) && i < 60; i++) {
      await nextPoll(() => kit.count('GET', path));
    }
    const attempt = kit.count('GET', path) - 1;
    expect(result.current.status).toBe(status);
    expect(result.current.isTerminal).toBe(true);
    const gaps = kit.times.slice(1).map((time, i) => time - kit.times[i]!);
    // Before the first progress line (and with no run of this model ended yet), a backoff as long
    // as the prediction's age; then never under 50 ms nor over 5 s.
    expect(gaps.slice(0, 3)).toEqual([50, 50, 100]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(50);
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(5000);

    await tick(60_000);
    expect(kit.count('GET', path)).toBe(attempt + 1);
    expect(kit.requests).toHaveLength(attempt + 1);
    expect(result.current.error).toBeNull();
    // as the client reads the server's answer (a cancel is a failure marked canceled on the wire)
    expect(result.current.prediction).toEqual(wriftai.mapPrediction(await kit.get(created.id), 'get'));
    if (status === 'failed') expect(result.current.prediction?.error?.message).toMatch(/step 2/);
  });

  it('polls on a fixed interval, or a function of the prediction', async () => {
    const created = await kit.create('predictkit/slow-task', { duration_s: 2, steps: 2 });
    const interval = vi.fn((prediction: { status: string } | undefined) =>
      prediction?.status === 'pending' ? 100 : 700,
    );
    const { result } = renderHook(() => usePrediction(created.id, { stream: false, interval }), {
      wrapper: kit.wrapper,
    });
    await tick();
    await tick(100);
    expect(kit.requests).toHaveLength(2);
    while (!result.current.isTerminal) await tick(100);
    expect(interval).toHaveBeenCalledWith(expect.objectContaining({ id: created.id }), expect.any(Number));
    const gaps = kit.times.slice(1).map((time, i) => time - kit.times[i]!);
    expect(new Set(gaps)).toEqual(new Set([100, 700]));

    const fixed = await kit.create('predictkit/slow-task', { duration_s: 2, steps: 2 });
    const from = kit.requests.length;
    const second = renderHook(() => usePrediction(fixed.id, { stream: false, interval: 300 }), {
      wrapper: kit.wrapper,
    });
    await tick();
    while (!second.result.current.isTerminal) await tick(300);
    expect(new Set(kit.times.slice(from + 1).map((time, i) => time - kit.times[from + i]!))).toEqual(
      new Set([300]),
    );
  });

  it('makes one request per tick for 50 components watching one id', async () => {
    const created = await kit.create('predictkit/slow-task', { duration_s: 4, steps: 4 });
    const path = `/predictions/${created.id}`;
    render(
      Array.from({ length: 50 }, (_, i) => <Watch key={String(i)} id={created.id} stream={false} />),
      { wrapper: kit.wrapper },
    );
    await tick();
    expect(kit.count('GET', path)).toBe(1);
    let attempt = 0;
    for (; screen.getAllByTestId('status')[0]!.textContent !== 'succeeded' && attempt < 60; attempt++) {
      const before = kit.count('GET', path);
      await nextPoll(() => kit.count('GET', path));
      expect(kit.count('GET', path) - before).toBeLessThanOrEqual(1);
    }
    attempt = kit.count('GET', path) - 1;
    expect(screen.getAllByTestId('status').map((node) => node.textContent)).toEqual(
      Array(50).fill('succeeded'),
    );
    await tick(10_000);
    expect(kit.requests).toHaveLength(attempt + 1);
  });

  it('polls as often as the holders still present ask, not as one that has gone did', async () => {
    const created = await kit.create('predictkit/slow-task', { duration_s: 600, steps: 600 });
    const path = `/predictions/${created.id}`;
    const { rerender } = render(
      <>
        <Every key="fast" id={created.id} ms={100} />
        <Every key="slow" id={created.id} ms={5000} />
      </>,
      { wrapper: kit.wrapper },
    );
    await tick();
    await tick(1000);
    expect(kit.count('GET', path)).toBe(11);
    rerender(<Every key="slow" id={created.id} ms={5000} />);
    await tick();
    const before = kit.count('GET', path);
    await tick(10_000);
    expect(kit.count('GET', path) - before).toBe(2);
    await act(() => kit.cancel(created.id));
  });

  it('with background: false, pauses while the page is hidden and picks up when it is back', async () => {
    const created = await kit.create('predictkit/slow-task', { duration_s: 20, steps: 20 });
    const { result } = renderHook(() => usePrediction(created.id, { stream: false, background: false }), {
      wrapper: kit.wrapper,
    });
    await tick();
    await nextPoll(() => kit.requests.length);
    expect(kit.requests).toHaveLength(2);
    act(() => focusManager.setFocused(false));
    await tick(10_000);
    expect(kit.requests).toHaveLength(2);
    act(() => focusManager.setFocused(true));
    await nextPoll(() => kit.requests.length);
    expect(kit.requests).toHaveLength(3);
    while (!result.current.isTerminal) await tick(2000);
    expect(result.current.status).toBe('succeeded');
  });

  it('keeps watching in a hidden page by default', async () => {
    const created = await kit.create('predictkit/slow-task', { duration_s: 2, steps: 2 });
    act(() => focusManager.setFocused(false));
    const { result } = renderHook(() => usePrediction(created.id, { stream: false }), {
      wrapper: kit.wrapper,
    });
    await tick();
    await tick(10_000);
    expect(result.current.status).toBe('succeeded');
  });

  it('keeps watching through a 2 s outage, reporting it as `error`, and recovers by itself', async () => {
    const created = await kit.create('predictkit/slow-task', { duration_s: 5, steps: 5 });
    const onSettled = vi.fn();
    // A fixed schedule: the default one may wait seconds when the progress says the end is far.
    const { result } = renderHook(
      () => usePrediction(created.id, { stream: false, onSettled, interval: 250 }),
      {
        wrapper: kit.wrapper,
      },
    );
    await tick();
    await tick(1000);
    const status = result.current.status;
    kit.offline = true;
    const before = kit.requests.length;
    await tick(2000);
    expect(result.current.error).toBeInstanceOf(ConnectionError);
    expect(result.current.isRetrying).toBe(true);
    expect(result.current.status).toBe(status);
    expect(result.current.isTerminal).toBe(false);
    expect(onSettled).not.toHaveBeenCalled();
    const during = kit.requests.length - before;
    expect(during).toBeGreaterThan(1);

    kit.offline = false;
    for (let i = 0; i < 30 && !result.current.isTerminal; i++) await tick(500);
    expect(result.current.status).toBe('succeeded');
    expect(result.current.error).toBeNull();
    expect(result.current.isRetrying).toBe(false);
    expect(result.current.prediction).toEqual(await kit.get(created.id));
    expect(onSettled).toHaveBeenCalledExactlyOnceWith(result.current.prediction, null);
  });

  it('keeps trying a first fetch that meets an outage, reporting it, and follows once it answers', async () => {
    const created = await kit.create('predictkit/slow-task', { duration_s: 5, steps: 5 });
    kit.offline = true;
    const onSettled = vi.fn();
    const { result } = renderHook(
      () => usePrediction(created.id, { stream: false, onSettled, interval: 250 }),
      { wrapper: kit.wrapper },
    );
    await tick();
    await tick(3000);
    expect(result.current.error).toBeInstanceOf(ConnectionError);
    expect(result.current.isRetrying).toBe(true);
    expect(result.current.status).toBeUndefined();
    expect(onSettled).not.toHaveBeenCalled();
    kit.offline = false;
    for (let i = 0; i < 60 && !result.current.isTerminal; i++) await tick(500);
    expect(result.current.status).toBe('succeeded');
    expect(result.current.error).toBeNull();
    expect(result.current.isRetrying).toBe(false);
    expect(onSettled).toHaveBeenCalledExactlyOnceWith(result.current.prediction, null);
  });

  it('keeps showing the last failure while still offline, and clears it with the next answer', async () => {
    const created = await kit.create('predictkit/slow-task', { duration_s: 60, steps: 2 });
    const { result } = renderHook(() => usePrediction(created.id, { stream: false }), {
      wrapper: kit.wrapper,
    });
    await tick();
    await tick(2000);
    expect(result.current.status).toBe('started');
    kit.offline = true;
    await tick(20_000);
    expect(result.current.error).toBeInstanceOf(ConnectionError);
    const sent = kit.requests.length;
    await tick(10_000);
    // Still trying, with a backoff: a few requests, not a flood.
    expect(kit.requests.length).toBeGreaterThan(sent);
    expect(kit.requests.length - sent).toBeLessThan(20);
    kit.offline = false;
    // The backoff after several failures (up to 8 s, jittered) plus the poll interval.
    await tick(15_000);
    expect(result.current.error).toBeNull();
    expect(result.current.status).toBe('started');
    await act(() => kit.cancel(created.id));
  });

  it('stops on a 4xx, reports it once, and watches again after refetch', async () => {
    await kit.close();
    kit = setupPredictKit({ timeScale: 1, tokens: ['good'] });
    const created = await kit.create('predictkit/slow-task', { duration_s: 5, steps: 5 });
    const onSettled = vi.fn();
    const { result } = renderHook(() => usePrediction(created.id, { stream: false, onSettled }), {
      wrapper: kit.wrapper,
    });
    await tick();
    kit.token = 'revoked';
    await tick(2000);
    expect(result.current.error).toBeInstanceOf(ApiError);
    expect((result.current.error as ApiError).status).toBe(401);
    expect(result.current.isRetrying).toBe(false);
    expect(onSettled).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ id: created.id }),
      result.current.error,
    );
    const failedAt = kit.requests.length;
    await tick(30_000);
    expect(kit.requests).toHaveLength(failedAt);

    kit.token = 'good';
    await act(async () => {
      await result.current.refetch();
    });
    await tick();
    expect(result.current.error).toBeNull();
    while (!result.current.isTerminal) await tick(2000);
    expect(result.current.status).toBe('succeeded');
  });
});

describe('usePrediction streaming', () => {
  it('follows the stream through cuts, resuming where it was, and ends equal to a GET', async () => {
    kit = setupPredictKit({ faults: { streamCutRate: 0.15, seed: 3 } });
    const created = await kit.create('predictkit/text-generator', {
      prompt: 'Alice was',
      max_tokens: 80,
      seed: 4,
    });
    const updates: unknown[][] = [];
    const { result } = renderHook(
      () =>
        usePrediction<{ prompt: string }, string[]>(created.id, {
          onUpdate: (p) => updates.push(p.output ?? []),
        }),
      { wrapper: kit.wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('succeeded'), { timeout: 10_000 });
    const final = await kit.get(created.id);
    expect(result.current.prediction).toEqual(final);
    expect(result.current.output).toEqual(final.output);
    const streams = kit.requests.filter((r) => r.url.endsWith('/stream'));
    expect(streams.length).toBeGreaterThan(2);
    expect(streams[0]!.headers.get('last-event-id')).toBeNull();
    expect(streams.slice(1).every((r) => /^\d+$/.test(r.headers.get('last-event-id') ?? ''))).toBe(true);
    // Streamed chunks arrived one after another: each update extends the one before.
    for (let i = 1; i < updates.length; i++)
      expect(updates[i]!.slice(0, updates[i - 1]!.length)).toEqual(updates[i - 1]);
    expect(updates.length).toBeGreaterThan(3);
  });

  it('opens one stream for many components', async () => {
    kit = setupPredictKit();
    const created = await kit.create('predictkit/slow-task', { duration_s: 30, steps: 10 });
    render(
      Array.from({ length: 20 }, (_, i) => <Watch key={String(i)} id={created.id} />),
      { wrapper: kit.wrapper },
    );
    await waitFor(() => expect(screen.getAllByTestId('status')[0]!.textContent).toBe('succeeded'), {
      timeout: 5000,
    });
    expect(kit.count('GET', streamPath(created.id))).toBe(1);
    expect(kit.count('GET', `/predictions/${created.id}`)).toBe(1);
  });

  it('gives a live list its poller back when the detail view that streamed the row closes', async () => {
    kit = setupPredictKit();
    const created = await kit.create('predictkit/slow-task', { duration_s: 500, steps: 100 });
    const { rerender } = render(<LiveList />, { wrapper: kit.wrapper });
    await waitFor(() => expect(kit.count('GET', `/predictions/${created.id}`)).toBeGreaterThan(0));
    rerender(
      <>
        <LiveList />
        <Watch id={created.id} />
      </>,
    );
    await waitFor(() => expect(kit.count('GET', streamPath(created.id))).toBe(1));
    const stream = kit.requests.find((r) => r.url.endsWith(streamPath(created.id)))!;
    rerender(<LiveList />);
    await waitFor(() => expect(stream.signal.aborted).toBe(true));
    const polls = kit.count('GET', `/predictions/${created.id}`);
    await waitFor(() => expect(kit.count('GET', `/predictions/${created.id}`)).toBeGreaterThan(polls));
    expect(kit.count('GET', streamPath(created.id))).toBe(1);
    await act(() => kit.cancel(created.id));
  });

  it('opens one stream under StrictMode, for data already in the cache at mount', async () => {
    kit = setupPredictKit();
    const created = await kit.create('predictkit/slow-task', { duration_s: 30, steps: 10 });
    await kit.queryClient.prefetchQuery(predictionQueryOptions(kit.client, created.id));
    // StrictMode around the providers, as at an app's root: only then does React mount twice.
    const { result } = renderHook(() => usePrediction(created.id), {
      wrapper: kit.wrapper,
      reactStrictMode: true,
    });
    await waitFor(() => expect(result.current.status).toBe('succeeded'), { timeout: 5000 });
    expect(kit.count('GET', streamPath(created.id))).toBe(1);
    expect(kit.count('GET', `/predictions/${created.id}`)).toBe(1);
  });

  it('polls instead when the runtime cannot read streams (stream: "auto")', async () => {
    vi.stubGlobal('TextDecoderStream', undefined);
    kit = setupPredictKit();
    const created = await kit.create('predictkit/echo', { text: 'hi', delay_ms: 500 });
    const { result } = renderHook(() => usePrediction(created.id), { wrapper: kit.wrapper });
    await waitFor(() => expect(result.current.status).toBe('succeeded'), { timeout: 5000 });
    expect(kit.count('GET', streamPath(created.id))).toBe(0);
    expect(kit.count('GET', `/predictions/${created.id}`)).toBeGreaterThan(1);
  });

  it('stops the stream and its requests on unmount, without a React warning', async () => {
    fakeClock({ running: true });
    kit = setupPredictKit();
    const consoleError = vi.spyOn(console, 'error');
    const created = await kit.create('predictkit/slow-task', { duration_s: 500, steps: 100 });
    const { result, unmount } = renderHook(() => usePrediction(created.id), { wrapper: kit.wrapper });
    await waitFor(() => expect(result.current.status).toBe('started'));
    await waitFor(() => expect(result.current.prediction?.logs?.length).toBeGreaterThan(1));
    const stream = kit.requests.find((r) => r.url.endsWith('/stream'))!;
    expect(stream.signal.aborted).toBe(false);
    unmount();
    await waitFor(() => expect(stream.signal.aborted).toBe(true));
    const sent = kit.requests.length;
    // Past any wait a watcher left behind could have: polls come at most 5 s apart, retries 8 s.
    await tick(60_000);
    expect(kit.requests).toHaveLength(sent);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('aborts the first fetch on unmount', async () => {
    fakeClock({ running: true });
    kit = setupPredictKit({ faults: { latencyMs: 200 } });
    const consoleError = vi.spyOn(console, 'error');
    const created = await kit.create('predictkit/echo', { text: 'hi' });
    const { unmount } = renderHook(() => usePrediction(created.id), { wrapper: kit.wrapper });
    await waitFor(() => expect(kit.requests).toHaveLength(1));
    unmount();
    await waitFor(() => expect(kit.requests[0]!.signal.aborted).toBe(true));
    // Past the answer it would have had, and any retry's backoff (8 s at most).
    await tick(60_000);
    expect(kit.requests).toHaveLength(1);
    expect(consoleError).not.toHaveBeenCalled();
  });
});

describe('usePrediction results and callbacks', () => {
  it('keeps a request error apart from the prediction’s own error', async () => {
    kit = setupPredictKit();
    const { result } = renderHook(() => usePrediction('00000000-0000-4000-8000-000000000000'), {
      wrapper: kit.wrapper,
    });
    await waitFor(() => expect(result.current.error).toBeInstanceOf(ApiError));
    expect((result.current.error as ApiError).status).toBe(404);
    // a 4xx is not tried again
    expect(result.current.isRetrying).toBe(false);
    expect(kit.count('GET', /./)).toBe(1);
    expect(result.current.prediction).toBeUndefined();
    expect(result.current.status).toBeUndefined();
  });

  it('does nothing without an id or when disabled', async () => {
    fakeClock({ running: true });
    kit = setupPredictKit();
    const created = await kit.create('predictkit/echo', { text: 'hi' });
    const { result, rerender } = renderHook(
      ({ id, enabled }: { id?: string; enabled?: boolean }) => usePrediction(id, { enabled }),
      { wrapper: kit.wrapper, initialProps: {} },
    );
    rerender({ id: created.id, enabled: false });
    await tick(60_000);
    expect(kit.requests).toHaveLength(0);
    expect(result.current.status).toBeUndefined();
    rerender({ id: created.id, enabled: true });
    await waitFor(() => expect(result.current.status).toBe('succeeded'));
  });

  it('calls the latest onUpdate and onSettled', async () => {
    fakeClock({ running: true });
    kit = setupPredictKit();
    const created = await kit.create('predictkit/slow-task', { duration_s: 20, steps: 10 });
    const first = { onUpdate: vi.fn(), onSettled: vi.fn() };
    const second = { onUpdate: vi.fn(), onSettled: vi.fn() };
    const { result, rerender } = renderHook(
      (options: UsePredictionOptions) => usePrediction(created.id, options),
      {
        wrapper: kit.wrapper,
        initialProps: first,
      },
    );
    await waitFor(() => expect(first.onUpdate).toHaveBeenCalled());
    rerender(second);
    await waitFor(() => expect(result.current.status).toBe('succeeded'), { timeout: 5000 });
    const calls = first.onUpdate.mock.calls.length;
    expect(second.onUpdate).toHaveBeenCalled();
    expect(second.onUpdate).toHaveBeenLastCalledWith(result.current.prediction);
    expect(first.onSettled).not.toHaveBeenCalled();
    expect(second.onSettled).toHaveBeenCalledExactlyOnceWith(result.current.prediction, null);
    await tick(60_000);
    expect(first.onUpdate).toHaveBeenCalledTimes(calls);
  });
});
