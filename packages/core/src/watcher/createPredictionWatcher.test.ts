import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Client } from '../createClient';
import { ConnectionError, RateLimitError, TimeoutError } from '../errors';
import { pollDelay, type StreamReader, type StreamWatch } from '../followPrediction';
import { defaultPollInterval } from '../index';
import { isTerminal } from '../isTerminal';
import { waitForPrediction } from '../predictions';
import type { SseEvent } from '../stream/createSseParser';
import { followStream } from '../stream/followStream';
import { watchPrediction } from '../stream/watchPrediction';
import type { Prediction } from '../types';
import { wriftai } from '../wriftai';
import {
  createPredictionWatcher,
  initialWatchState,
  reduceWatchState,
  type WatchState,
} from './createPredictionWatcher';

const snapshot = (status: string, more: Partial<Prediction> = {}): Prediction => ({
  id: 'p1',
  model: { owner: 'predictkit', name: 'echo', version_number: 1 },
  created_at: '2026-11-22T10:00:00.000000Z',
  updated_at: '2026-11-22T10:00:00.000000Z',
  status,
  setup_time: null,
  execution_time: null,
  ...more,
});

/**
 * Answers each GET with the next status of a script (then the last one forever) and records when
 * it was asked: enough to test the schedule without any service.
 */
function scripted(statuses: string[], more: Partial<Prediction> = {}) {
  const times: number[] = [];
  const client: Client = {
    baseUrl: 'http://test/v1',
    provider: wriftai,
    timeoutMs: 1000,
    async request(_method, _path, options) {
      options?.signal?.throwIfAborted();
      times.push(Date.now());
      const status = statuses[Math.min(times.length - 1, statuses.length - 1)]!;
      return snapshot(status, { logs: [`poll ${times.length}`], ...more });
    },
  };
  return { client, times };
}

describe('statuses', () => {
  it('knows the terminal ones, spelled both ways', () => {
    for (const s of ['succeeded', 'failed', 'canceled', 'cancelled', 'aborted'])
      expect(isTerminal(s)).toBe(true);
  });

  it('treats unknown statuses as still running', () => {
    for (const s of ['pending', 'started', 'starting', 'processing', 'queued', '', undefined, null]) {
      expect(isTerminal(s)).toBe(false);
    }
  });
});

describe('pollDelay', () => {
  it('without a snapshot, starts at 100 ms and doubles up to 900 ms', () => {
    const delays = Array.from({ length: 6 }, (_, attempt) => pollDelay(undefined, undefined, attempt));
    expect(delays).toEqual([100, 200, 400, 800, 900, 900]);
    expect(defaultPollInterval(undefined, 3)).toBe(800);
  });

  it('takes a fixed number or a function of the prediction and the attempt', () => {
    expect(pollDelay(100, undefined, 9)).toBe(100);
    const started = snapshot('started');
    const fn = vi.fn((p: Prediction<unknown, unknown> | undefined, attempt: number) =>
      p ? 10 * attempt : 0,
    );
    expect(pollDelay(fn, started, 4)).toBe(40);
    expect(fn).toHaveBeenCalledWith(started, 4);
  });

  it('refuses a negative or NaN delay', () => {
    expect(() => pollDelay(-1, undefined, 0)).toThrow('`interval` must give milliseconds ≥ 0, got -1.');
    expect(() => pollDelay(() => Number.NaN, undefined, 0)).toThrow(TypeError);
  });

  it('refuses an interval that is neither a number nor a function, naming it', () => {
    expect(() => pollDelay('fast' as never, undefined, 0)).toThrow(
      new TypeError('`interval` must give milliseconds ≥ 0, got "fast".'),
    );
    expect(() => pollDelay(() => '5' as never, undefined, 0)).toThrow(
      new TypeError('`interval` must give milliseconds ≥ 0, got "5".'),
    );
  });
});

describe('reduceWatchState', () => {
  type S = WatchState<Prediction>;
  const start: S = initialWatchState;

  it('takes snapshots and ends on a terminal one', () => {
    const running = reduceWatchState(start, { type: 'snapshot', prediction: snapshot('started') });
    expect(running).toMatchObject({ phase: 'active', prediction: { status: 'started' } });
    const done = reduceWatchState(running, { type: 'snapshot', prediction: snapshot('succeeded') });
    expect(done.phase).toBe('done');
  });

  it('records the transport', () => {
    const polling = reduceWatchState(start, { type: 'transport', transport: 'poll' });
    expect(polling).toEqual({ ...start, transport: 'poll' });
    expect(reduceWatchState(polling, { type: 'transport', transport: 'stream' }).transport).toBe('stream');
  });

  it('ends on an error', () => {
    const error = new Error('boom');
    expect(reduceWatchState(start, { type: 'error', error })).toEqual({ ...start, phase: 'error', error });
  });

  it('stays active on a transient error, until a snapshot clears it', () => {
    const error = new Error('offline');
    const retrying = reduceWatchState(start, { type: 'error', error, transient: true });
    expect(retrying).toEqual({ ...start, error });
    const back = reduceWatchState(retrying, { type: 'snapshot', prediction: snapshot('started') });
    expect(back).toMatchObject({ phase: 'active', error: undefined });
    expect(reduceWatchState(retrying, { type: 'transport', transport: 'poll' }).error).toBe(error);
  });

  it('ignores everything after the end', () => {
    const done = reduceWatchState(start, { type: 'snapshot', prediction: snapshot('failed') });
    expect(reduceWatchState(done, { type: 'snapshot', prediction: snapshot('started') })).toBe(done);
    expect(reduceWatchState(done, { type: 'error', error: new Error() })).toBe(done);
  });

  it('never mutates the state it is given', () => {
    const frozen = Object.freeze({ ...start });
    expect(() =>
      reduceWatchState(frozen, { type: 'snapshot', prediction: snapshot('started') }),
    ).not.toThrow();
  });
});

describe('createPredictionWatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls on the default schedule until the prediction is terminal', async () => {
    // A model with no runs remembered: the backoff as long as the age, from 50 ms.
    const model = { owner: 'test', name: 'unheard-of', version_number: 1 };
    const { client, times } = scripted(['starting', 'processing', 'processing', 'processing', 'succeeded'], {
      model,
    });
    vi.setSystemTime(Date.parse(snapshot('starting').created_at));
    const t0 = Date.now();
    const result = waitForPrediction(client, 'p1');
    await vi.runAllTimersAsync();
    expect((await result).status).toBe('succeeded');
    expect(times[0]).toBe(t0);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps).toEqual([50, 50, 100, 200]);
  });

  it('starts from a snapshot in hand without fetching it again', async () => {
    const { client, times } = scripted(['succeeded']);
    const watcher = createPredictionWatcher(client, snapshot('started'), { interval: 100 });
    expect(watcher.getState().prediction?.status).toBe('started');
    await vi.advanceTimersByTimeAsync(99);
    expect(times).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect((await watcher.result).status).toBe('succeeded');
  });

  it('resolves at once for a terminal snapshot', async () => {
    const { client, times } = scripted(['succeeded']);
    const done = snapshot('canceled');
    await expect(waitForPrediction(client, done)).resolves.toBe(done);
    expect(times).toHaveLength(0);
  });

  it('reports each change to subscribers once, as new objects', async () => {
    const { client } = scripted(['started', 'started', 'succeeded']);
    const watcher = createPredictionWatcher(client, 'p1', { interval: 10 });
    const states: WatchState[] = [];
    watcher.subscribe((state) => states.push(state));
    await vi.runAllTimersAsync();
    await watcher.result;
    const predictions = [...new Set(states.map((s) => s.prediction))];
    expect(predictions.map((p) => p?.logs?.[0])).toEqual(['poll 1', 'poll 2', 'poll 3']);
    expect(states.map((s) => [s.phase, s.transport])).toEqual([
      ['active', undefined],
      ['active', 'poll'],
      ['active', 'poll'],
      ['done', 'poll'],
    ]);
  });

  it('does not report an unchanged snapshot twice', async () => {
    const client: Client = {
      ...scripted([]).client,
      request: async () => snapshot(times++ < 3 ? 'started' : 'succeeded'),
    };
    let times = 0;
    const updates: string[] = [];
    await Promise.all([
      waitForPrediction(client, 'p1', { interval: 1, onUpdate: (p) => updates.push(p.status) }),
      vi.runAllTimersAsync(),
    ]);
    expect(updates).toEqual(['started', 'succeeded']);
  });

  it('keeps waiting through statuses it does not know', async () => {
    const { client } = scripted(['queued', 'warming', 'succeeded']);
    const result = waitForPrediction(client, 'p1', { interval: 1 });
    await vi.runAllTimersAsync();
    expect((await result).status).toBe('succeeded');
  });

  it('times out with a TimeoutError carrying the last snapshot', async () => {
    const { client } = scripted(['started']);
    const result = waitForPrediction(client, 'p1', { interval: 100, timeoutMs: 1000 });
    const caught = result.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1000);
    const error = (await caught) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe('Prediction p1 still started after 1000 ms. Raise `timeoutMs`, or cancel it.');
    expect(error.prediction?.status).toBe('started');
    expect(error.cause).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('without any answer, times out saying so, the outage it kept retrying as its cause', async () => {
    const offline = new ConnectionError('getPrediction: cannot reach http://test/v1/predictions/p1.');
    const client: Client = {
      ...scripted([]).client,
      request: async () => {
        throw offline;
      },
    };
    const result = waitForPrediction(client, 'p1', { timeoutMs: 5000 });
    const caught = result.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(5000);
    const error = (await caught) as TimeoutError;
    expect(error.message).toBe(
      'Prediction p1 still unanswered after 5000 ms. Raise `timeoutMs`, or cancel it.',
    );
    expect(error.prediction).toBeUndefined();
    expect(error.cause).toBe(offline);
  });

  it('waits out a Retry-After longer than setTimeout can hold, instead of polling at once', async () => {
    let polls = 0;
    const client: Client = {
      ...scripted([]).client,
      request: async () => {
        polls++;
        throw new RateLimitError('getPrediction failed with 429.', { status: 429, retryAfterMs: 1e13 });
      },
    };
    const controller = new AbortController();
    const watcher = createPredictionWatcher(client, 'p1', { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(polls).toBe(1);
    controller.abort();
    await expect(watcher.result).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("stops at once with the signal's AbortError, during a poll delay", async () => {
    const { client, times } = scripted(['started']);
    const controller = new AbortController();
    const watcher = createPredictionWatcher(client, 'p1', { interval: 60_000, signal: controller.signal });
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await expect(watcher.result).rejects.toMatchObject({ name: 'AbortError' });
    expect(watcher.getState()).toMatchObject({ phase: 'error', error: { name: 'AbortError' } });
    expect(times).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() ends the watch with the given reason', async () => {
    const { client } = scripted(['started']);
    const watcher = createPredictionWatcher(client, 'p1', { interval: 1000 });
    const reason = new Error('unmounted');
    watcher.stop(reason);
    await expect(watcher.result).rejects.toBe(reason);
  });

  it('an unsubscribed listener hears nothing more', async () => {
    const { client } = scripted(['started', 'succeeded']);
    const watcher = createPredictionWatcher(client, 'p1', { interval: 10 });
    const listener = vi.fn();
    const unsubscribe = watcher.subscribe(listener);
    unsubscribe();
    await vi.runAllTimersAsync();
    await watcher.result;
    expect(listener).not.toHaveBeenCalled();
  });

  it('reports a bad id through the result', async () => {
    const { client } = scripted(['started']);
    await expect(createPredictionWatcher(client, '').result).rejects.toThrow(
      '`id` must be one path segment: not empty, `.` or `..`, without `/`, `\\` or control characters, got "".',
    );
  });
});

describe('the stream reader', () => {
  const STREAM = 'http://test/v1/predictions/p1/stream';
  const started = snapshot('started', { urls: { stream: STREAM } });
  const event = (name: string, data: unknown, id: string): SseEvent => ({
    event: name,
    data: JSON.stringify(data),
    id,
    retry: undefined,
  });

  /** Plays one script per connection, recording what each call was given. */
  function reader(...connections: SseEvent[][]) {
    const calls: Parameters<StreamReader>[] = [];
    const read: StreamReader = Object.assign(
      async function* (...args: Parameters<StreamReader>) {
        yield* connections[calls.push(args) - 1] ?? [];
      },
      { follow: followStream },
    );
    return { read, calls };
  }

  it('follows urls.stream through the given reader, which takes the client first', async () => {
    const { client, times } = scripted(['started']);
    const { read, calls } = reader([
      event('output', 'Hi', '1'),
      event('done', snapshot('succeeded', { output: ['Hi'] }), '2'),
    ]);
    const watcher = createPredictionWatcher(client, started, { stream: read, idleTimeoutMs: 5000 });
    const transports: WatchState['transport'][] = [];
    watcher.subscribe((s) => transports.push(s.transport));
    expect(await watcher.result).toMatchObject({ status: 'succeeded', output: ['Hi'] });
    expect(times).toHaveLength(0);
    expect(transports[0]).toBe('stream');
    expect(calls).toHaveLength(1);
    const [given, url, options] = calls[0]!;
    expect(given).toBe(client);
    expect(url).toBe(STREAM);
    expect(options).toMatchObject({ idleTimeoutMs: 5000, lastEventId: undefined });
    expect(options.signal).toBeInstanceOf(AbortSignal);
  });

  it('reconnects after a cut through the same reader, from the last event id', async () => {
    const { client, times } = scripted(['started']);
    const { read, calls } = reader(
      [event('output', 'a', '1'), event('output', 'b', '2')],
      [event('done', snapshot('succeeded', { output: ['a', 'b'] }), '3')],
    );
    const done = await waitForPrediction(client, started, { stream: read });
    expect(done.output).toEqual(['a', 'b']);
    expect(calls.map(([, , options]) => options.lastEventId)).toEqual([undefined, '2']);
    expect(times).toHaveLength(0);
  });

  it('keeps what it shows while a stream replayed from the start catches up, then applies each event once', async () => {
    const { client } = scripted(['started']);
    // A snapshot in hand already has output and a log line: the stream, without `Last-Event-ID`,
    // replays both from the start.
    const shown = { ...started, output: ['a', 'b'], logs: ['one'] };
    const { read } = reader([
      event('output', 'a', '1'),
      event('logs', 'one', '2'),
      event('output', 'b', '3'),
      event('output', 'c', '4'),
      event('done', snapshot('succeeded', { output: ['a', 'b', 'c'], logs: ['one'] }), '5'),
    ]);
    const watcher = createPredictionWatcher(client, shown, { stream: read });
    const outputs: string[] = [];
    watcher.subscribe((s) => {
      const output = JSON.stringify(s.prediction?.output);
      if (output !== outputs.at(-1)) outputs.push(output);
    });
    await watcher.result;
    expect(outputs.map((o) => JSON.parse(o))).toEqual([
      ['a', 'b'],
      ['a', 'b', 'c'],
    ]);
  });

  it('shows a replay’s new output even when its log lines never add up to those shown', async () => {
    const { client } = scripted(['started']);
    // Three lines shown (a poll counted a blank one), two in the replay: the logs never catch up.
    const shown = { ...started, output: ['a'], logs: ['one', '', 'two'] };
    const { read } = reader([
      event('logs', 'one', '1'),
      event('output', 'a', '2'),
      event('logs', 'two', '3'),
      event('output', 'b', '4'),
      event('output', 'c', '5'),
      event('done', snapshot('succeeded', { output: ['a', 'b', 'c'], logs: ['one', 'two'] }), '6'),
    ]);
    const watcher = createPredictionWatcher(client, shown, { stream: read });
    const seen: string[] = [];
    watcher.subscribe((s) => {
      if (s.phase === 'active') seen.push(JSON.stringify([s.prediction?.output, s.prediction?.logs]));
    });
    await watcher.result;
    expect(seen).toContain(
      JSON.stringify([
        ['a', 'b'],
        ['one', '', 'two'],
      ]),
    );
    expect(seen).toContain(
      JSON.stringify([
        ['a', 'b', 'c'],
        ['one', '', 'two'],
      ]),
    );
  });

  it('is not used unless given: without it, or with `stream: false`, the watcher polls', async () => {
    for (const options of [{}, { stream: false as const }]) {
      const { client, times } = scripted(['succeeded']);
      const watcher = createPredictionWatcher(client, started, { ...options, interval: 1 });
      const transports: WatchState['transport'][] = [];
      watcher.subscribe((s) => transports.push(s.transport));
      expect((await watcher.result).status).toBe('succeeded');
      expect(times).toHaveLength(1);
      expect(transports).not.toContain('stream');
    }
    const { client, times } = scripted(['succeeded']);
    expect((await waitForPrediction(client, started, { interval: 1 })).status).toBe('succeeded');
    expect(times).toHaveLength(1);
  });

  it('refuses a `stream` that is no reader (the boolean of older releases) at once, like every bad option', async () => {
    const { client, times } = scripted(['started']);
    expect(() => createPredictionWatcher(client, started, { stream: true as never })).toThrow(
      new TypeError('createPredictionWatcher: `stream` must be streamPrediction or false, got true.'),
    );
    expect(times).toHaveLength(0);
  });

  it.each<[unknown, string]>([
    [{ interval: 'fast' }, '`interval` must be milliseconds ≥ 0 or a function, got "fast".'],
    [{ timeoutMs: 'x' }, '`timeoutMs` must be a number > 0, got "x".'],
    [{ timeoutMs: -5 }, '`timeoutMs` must be a number > 0, got -5.'],
    [{ idleTimeoutMs: Number.NaN }, '`idleTimeoutMs` must be a number > 0, got NaN.'],
    [{ signal: {} }, '`signal` must be an AbortSignal, got an object.'],
    [null, '`options` must be an object, got null.'],
  ])('refuses %j before any request', (options, message) => {
    const { client, times } = scripted(['started']);
    expect(() => createPredictionWatcher(client, 'p1', options as never)).toThrow(
      new TypeError(`createPredictionWatcher: ${message}`),
    );
    expect(times).toHaveLength(0);
  });
});

describe('the stateless followers: waitForPrediction and watchPrediction', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A `started` answer, a lost connection, the same `started` answer again, then `succeeded`. */
  function flaky() {
    const answers: (Prediction | Error)[] = [
      snapshot('started', { updated_at: '2026-11-22T10:00:01.000000Z' }),
      new ConnectionError('getPrediction: cannot reach http://test/v1/predictions/p1.'),
      snapshot('started', { updated_at: '2026-11-22T10:00:01.000000Z' }),
      snapshot('succeeded', { updated_at: '2026-11-22T10:00:02.000000Z' }),
    ];
    let asked = 0;
    const client: Client = {
      ...scripted([]).client,
      request: async () => {
        const answer = answers[Math.min(asked++, answers.length - 1)]!;
        if (answer instanceof Error) throw answer;
        return answer;
      },
    };
    return { client, asked: () => asked };
  }

  it('waitForPrediction leaves out the snapshot in hand and an answer that only ends a failure', async () => {
    const { client, asked } = flaky();
    const updates: string[] = [];
    const [done] = await Promise.all([
      waitForPrediction(client, snapshot('pending'), {
        interval: 1,
        onUpdate: (p) => updates.push(`${p.status} ${p.updated_at}`),
      }),
      vi.runAllTimersAsync(),
    ]);
    expect(asked()).toBe(4);
    expect(updates).toEqual(['started 2026-11-22T10:00:01.000000Z', 'succeeded 2026-11-22T10:00:02.000000Z']);
    expect(done.status).toBe('succeeded');
  });

  it('watchPrediction yields the snapshot in hand, then each new one once', async () => {
    const { client } = flaky();
    const seen: string[] = [];
    const iterate = async () => {
      for await (const p of watchPrediction(client, snapshot('pending'), { interval: 1, stream: false })) {
        seen.push(p.status);
      }
    };
    await Promise.all([iterate(), vi.runAllTimersAsync()]);
    expect(seen).toEqual(['pending', 'started', 'succeeded']);
  });

  it('watchPrediction starts at once, and keeps only the newest snapshot until the first next()', async () => {
    const { client, asked } = flaky();
    const iterator = watchPrediction(client, snapshot('pending'), { interval: 1, stream: false });
    await vi.runAllTimersAsync();
    expect(asked()).toBe(4);
    const seen: string[] = [];
    for await (const p of iterator) seen.push(p.status);
    expect(seen).toEqual(['succeeded']);
  });

  it('ignores what a stream reader reports after a terminal snapshot', async () => {
    const { client, times } = scripted(['started']);
    const reader = Object.assign(async function* () {}, {
      follow: async (_read: StreamReader, watch: StreamWatch) => {
        watch.snapshot(snapshot('succeeded', { updated_at: '2026-11-22T10:00:05.000000Z' }));
        watch.snapshot(snapshot('started', { updated_at: '2026-11-22T10:00:06.000000Z' }));
      },
    }) as unknown as StreamReader;
    const updates: string[] = [];
    const streaming = snapshot('started', { urls: { stream: 'http://test/stream' } as Prediction['urls'] });
    const done = await waitForPrediction(client, streaming, {
      stream: reader,
      onUpdate: (p) => updates.push(p.status),
    });
    expect(done.status).toBe('succeeded');
    expect(updates).toEqual(['succeeded']);
    expect(times).toHaveLength(0);
  });

  it('watchPrediction stops following when the loop is left', async () => {
    const { client, times } = scripted(['started']);
    const iterator = watchPrediction(client, 'p1', { interval: 100, stream: false });
    for await (const p of iterator) {
      expect(p.status).toBe('started');
      break;
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(times).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('watchPrediction stops following when closed before the loop starts', async () => {
    const { client, times } = scripted(['started']);
    const iterator = watchPrediction(client, 'p1', { interval: 100, stream: false });
    await expect(iterator.return()).resolves.toEqual({ done: true, value: undefined });
    await vi.advanceTimersByTimeAsync(1000);
    expect(times.length).toBeLessThanOrEqual(1);
    expect(vi.getTimerCount()).toBe(0);
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('watchPrediction stops following when thrown into', async () => {
    const { client, times } = scripted(['started', 'processing', 'processing']);
    const iterator = watchPrediction(client, 'p1', { interval: 100, stream: false });
    await iterator.next();
    const reason = new Error('done here');
    await expect(iterator.throw(reason)).rejects.toBe(reason);
    const requests = times.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(times.length).toBe(requests);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('watchPrediction ends a pending next() when closed, without the abort', async () => {
    const { client, times } = scripted(['started', 'processing', 'processing']);
    const iterator = watchPrediction(client, 'p1', { interval: 100, stream: false });
    await iterator.next();
    const pending = iterator.next();
    const closed = iterator.return();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(await closed).toEqual({ done: true, value: undefined });
    const requests = times.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(times.length).toBe(requests);
  });

  it('rejects a missing target by naming the id it needs, not with a TypeError of its own', async () => {
    const { client, times } = scripted(['started']);
    for (const target of [null, undefined]) {
      await expect(waitForPrediction(client, target as never)).rejects.toThrow(
        new TypeError(
          '`id` must be one path segment: not empty, `.` or `..`, without `/`, `\\` or control characters, got undefined.',
        ),
      );
    }
    expect(times).toEqual([]);
  });

  it('watchPrediction throws what ended the follow', async () => {
    const { client } = scripted(['started']);
    const iterator = watchPrediction(client, 'p1', { interval: 100, timeoutMs: 250, stream: false });
    const seen: string[] = [];
    const ended = (async () => {
      for await (const p of iterator) seen.push(p.status);
    })().catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(250);
    expect(await ended).toBeInstanceOf(TimeoutError);
    // Polls at 0, 100 and 200 ms, each with a new log line.
    expect(seen).toEqual(['started', 'started', 'started']);
  });
});
