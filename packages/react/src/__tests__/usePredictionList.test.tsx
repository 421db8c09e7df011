import { isTerminal, waitForPrediction } from '@predictkit/core';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { predictionKeys, useCreatePrediction, usePredictionList } from '../index';
import { writePrediction } from '../writePrediction';
import { fakeClock, type SetupResult, setupPredictKit, tick, until } from './setupPredictKit';

let kit: SetupResult;
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  await kit?.close();
});

describe('usePredictionList', () => {
  it('pages through cursors, newest first, until next_cursor is null', async () => {
    kit = setupPredictKit();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.unshift((await kit.create('predictkit/echo', { text: `#${i}` })).id);
    const { result } = renderHook(() => usePredictionList({ pageSize: 5 }), { wrapper: kit.wrapper });
    await waitFor(() => expect(result.current.predictions).toHaveLength(5));
    expect(result.current.hasNextPage).toBe(true);
    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.predictions).toHaveLength(10));
    expect(result.current.hasNextPage).toBe(true);
    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.predictions).toHaveLength(12));
    expect(result.current.hasNextPage).toBe(false);
    expect(result.current.predictions.map((p) => p.id)).toEqual(ids);
    expect(result.current.data?.pages.map((page) => page.items.length)).toEqual([5, 5, 2]);
    const lists = kit.requests.filter((r) => new URL(r.url).pathname === '/v1/predictions');
    expect(lists.map((r) => new URL(r.url).searchParams.get('page_size'))).toEqual(['5', '5', '5']);
    expect(lists[0]!.url).not.toContain('cursor');
    expect(lists.slice(1).every((r) => new URL(r.url).searchParams.get('cursor'))).toBe(true);
  });

  it('live: polls only the rows that are not terminal, until they are, without refetching the list', async () => {
    fakeClock({ running: true });
    kit = setupPredictKit();
    const finished = await kit.create('predictkit/echo', { text: 'done' });
    await waitFor(async () => expect((await kit.get(finished.id)).status).toBe('succeeded'));
    const running = [
      await kit.create('predictkit/slow-task', { duration_s: 30, steps: 3 }),
      await kit.create('predictkit/slow-task', { duration_s: 60, steps: 3 }),
    ];
    const { result } = renderHook(() => usePredictionList({ pageSize: 10, live: true }), {
      wrapper: kit.wrapper,
    });
    await waitFor(() => expect(result.current.predictions).toHaveLength(3));
    await waitFor(
      () => expect(result.current.predictions.every((row) => isTerminal(row.status))).toBe(true),
      {
        timeout: 5000,
      },
    );
    expect(result.current.predictions.map((row) => row.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(kit.count('GET', '/predictions')).toBe(1);
    expect(kit.count('GET', `/predictions/${finished.id}`)).toBe(0);
    for (const { id } of running) expect(kit.count('GET', `/predictions/${id}`)).toBeGreaterThan(0);
    expect(kit.count('GET', /\/stream$/)).toBe(0);
    // List rows keep the list's shape: no input, output or logs.
    expect(result.current.predictions[0]).not.toHaveProperty('output');
    const settled = kit.requests.length;
    // Past any wait a poller left behind could have: polls come at most 5 s apart, retries 8 s.
    await tick(60_000);
    expect(kit.requests).toHaveLength(settled);
  });

  it('live: a row keeps one poller on the adaptive schedule while the list around it changes', async () => {
    vi.useFakeTimers();
    kit = setupPredictKit({ timeScale: 1 });
    const created = await kit.create('predictkit/slow-task', { duration_s: 6, steps: 6 });
    const path = `/predictions/${created.id}`;
    const { result } = renderHook(() => usePredictionList({ live: true }), { wrapper: kit.wrapper });
    const statuses = new Set<string>();
    for (let i = 0; i < 400 && result.current.predictions[0]?.status !== 'succeeded'; i++) {
      await tick(50);
      statuses.add(result.current.predictions[0]?.status ?? '');
    }
    expect([...statuses].filter(Boolean)).toEqual(['pending', 'started', 'succeeded']);
    const polls = kit.times.filter((_, i) => new URL(kit.requests[i]!.url).pathname === `/v1${path}`);
    const gaps = polls.map((time, i) => time - (i ? polls[i - 1]! : kit.times[0]!));
    expect(gaps.length).toBeGreaterThan(4);
    // One poller on the default schedule: never two polls within its shortest wait, 50 ms.
    for (const gap of gaps.slice(1)) expect(gap).toBeGreaterThanOrEqual(50);
  });

  it('live: a predicate picks the rows worth a poller; the others stay as loaded', async () => {
    kit = setupPredictKit();
    const mine = await kit.create('predictkit/slow-task', { duration_s: 30, steps: 3 });
    const other = await kit.create('predictkit/slow-task', { duration_s: 30, steps: 3 });
    const { result } = renderHook(
      () => usePredictionList({ live: (row) => row.id === mine.id, pageSize: 10 }),
      { wrapper: kit.wrapper },
    );
    await waitFor(() => expect(result.current.predictions).toHaveLength(2));
    const loaded = result.current.predictions[0]!;
    expect(loaded.id).toBe(other.id);
    await waitFor(() => expect(result.current.predictions[1]!.status).toBe('succeeded'), { timeout: 5000 });
    expect(kit.count('GET', `/predictions/${mine.id}`)).toBeGreaterThan(0);
    expect(kit.count('GET', `/predictions/${other.id}`)).toBe(0);
    expect(result.current.predictions[0]).toBe(loaded);
    expect((await kit.get(other.id)).status).toBe('succeeded');
  });

  it('without live, leaves rows as they were loaded', async () => {
    fakeClock({ running: true });
    kit = setupPredictKit();
    const created = await kit.create('predictkit/slow-task', { duration_s: 10, steps: 2 });
    const { result } = renderHook(() => usePredictionList(), { wrapper: kit.wrapper });
    await waitFor(() => expect(result.current.predictions).toHaveLength(1));
    await tick(60_000);
    // The row had news to pick up, and no poller went to fetch it.
    expect((await kit.get(created.id)).status).toBe('succeeded');
    expect(result.current.predictions[0]!.status).toBe('pending');
    expect(kit.requests).toHaveLength(1);
  });

  it('shows a WriftAI row that reads failed as canceled once its prediction says so, read once', async () => {
    fakeClock({ running: true });
    kit = setupPredictKit();
    const canceled = await kit.create('predictkit/slow-task', { duration_s: 600, steps: 2 });
    await kit.cancel(canceled.id);
    const failed = await kit.create('predictkit/slow-task', { duration_s: 1, steps: 2, fail_at_step: 1 });
    const done = await kit.create('predictkit/echo', { text: 'ok' });
    await until(async () => expect((await kit.get(failed.id)).status).toBe('failed'));
    // as WriftAI ends a cancel: `failed`, with the cancel in its error
    await until(async () => expect((await kit.get(canceled.id)).status).toBe('failed'));
    const { result } = renderHook(() => usePredictionList(), { wrapper: kit.wrapper });
    await waitFor(() =>
      expect(result.current.predictions.map((p) => [p.id, p.status])).toEqual([
        [done.id, 'succeeded'],
        [failed.id, 'failed'],
        [canceled.id, 'canceled'],
      ]),
    );
    // The list, and one read of each failed row (the list cannot tell a cancel from a failure).
    expect(kit.count('GET', '/predictions')).toBe(1);
    expect(kit.count('GET', `/predictions/${canceled.id}`)).toBe(1);
    expect(kit.count('GET', `/predictions/${failed.id}`)).toBe(1);
    expect(kit.count('GET', `/predictions/${done.id}`)).toBe(0);
  });

  it('puts a prediction created with useCreatePrediction at the top, and keeps it live', async () => {
    kit = setupPredictKit();
    for (let i = 0; i < 3; i++) await kit.create('predictkit/echo', { text: `#${i}` });
    const { result } = renderHook(
      () => ({
        list: usePredictionList({ pageSize: 5, live: true }),
        run: useCreatePrediction('predictkit/slow-task'),
      }),
      { wrapper: kit.wrapper },
    );
    await waitFor(() => expect(result.current.list.predictions).toHaveLength(3));
    const created = await act(() => result.current.run.create({ duration_s: 30, steps: 3 }));
    await waitFor(() => expect(result.current.list.predictions).toHaveLength(4));
    expect(result.current.list.predictions[0]!.id).toBe(created!.id);
    await waitFor(() => expect(result.current.list.predictions[0]!.status).toBe('succeeded'), {
      timeout: 5000,
    });
    expect(result.current.run.status).toBe('succeeded');
    expect(kit.count('GET', '/predictions')).toBe(1);
    // One watcher for both: the create's stream; the list adds no poller of its own.
    expect(kit.count('GET', `/predictions/${created!.id}/stream`)).toBe(1);
    expect(kit.count('GET', `/predictions/${created!.id}`)).toBe(0);
  });
  it('renders again as a streamed prediction’s row changes, not on each of its chunks', async () => {
    kit = setupPredictKit();
    let renders = 0;
    const list = renderHook(
      () => {
        renders++;
        return usePredictionList({ pageSize: 5 });
      },
      { wrapper: kit.wrapper },
    );
    await waitFor(() => expect(list.result.current.isFetching).toBe(false));
    const run = renderHook(() => useCreatePrediction('predictkit/text-generator', { stream: true }), {
      wrapper: kit.wrapper,
    });
    const before = renders;
    await act(() => run.result.current.create({ prompt: 'Alice', max_tokens: 60 }));
    await waitFor(() => expect(run.result.current.status).toBe('succeeded'), { timeout: 10_000 });
    expect((run.result.current.output as string[]).length).toBeGreaterThan(40);
    expect(list.result.current.predictions[0]).toMatchObject({ status: 'succeeded' });
    // The row changes a few times (created, started, its end); its output grows sixty times.
    expect(renders - before).toBeLessThan(10);
  });

  describe('a page that was on its way while the cache learnt something newer', () => {
    const isList = (request: Request) =>
      request.method === 'GET' && new URL(request.url).pathname === '/v1/predictions';

    it('keeps a prediction created meanwhile, on top once the page lands, with no request more', async () => {
      kit = setupPredictKit();
      kit.answerDelay = (request) => (isList(request) ? 200 : 0);
      const { result } = renderHook(
        () => ({ list: usePredictionList(), run: useCreatePrediction('predictkit/echo') }),
        { wrapper: kit.wrapper },
      );
      await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
      let created: Awaited<ReturnType<typeof result.current.run.create>>;
      await act(async () => {
        // A refetch (the window regained focus, say) read the server before the create.
        void result.current.list.refetch();
        created = await result.current.run.create({ text: 'new' });
      });
      expect(result.current.list.predictions.map((row) => row.id)).toEqual([created!.id]);
      await waitFor(() => expect(result.current.list.isFetching).toBe(false));
      expect(result.current.list.predictions.map((row) => row.id)).toEqual([created!.id]);
      expect(kit.count('GET', '/predictions')).toBe(2);
    });

    const isNextPage = (request: Request) =>
      isList(request) && new URL(request.url).searchParams.has('cursor');

    it('keeps a row that finished while the next page was on its way', async () => {
      kit = setupPredictKit();
      for (let i = 0; i < 6; i++) await kit.create('predictkit/echo', { text: `#${i}` });
      const running = await kit.create('predictkit/slow-task', { duration_s: 40, steps: 2 });
      const { result } = renderHook(() => usePredictionList({ pageSize: 5, live: true }), {
        wrapper: kit.wrapper,
      });
      await waitFor(() => expect(result.current.predictions).toHaveLength(5));
      expect(result.current.predictions[0]!.id).toBe(running.id);
      kit.answerDelay = (request) => (isNextPage(request) ? 1500 : 0);
      let next: Promise<unknown>;
      act(() => {
        next = result.current.fetchNextPage();
      });
      await waitFor(() => expect(result.current.predictions[0]!.status).toBe('succeeded'));
      await act(() => next);
      await waitFor(() => expect(result.current.predictions).toHaveLength(7));
      expect(result.current.predictions[0]!.status).toBe('succeeded');
    });

    it('keeps the next page the user asked for when a prediction is created meanwhile', async () => {
      kit = setupPredictKit();
      for (let i = 0; i < 7; i++) await kit.create('predictkit/echo', { text: `#${i}` });
      const { result } = renderHook(
        () => ({ list: usePredictionList({ pageSize: 5 }), run: useCreatePrediction('predictkit/echo') }),
        { wrapper: kit.wrapper },
      );
      await waitFor(() => expect(result.current.list.predictions).toHaveLength(5));
      kit.answerDelay = (request) => (isNextPage(request) ? 500 : 0);
      let next: Promise<unknown>;
      act(() => {
        next = result.current.list.fetchNextPage();
      });
      const created = await act(() => result.current.run.create({ text: 'new' }));
      await act(() => next);
      await waitFor(() => expect(result.current.list.predictions).toHaveLength(8));
      expect(result.current.list.predictions[0]!.id).toBe(created!.id);
      expect(new Set(result.current.list.predictions.map((row) => row.id)).size).toBe(8);
    });

    it('keeps the row of a page that lands with the new prediction already further along', async () => {
      fakeClock({ running: true });
      kit = setupPredictKit();
      const list = renderHook(() => usePredictionList({ pageSize: 5 }), { wrapper: kit.wrapper });
      await waitFor(() => expect(list.result.current.isFetching).toBe(false));
      const dialog = renderHook(() => useCreatePrediction('predictkit/slow-task'), { wrapper: kit.wrapper });
      // the server reads the list after the task has ended
      kit.requestDelay = (request) => (isList(request) ? 800 : 0);
      act(() => {
        void list.result.current.refetch();
      });
      const made = await act(() => dialog.result.current.create({ duration_s: 10, steps: 1 }));
      // the dialog that created it closes: nothing watches it any more
      dialog.unmount();
      await waitFor(() => expect(kit.queryClient.isFetching()).toBe(0));
      // nothing later takes the row back
      await tick(5000);
      expect(list.result.current.predictions.map((row) => [row.id, row.status])).toEqual([
        [made!.id, (await kit.get(made!.id)).status],
      ]);
      expect(list.result.current.predictions[0]!.status).toBe('succeeded');
    });

    it('never takes a row back to running after its prediction finished', async () => {
      // Time moves only when the test moves it: the page is built before the prediction ends.
      fakeClock();
      kit = setupPredictKit();
      const running = await kit.create('predictkit/slow-task', { duration_s: 30, steps: 3 });
      const { result } = renderHook(() => usePredictionList(), { wrapper: kit.wrapper });
      await until(() => expect(result.current.predictions).toHaveLength(1));
      kit.answerDelay = (request) => (isList(request) ? 1000 : 0);
      let refetched: Promise<unknown>;
      act(() => {
        refetched = result.current.refetch();
      });
      await until(() => expect(kit.count('GET', '/predictions')).toBe(2));
      // The page is built (running) and on its way when a watcher writes the end.
      expect(isTerminal((await kit.get(running.id)).status)).toBe(false);
      const waited = waitForPrediction(kit.client, running.id, { interval: 20 });
      await tick(500);
      const finished = await waited;
      expect(finished.status).toBe('succeeded');
      act(() => writePrediction(kit.queryClient, kit.client, finished));
      await tick();
      expect(result.current.predictions[0]!.status).toBe('succeeded');
      expect(result.current.isFetching).toBe(true);
      await tick(1000);
      await act(() => refetched);
      expect(result.current.predictions[0]!.status).toBe('succeeded');
      expect(kit.queryClient.getQueryData(predictionKeys.detail(kit.client, running.id))).toBe(finished);
    });
  });
});
