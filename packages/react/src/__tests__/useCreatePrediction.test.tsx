import { ValidationError } from '@predictkit/core';
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import { Activity, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CreateStatus, predictionKeys, useCreatePrediction, usePredictionList } from '../index';
import { fakeClock, type SetupResult, setupPredictKit, tick, until } from './setupPredictKit';

let kit: SetupResult;
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  await kit?.close();
});

function Echo({ onStatus }: { onStatus: (status: CreateStatus) => void }) {
  const { create, status, output } = useCreatePrediction<{ text: string; delay_ms: number }, string>(
    'predictkit/echo',
  );
  onStatus(status);
  return (
    <button type="button" onClick={() => create({ text: 'hello', delay_ms: 300 })}>
      {status}:{output}
    </button>
  );
}

type CreateApi = ReturnType<typeof useCreatePrediction>;
let api: CreateApi | undefined;
let setMode: (mode: 'visible' | 'hidden') => void = () => {};

function ActivityForm() {
  api = useCreatePrediction('predictkit/echo');
  return null;
}

/** `ActivityForm` inside an `<Activity>` the test hides and shows. */
function App() {
  const [mode, set] = useState<'visible' | 'hidden'>('visible');
  setMode = set;
  return (
    <Activity mode={mode}>
      <ActivityForm />
    </Activity>
  );
}

/** Consecutive duplicates left out. */
const distinct = (values: string[]) => values.filter((value, i) => value !== values[i - 1]);

describe('useCreatePrediction', () => {
  it('creates once under StrictMode, reading idle → creating → the prediction’s statuses', async () => {
    kit = setupPredictKit({ faults: { latencyMs: 50 } });
    const statuses: CreateStatus[] = [];
    render(<Echo onStatus={(status) => statuses.push(status)} />, {
      wrapper: kit.wrapper,
      reactStrictMode: true,
    });
    fireEvent.click(screen.getByRole('button'));
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('succeeded:hello'), {
      timeout: 5000,
    });
    expect(kit.count('POST', '/models/predictkit/echo/predictions')).toBe(1);
    expect(kit.count('POST', /./)).toBe(1);
    const seen = distinct(statuses);
    expect(seen.slice(0, 2)).toEqual(['idle', 'creating']);
    expect(seen.at(-1)).toBe('succeeded');
    expect(['idle', 'creating', 'pending', 'started', 'succeeded']).toEqual(expect.arrayContaining(seen));
  });

  it('seeds the detail cache from the create answer, so watching needs no first GET', async () => {
    kit = setupPredictKit();
    const { result } = renderHook(() => useCreatePrediction('predictkit/slow-task'), {
      wrapper: kit.wrapper,
    });
    let created: Awaited<ReturnType<typeof result.current.create>>;
    await act(async () => {
      created = await result.current.create({ duration_s: 20, steps: 4 });
    });
    expect(created!.status).toBe('pending');
    expect(kit.queryClient.getQueryData(predictionKeys.detail(kit.client, created!.id))).toEqual(
      expect.objectContaining({ id: created!.id }),
    );
    await waitFor(() => expect(result.current.status).toBe('succeeded'), { timeout: 5000 });
    expect(kit.count('GET', `/predictions/${created!.id}`)).toBe(0);
    expect(kit.count('GET', `/predictions/${created!.id}/stream`)).toBe(1);
    expect(result.current.prediction).toEqual(await kit.get(created!.id));
  });

  it('cancels: canceling until the server confirms, then canceled', async () => {
    kit = setupPredictKit({ faults: { latencyMs: 30 } });
    const statuses: CreateStatus[] = [];
    const canceling: CreateStatus[] = [];
    const { result } = renderHook(
      () => {
        const state = useCreatePrediction('predictkit/slow-task');
        statuses.push(state.status);
        if (state.isCanceling) canceling.push(state.status);
        return state;
      },
      { wrapper: kit.wrapper },
    );
    await act(async () => {
      await result.current.create({ duration_s: 500, steps: 100 });
    });
    await waitFor(() => expect(result.current.status).toBe('started'));
    const answer = await act(() => result.current.cancel());
    expect(answer!.id).toBe(result.current.prediction?.id);
    await waitFor(() => expect(result.current.status).toBe('canceled'));
    expect(result.current.isCanceling).toBe(false);
    expect(result.current.error).toBeNull();
    expect(result.current.prediction?.error?.source).toBe('external');
    expect(distinct(statuses).slice(-2)).toEqual(['canceling', 'canceled']);
    expect(canceling.length).toBeGreaterThan(0);
    expect(new Set(canceling)).toEqual(new Set(['canceling']));
    expect(kit.count('POST', `/predictions/${answer!.id}/cancel`)).toBe(1);
  });

  it('stays active through an outage and a failed cancel; a watch that failed for good is not active', async () => {
    fakeClock({ running: true });
    kit = setupPredictKit({ tokens: ['r8_good'] });
    kit.token = 'r8_good';
    const { result } = renderHook(
      () => useCreatePrediction('predictkit/slow-task', { stream: false, interval: 250 }),
      { wrapper: kit.wrapper },
    );
    expect(result.current.isActive).toBe(false);
    await act(() => result.current.create({ duration_s: 500, steps: 100 }));
    await until(() => expect(result.current.status).toBe('started'));
    expect(result.current.isActive).toBe(true);

    kit.offline = true;
    await until(() => expect(result.current.isRetrying).toBe(true));
    expect(result.current.isActive).toBe(true);
    expect(await act(() => result.current.cancel())).toBeUndefined();
    expect(result.current.cancelError?.name).toBe('ConnectionError');
    expect(result.current.error).toBe(result.current.cancelError);
    expect(result.current.isActive).toBe(true);

    kit.offline = false;
    await until(() => expect(result.current.isRetrying).toBe(false));
    expect(result.current.status).toBe('started');
    expect(result.current.isActive).toBe(true);
    // A refused token (a 401) ends the watch for good: nothing follows the prediction any more.
    kit.token = 'revoked';
    kit.offline = true;
    expect(await act(() => result.current.cancel())).toBeUndefined();
    kit.offline = false;
    await until(() => expect(result.current.isActive).toBe(false));
    expect(result.current.status).toBe('started');
    expect(result.current.isRetrying).toBe(false);
    // Why following stopped comes first, before the cancel's failure.
    expect(result.current.error).toMatchObject({ status: 401 });
    expect(result.current.cancelError?.name).toBe('ConnectionError');
  });

  it('cancels a prediction still being created once its create answers, reading canceling meanwhile', async () => {
    kit = setupPredictKit();
    // Prefer: wait holds the create for a second of a run that takes six
    const { result } = renderHook(() => useCreatePrediction('predictkit/slow-task', { wait: 1 }), {
      wrapper: kit.wrapper,
    });
    let created: ReturnType<typeof result.current.create>;
    act(() => {
      created = result.current.create({ duration_s: 600, steps: 5 });
    });
    await waitFor(() => expect(result.current.status).toBe('creating'));
    // A run is on from its create: a form waiting on `isActive` takes no second submit meanwhile.
    expect(result.current.isActive).toBe(true);
    let canceled: ReturnType<typeof result.current.cancel>;
    let again: ReturnType<typeof result.current.cancel>;
    act(() => {
      canceled = result.current.cancel();
      again = result.current.cancel();
    });
    await waitFor(() => expect(result.current.status).toBe('canceling'));
    expect(result.current.isCanceling).toBe(true);
    const made = await act(() => created);
    const answer = await act(() => canceled);
    expect(answer?.id).toBe(made?.id);
    // the second call shares the first's cancel
    expect(await act(() => again)).toBe(answer);
    await waitFor(() => expect(result.current.status).toBe('canceled'));
    expect(kit.count('POST', `/predictions/${made!.id}/cancel`)).toBe(1);
    expect((await kit.get(made!.id)).status).toBe('failed');
  });

  it('cancels the prediction just created, in the same handler, before it is rendered', async () => {
    kit = setupPredictKit();
    const { result } = renderHook(() => useCreatePrediction('predictkit/slow-task'), {
      wrapper: kit.wrapper,
    });
    for (let run = 0; run < 2; run++) {
      const { made, answer } = await act(async () => {
        const made = await result.current.create({ duration_s: 600, steps: 5 });
        return { made, answer: await result.current.cancel() };
      });
      expect(answer?.id).toBe(made?.id);
      await waitFor(() => expect(result.current.status).toBe('canceled'));
    }
    expect(kit.count('POST', /\/cancel$/)).toBe(2);
  });

  it('creates once where the app retries mutations: a lost answer is an error saying it may have been created', async () => {
    kit = setupPredictKit();
    kit.queryClient.setDefaultOptions({ mutations: { retry: 3, retryDelay: 1 } });
    kit.loseAnswer = (request) => request.method === 'POST';
    const { result } = renderHook(
      () => ({ run: useCreatePrediction('predictkit/echo'), list: usePredictionList() }),
      { wrapper: kit.wrapper },
    );
    await waitFor(() => expect(result.current.list.predictions).toEqual([]));
    const made = await act(() => result.current.run.create({ text: 'once' }));
    expect(made).toBeUndefined();
    await waitFor(() => expect(result.current.run.status).toBe('error'));
    expect(kit.count('POST', /./)).toBe(1);
    expect(result.current.run.error?.message).toContain('it may have been created');
    // the list looks again, and shows the prediction the lost answer was about
    await waitFor(() => expect(result.current.list.predictions).toHaveLength(1));
  });

  it('keeps the field issues of a 422 from validateInput', async () => {
    kit = setupPredictKit();
    const { result } = renderHook(() => useCreatePrediction('predictkit/echo', { validateInput: true }), {
      wrapper: kit.wrapper,
    });
    let created: unknown = 'not yet';
    await act(async () => {
      created = await result.current.create({ text: 42, delay_ms: -5 });
    });
    expect(created).toBeUndefined();
    await waitFor(() => expect(result.current.status).toBe('error'));
    const error = result.current.error as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(422);
    expect(error.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining([['text'], ['delay_ms']]));
    expect(kit.requests[0]!.headers.get('validate-input')).toBe('true');
    expect(result.current.prediction).toBeUndefined();

    await act(async () => {
      await result.current.create({ text: 'fixed' });
    });
    await waitFor(() => expect(result.current.status).toBe('succeeded'));
    expect(result.current.error).toBeNull();
  });

  it('waits with Prefer: wait, and then has nothing left to watch', async () => {
    fakeClock({ running: true });
    kit = setupPredictKit();
    const { result } = renderHook(() => useCreatePrediction('predictkit/echo', { wait: 10 }), {
      wrapper: kit.wrapper,
    });
    await act(async () => {
      const created = await result.current.create({ text: 'quick' });
      expect(created?.status).toBe('succeeded');
    });
    await waitFor(() => expect(result.current.status).toBe('succeeded'));
    expect(result.current.output).toBe('quick');
    expect(kit.requests[0]!.headers.get('prefer')).toBe('wait=10');
    // Past any wait a watcher could have: polls come at most 5 s apart, retries 8 s.
    await tick(60_000);
    expect(kit.requests).toHaveLength(1);
  });

  it('takes the model and options per call, with a version', async () => {
    kit = setupPredictKit();
    const { result } = renderHook(() => useCreatePrediction(), { wrapper: kit.wrapper });
    await act(async () => {
      await result.current.create(
        { prompt: 'Alice', max_tokens: 5 },
        { model: 'predictkit/text-generator:1', wait: 5 },
      );
    });
    expect(kit.count('POST', '/models/predictkit/text-generator/versions/1/predictions')).toBe(1);
    await waitFor(() => expect(result.current.status).toBe('succeeded'));
    expect(result.current.prediction?.model).toEqual(
      expect.objectContaining({ name: 'text-generator', version_number: 1 }),
    );
  });

  it('stop() stops watching and keeps what arrived; the prediction runs on', async () => {
    // Time moves only when the test moves it, at the model's own pace: the prediction is still
    // running after the span the test waits through.
    fakeClock();
    kit = setupPredictKit({ timeScale: 1 });
    const { result } = renderHook(() => useCreatePrediction('predictkit/slow-task'), {
      wrapper: kit.wrapper,
    });
    await act(async () => {
      await result.current.create({ duration_s: 600, steps: 600 });
    });
    await until(() => expect(result.current.prediction?.logs?.length).toBeGreaterThan(1));
    const stream = kit.requests.find((r) => r.url.endsWith('/stream'))!;
    act(() => result.current.stop());
    await until(() => expect(stream.signal.aborted).toBe(true));
    const kept = result.current.prediction;
    expect(result.current.status).toBe('stopped');
    const sent = kit.requests.length;
    // Past any wait a watcher left behind could have: polls come at most 5 s apart, retries 8 s.
    await tick(60_000);
    expect(kit.requests).toHaveLength(sent);
    expect(result.current.prediction).toBe(kept);
    expect((await kit.get(kept!.id)).status).toBe('started');

    act(() => result.current.reset());
    await until(() => expect(result.current.status).toBe('idle'));
    expect(result.current.prediction).toBeUndefined();
  });

  it('stop() while creating aborts the request and reads idle, without an error', async () => {
    kit = setupPredictKit({ faults: { latencyMs: 300 } });
    const { result } = renderHook(() => useCreatePrediction('predictkit/echo'), { wrapper: kit.wrapper });
    let pending: Promise<unknown> = Promise.resolve('not yet');
    act(() => {
      pending = result.current.create({ text: 'never mind' });
    });
    await waitFor(() => expect(result.current.status).toBe('creating'));
    act(() => result.current.stop());
    expect(await pending).toBeUndefined();
    await waitFor(() => expect(result.current.status).toBe('idle'));
    expect(kit.requests[0]!.signal.aborted).toBe(true);
    expect(result.current.error).toBeNull();
  });

  it('aborts an unanswered create on unmount, without a React warning', async () => {
    fakeClock({ running: true });
    kit = setupPredictKit({ faults: { latencyMs: 300 } });
    const consoleError = vi.spyOn(console, 'error');
    const { result, unmount } = renderHook(() => useCreatePrediction('predictkit/echo'), {
      wrapper: kit.wrapper,
    });
    let pending: Promise<unknown> = Promise.resolve('not yet');
    act(() => {
      pending = result.current.create({ text: 'bye' });
    });
    await waitFor(() => expect(kit.requests).toHaveLength(1));
    unmount();
    expect(kit.requests[0]!.signal.aborted).toBe(true);
    expect(await pending).toBeUndefined();
    // Past the answer it would have had, and any retry's backoff (8 s at most).
    await tick(60_000);
    expect(kit.requests).toHaveLength(1);
    expect(consoleError).not.toHaveBeenCalled();
  });
  it('creates again after its effects were cleaned up and run again (an <Activity> hidden, then shown)', async () => {
    kit = setupPredictKit();
    render(<App />, { wrapper: kit.wrapper });
    await act(async () => {
      await api!.create({ text: 'before' });
    });
    act(() => setMode('hidden'));
    act(() => setMode('visible'));
    let created: Awaited<ReturnType<CreateApi['create']>>;
    await act(async () => {
      created = await api!.create({ text: 'after' });
    });
    expect(created!).toEqual(expect.objectContaining({ input: { text: 'after' } }));
    expect(kit.count('POST', '/models/predictkit/echo/predictions')).toBe(2);
    expect(api!.error).toBeNull();
  });
});
