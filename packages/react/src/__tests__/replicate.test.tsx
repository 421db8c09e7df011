/**
 * Every hook with the Replicate provider, against the local server's Replicate surface
 * (`/replicate/v1`), in-process: Replicate's routes, shapes, options and refusals.
 */
import {
  ApiError,
  createClient as createWriftaiClient,
  type ModelVersion,
  type Prediction,
  ValidationError,
} from '@predictkit/core';
import { listModelVersions } from '@predictkit/core/catalog';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CreateStatus,
  modelKeys,
  modelListQueryOptions,
  modelQueryOptions,
  PredictKitProvider,
  predictionKeys,
  predictionListQueryOptions,
  predictionQueryOptions,
  useCancelPrediction,
  useCreatePrediction,
  useModel,
  useModels,
  usePrediction,
  usePredictionList,
} from '../index';
import { BASE_URL, fakeClock, tick } from './setupPredictKit';
import { REPLICATE_URL, type ReplicateSetup, setupReplicate } from './setupReplicate';

const VERSION_ID = /^[\da-f]{64}$/;

let kit: ReplicateSetup;
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  await kit?.close();
});

/** Consecutive duplicates left out. */
const distinct = <T,>(values: T[]) => values.filter((value, i) => value !== values[i - 1]);

const useCancelAndWatch = (id: string) => ({ cancel: useCancelPrediction(), watched: usePrediction(id) });

/** What each `Probe` last rendered, by its name. */
const seen: Record<string, { prediction?: Prediction; version?: ModelVersion }> = {};

function Probe({ name, id }: { name: string; id: string }) {
  const { prediction } = usePrediction(id);
  const { version } = useModel('predictkit/echo');
  seen[name] = { prediction, version };
  return null;
}

const properties = (schema: unknown) => Object.keys((schema as { properties: object }).properties).sort();

describe('useCreatePrediction on Replicate', () => {
  it('creates on the official model’s route with the input alone, and follows it to its output', async () => {
    kit = setupReplicate();
    const statuses: CreateStatus[] = [];
    const { result } = renderHook(
      () => {
        const state = useCreatePrediction<{ text: string; delay_ms: number }, string>('predictkit/echo');
        statuses.push(state.status);
        return state;
      },
      { wrapper: kit.wrapper },
    );
    await act(async () => {
      await result.current.create({ text: 'hello', delay_ms: 200 });
    });
    await waitFor(() => expect(result.current.status).toBe('succeeded'));
    expect(result.current.output).toBe('hello');
    expect(kit.sent()[0]).toBe('POST /models/predictkit/echo/predictions');
    expect(kit.body(kit.requests[0]!)).toEqual({ input: { text: 'hello', delay_ms: 200 } });
    expect(kit.count('POST', /./)).toBe(1);
    // Replicate's `starting` and `processing` read as PredictKit's statuses.
    expect(statuses).toContain('pending');
    expect(['idle', 'creating', 'pending', 'started', 'succeeded']).toEqual(
      expect.arrayContaining(distinct(statuses)),
    );
    expect(result.current.prediction).toMatchObject({
      model: { owner: 'predictkit', name: 'echo' },
      input: { text: 'hello', delay_ms: 200 },
      error: null,
    });
    expect(result.current.prediction?.logs).toContain('Echoing 5 characters');
    expect(result.current.prediction).toEqual(await kit.get(result.current.prediction!.id));
  });

  it('runs a version by its 64-hex id, with its model’s name or alone, and streams its output', async () => {
    kit = setupReplicate();
    const version = await kit.latestVersion('predictkit/text-generator');
    expect(version).toMatch(VERSION_ID);
    const { result } = renderHook(() => useCreatePrediction<Record<string, unknown>, string[]>(), {
      wrapper: kit.wrapper,
    });
    for (const model of [`predictkit/text-generator:${version}`, version]) {
      await act(async () => {
        await result.current.create({ prompt: 'Alice', max_tokens: 8, seed: 4 }, { model });
      });
      const creates = kit.requests.filter((r) => r.method === 'POST');
      expect(kit.count('POST', /./)).toBe(creates.length);
      expect(kit.count('POST', '/predictions')).toBe(creates.length);
      expect(kit.body(creates.at(-1)!)).toEqual({
        input: { prompt: 'Alice', max_tokens: 8, seed: 4 },
        version: model,
      });
      await waitFor(() => expect(result.current.status).toBe('succeeded'));
      const { id } = result.current.prediction!;
      expect(result.current.prediction?.model).toEqual({
        owner: 'predictkit',
        name: 'text-generator',
        version_id: version,
      });
      expect(result.current.output).toEqual((await kit.get(id)).output);
      expect(result.current.output).toHaveLength(8);
      expect(kit.count('GET', `/predictions/${id}/stream`)).toBe(1);
    }
  });

  it('refuses a WriftAI version number before sending anything', async () => {
    kit = setupReplicate();
    const { result } = renderHook(() => useCreatePrediction('predictkit/echo:1'), { wrapper: kit.wrapper });
    let created: unknown = 'not yet';
    await act(async () => {
      created = await result.current.create({ text: 'x' });
    });
    expect(created).toBeUndefined();
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toBeInstanceOf(TypeError);
    expect(result.current.error?.message).toMatch(/64-hex version id on Replicate, got "?1"?/);
    expect(kit.requests).toHaveLength(0);
  });

  it('runs a deployment named on the hook, or per call in place of the hook’s model', async () => {
    kit = setupReplicate();
    const { result } = renderHook(
      () => ({
        deployed: useCreatePrediction<{ text: string }, string>(undefined, { deployment: 'predictkit/echo' }),
        modelled: useCreatePrediction<{ text: string }, string>('predictkit/text-generator'),
      }),
      { wrapper: kit.wrapper },
    );
    await act(async () => {
      await result.current.deployed.create({ text: 'on the hook' });
    });
    await waitFor(() => expect(result.current.deployed.status).toBe('succeeded'));
    expect(result.current.deployed.output).toBe('on the hook');
    expect(kit.sent()[0]).toBe('POST /deployments/predictkit/echo/predictions');
    expect(kit.count('POST', /./)).toBe(1);
    expect(kit.body(kit.requests[0]!)).toEqual({ input: { text: 'on the hook' } });

    await act(async () => {
      await result.current.modelled.create({ text: 'per call' }, { deployment: 'predictkit/echo' });
    });
    await waitFor(() => expect(result.current.modelled.status).toBe('succeeded'));
    expect(result.current.modelled.output).toBe('per call');
    expect(result.current.modelled.prediction?.model).toMatchObject({ owner: 'predictkit', name: 'echo' });
    expect(kit.count('POST', '/deployments/predictkit/echo/predictions')).toBe(2);
    expect(kit.count('POST', /^\/models\//)).toBe(0);

    await act(async () => {
      await result.current.modelled.create({ text: 'nowhere' }, { deployment: 'acme/nothing' });
    });
    await waitFor(() => expect(result.current.modelled.status).toBe('error'));
    expect(result.current.modelled.error).toMatchObject({ name: 'ApiError', status: 404 });
  });

  it('sends Cancel-After, from the hook or per call; a prediction past its deadline ends aborted or canceled', async () => {
    kit = setupReplicate();
    const { result } = renderHook(() => useCreatePrediction('predictkit/slow-task', { cancelAfter: 1 }), {
      wrapper: kit.wrapper,
    });
    await act(async () => {
      await result.current.create({ duration_s: 600, steps: 10 });
    });
    expect(kit.requests[0]!.headers.get('cancel-after')).toBe('1s');
    await waitFor(() => expect(result.current.isTerminal).toBe(true));
    expect(['aborted', 'canceled']).toContain(result.current.status);
    expect(result.current.error).toBeNull();
    expect((await kit.get(result.current.prediction!.id)).status).toBe(result.current.status);

    await act(async () => {
      await result.current.create({ duration_s: 1, steps: 1 }, { cancelAfter: '1h30m' });
    });
    expect(kit.requests.at(-1)!.headers.get('cancel-after')).toBe('1h30m');
    await waitFor(() => expect(result.current.status).toBe('succeeded'));
  });

  it('asks for webhooks with Replicate’s event filter, and the server delivers only those events', async () => {
    kit = setupReplicate();
    const url = 'https://hooks.example.com/replicate';
    const { result } = renderHook(
      () => useCreatePrediction('predictkit/echo', { webhook: { url, events: ['completed'] } }),
      { wrapper: kit.wrapper },
    );
    await act(async () => {
      await result.current.create({ text: 'hook' });
    });
    expect(kit.body(kit.requests[0]!)).toEqual({
      input: { text: 'hook' },
      webhook: url,
      webhook_events_filter: ['completed'],
    });
    await waitFor(() => expect(result.current.status).toBe('succeeded'));
    await waitFor(() => expect(kit.webhooks).toHaveLength(1));
    expect(kit.webhooks[0]).toMatchObject({
      url,
      body: { id: result.current.prediction!.id, status: 'succeeded', output: 'hook' },
    });
  });

  it('refuses a webhook secret, which Replicate does not take, before sending anything', async () => {
    kit = setupReplicate();
    const { result } = renderHook(() => useCreatePrediction('predictkit/echo'), { wrapper: kit.wrapper });
    await act(async () => {
      await result.current.create(
        { text: 'x' },
        { webhook: { url: 'https://hooks.example.com', secret: 's' } },
      );
    });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toBeInstanceOf(TypeError);
    expect(result.current.error?.message).toBe(
      'createPrediction: `webhook.secret` is not available on Replicate.',
    );
    expect(kit.requests).toHaveLength(0);
  });

  it('keeps the field issues of Replicate’s 422, then creates once the input is fixed', async () => {
    kit = setupReplicate();
    const { result } = renderHook(() => useCreatePrediction('predictkit/echo'), { wrapper: kit.wrapper });
    await act(async () => {
      await result.current.create({ text: 42 });
    });
    await waitFor(() => expect(result.current.status).toBe('error'));
    const error = result.current.error as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(422);
    expect(error.issues.map((issue) => issue.path)).toEqual([['text']]);
    expect(result.current.prediction).toBeUndefined();

    await act(async () => {
      await result.current.create({ text: 'fixed' });
    });
    await waitFor(() => expect(result.current.status).toBe('succeeded'));
    expect(result.current.error).toBeNull();
  });

  it('holds the create with Prefer: wait, and then has nothing left to watch', async () => {
    fakeClock({ running: true });
    kit = setupReplicate();
    const { result } = renderHook(() => useCreatePrediction('predictkit/echo', { wait: 5 }), {
      wrapper: kit.wrapper,
    });
    let created: Prediction | undefined;
    await act(async () => {
      created = await result.current.create({ text: 'quick' });
    });
    expect(created?.status).toBe('succeeded');
    expect(kit.requests[0]!.headers.get('prefer')).toBe('wait=5');
    await waitFor(() => expect(result.current.status).toBe('succeeded'));
    expect(result.current.output).toBe('quick');
    // Past any wait a watcher could have: polls come at most 5 s apart, retries 8 s.
    await tick(60_000);
    expect(kit.requests).toHaveLength(1);
  });

  it('cancel(): canceling until the server confirms, then canceled', async () => {
    kit = setupReplicate({ faults: { latencyMs: 30 } });
    const statuses: CreateStatus[] = [];
    const { result } = renderHook(
      () => {
        const state = useCreatePrediction('predictkit/slow-task');
        statuses.push(state.status);
        return state;
      },
      { wrapper: kit.wrapper },
    );
    await act(async () => {
      await result.current.create({ duration_s: 500, steps: 100 });
    });
    await waitFor(() => expect(result.current.status).toBe('started'));
    const answer = await act(() => result.current.cancel());
    expect(kit.sent().at(-1)).toBe(`POST /predictions/${answer!.id}/cancel`);
    await waitFor(() => expect(result.current.status).toBe('canceled'));
    expect(result.current.error).toBeNull();
    expect(distinct(statuses).slice(-2)).toEqual(['canceling', 'canceled']);
    expect((await kit.get(answer!.id)).status).toBe('canceled');
  });
});

describe('usePrediction on Replicate', () => {
  it('polls to the end, reading Replicate’s statuses, logs and timings as PredictKit’s', async () => {
    kit = setupReplicate();
    const created = await kit.create('predictkit/slow-task', { duration_s: 20, steps: 4 });
    const statuses: unknown[] = [];
    const { result } = renderHook(
      () => {
        const state = usePrediction(created.id, { stream: false, interval: 20 });
        statuses.push(state.status);
        return state;
      },
      { wrapper: kit.wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('succeeded'));
    expect(distinct(statuses.filter(Boolean))).toEqual(expect.arrayContaining(['started', 'succeeded']));
    expect(['pending', 'started', 'succeeded']).toEqual(
      expect.arrayContaining(distinct(statuses.filter(Boolean))),
    );
    expect(kit.count('GET', `/predictions/${created.id}`)).toBeGreaterThan(1);
    expect(kit.count('GET', /\/stream$/)).toBe(0);
    const final = await kit.get(created.id);
    expect(result.current.prediction).toEqual(final);
    expect(final.logs!.length).toBeGreaterThan(1);
    expect(final.execution_time).toMatch(/^\d+\.\d{6}$/);
  });

  it('follows Replicate’s stream chunk by chunk, ending on what GET says', async () => {
    kit = setupReplicate();
    const created = await kit.create('predictkit/text-generator', {
      prompt: 'Alice',
      max_tokens: 30,
      seed: 2,
    });
    expect(created.urls?.stream).toBeTruthy();
    const lengths: number[] = [];
    const { result } = renderHook(
      () => {
        const state = usePrediction<Record<string, unknown>, string[]>(created.id, { stream: true });
        lengths.push(state.output?.length ?? 0);
        return state;
      },
      { wrapper: kit.wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('succeeded'));
    const final = await kit.get(created.id);
    expect(result.current.prediction).toEqual(final);
    expect(result.current.output).toHaveLength(30);
    // No chunk counted twice, none lost.
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(kit.count('GET', `/predictions/${created.id}/stream`)).toBe(1);
  });

  it('reports an unknown id with Replicate’s 404 and stops', async () => {
    kit = setupReplicate();
    const settled: [unknown, unknown][] = [];
    const { result } = renderHook(
      () => usePrediction('nope', { onSettled: (prediction, error) => settled.push([prediction, error]) }),
      { wrapper: kit.wrapper },
    );
    await waitFor(() => expect(result.current.error).toBeInstanceOf(ApiError));
    expect(result.current.error).toMatchObject({ status: 404 });
    expect(result.current.prediction).toBeUndefined();
    expect(settled).toEqual([[undefined, result.current.error]]);
    expect(kit.sent()).toEqual(['GET /predictions/nope']);
  });
});

describe('useCancelPrediction on Replicate', () => {
  it('shows canceling until the server says canceled', async () => {
    kit = setupReplicate({ faults: { latencyMs: 30 } });
    const created = await kit.create('predictkit/slow-task', { duration_s: 500, steps: 100 });
    const statuses: unknown[] = [];
    const { result } = renderHook(
      () => {
        const state = useCancelAndWatch(created.id);
        statuses.push(state.watched.status);
        return state;
      },
      { wrapper: kit.wrapper },
    );
    await waitFor(() => expect(result.current.watched.status).toBe('started'));
    await act(async () => {
      await result.current.cancel.mutateAsync(created.id);
    });
    expect(kit.count('POST', `/predictions/${created.id}/cancel`)).toBe(1);
    await waitFor(() => expect(result.current.watched.status).toBe('canceled'));
    expect(statuses).toContain('canceling');
    expect(statuses.slice(statuses.indexOf('canceling'))).not.toContain('started');
    expect(result.current.cancel.data?.status).toBe('canceled');
    expect((await kit.get(created.id)).status).toBe('canceled');
  });

  it('refuses to cancel a finished prediction with a 409, and changes nothing', async () => {
    kit = setupReplicate();
    const created = await kit.create('predictkit/echo', { text: 'done' });
    const { result } = renderHook(() => useCancelAndWatch(created.id), { wrapper: kit.wrapper });
    await waitFor(() => expect(result.current.watched.status).toBe('succeeded'));
    const before = kit.queryClient.getQueryData(predictionKeys.detail(kit.client, created.id));
    await act(async () => {
      await expect(result.current.cancel.mutateAsync(created.id)).rejects.toThrow(ApiError);
    });
    await waitFor(() => expect(result.current.cancel.isError).toBe(true));
    expect(result.current.cancel.error).toMatchObject({ status: 409 });
    expect(kit.queryClient.getQueryData(predictionKeys.detail(kit.client, created.id))).toBe(before);
    expect(result.current.watched.status).toBe('succeeded');
    expect(result.current.watched.isCanceling).toBe(false);
  });
});

describe('usePredictionList on Replicate', () => {
  it('pages through Replicate’s pages of 100 by the cursor of `next`, newest first', async () => {
    kit = setupReplicate();
    const ids: string[] = [];
    for (let i = 0; i < 104; i++) ids.unshift((await kit.create('predictkit/echo', { text: `#${i}` })).id);
    const { result } = renderHook(() => usePredictionList(), { wrapper: kit.wrapper });
    await waitFor(() => expect(result.current.predictions).toHaveLength(100));
    expect(result.current.hasNextPage).toBe(true);
    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.predictions).toHaveLength(104));
    expect(result.current.hasNextPage).toBe(false);
    expect(result.current.predictions.map((p) => p.id)).toEqual(ids);
    const [first, next] = kit.sent();
    expect(first).toBe('GET /predictions');
    expect(next).toMatch(/^GET \/predictions\?cursor=[^&]+$/);
    expect(kit.requests).toHaveLength(2);
  });

  it('puts a created prediction first without a refetch, and keeps live rows current to their end', async () => {
    kit = setupReplicate();
    await kit.create('predictkit/echo', { text: 'older' });
    const { result } = renderHook(
      () => ({
        list: usePredictionList({ live: true }),
        created: useCreatePrediction('predictkit/slow-task'),
      }),
      { wrapper: kit.wrapper },
    );
    await waitFor(() => expect(result.current.list.predictions).toHaveLength(1));
    let created: Prediction | undefined;
    await act(async () => {
      created = await result.current.created.create({ duration_s: 20, steps: 4 });
    });
    expect(result.current.list.predictions.map((p) => p.id)[0]).toBe(created!.id);
    await waitFor(() => expect(result.current.list.predictions[0]!.status).toBe('succeeded'));
    expect(result.current.list.predictions).toHaveLength(2);
    expect(result.current.list.predictions[0]).not.toHaveProperty('output');
    expect(kit.count('GET', '/predictions')).toBe(1);
  });

  it('refuses pageSize with the provider’s TypeError, sending nothing', async () => {
    kit = setupReplicate();
    const { result } = renderHook(() => usePredictionList({ pageSize: 5 }), { wrapper: kit.wrapper });
    await waitFor(() => expect(result.current.error).toBeInstanceOf(TypeError));
    expect(result.current.error?.message).toBe('listPredictions: `pageSize` is not available on Replicate.');
    expect(result.current.predictions).toEqual([]);
    expect(kit.requests).toHaveLength(0);
  });
});

describe('useModel on Replicate', () => {
  it('gives the latest version by its id, and an older one by owner/name:<id>, with Cog’s schemas', async () => {
    kit = setupReplicate();
    const { result, rerender } = renderHook(({ ref }) => useModel(ref), {
      wrapper: kit.wrapper,
      initialProps: { ref: 'predictkit/text-generator' },
    });
    await waitFor(() => expect(result.current.version?.id).toMatch(VERSION_ID));
    expect(result.current.model).toMatchObject({ id: 'predictkit/text-generator', name: 'text-generator' });
    expect(properties(result.current.inputSchema)).toEqual([
      'max_tokens',
      'prompt',
      'seed',
      'stop',
      'temperature',
    ]);
    expect(result.current.outputSchema).toMatchObject({ type: 'array' });
    expect(kit.sent()).toEqual(['GET /models/predictkit/text-generator']);

    const versions = await listModelVersions(kit.client, 'predictkit/text-generator');
    const older = versions.items.find((v) => v.id !== result.current.version!.id)!.id!;
    kit.requests.length = 0;
    rerender({ ref: `predictkit/text-generator:${older}` });
    await waitFor(() => expect(result.current.version?.id).toBe(older));
    expect(properties(result.current.inputSchema)).toEqual(['max_tokens', 'prompt', 'seed', 'temperature']);
    expect(kit.count('GET', `/models/predictkit/text-generator/versions/${older}`)).toBe(1);
  });

  it('refuses a WriftAI version number, asking for no version, and reports an unknown model', async () => {
    kit = setupReplicate();
    const { result, rerender } = renderHook(({ ref }) => useModel(ref), {
      wrapper: kit.wrapper,
      initialProps: { ref: 'predictkit/text-generator:1' },
    });
    await waitFor(() => expect(result.current.error).toBeInstanceOf(TypeError));
    expect(result.current.error?.message).toMatch(/64-hex version id on Replicate/);
    expect(result.current.model).toBeUndefined();
    expect(kit.count('GET', /\/versions\//)).toBe(0);
    rerender({ ref: 'predictkit/no-such-model' });
    await waitFor(() => expect(result.current.error).toMatchObject({ name: 'ApiError', status: 404 }));
    expect(result.current.model).toBeUndefined();
  });
});

describe('useModels on Replicate', () => {
  it('lists the models, and searches them with QUERY /models', async () => {
    kit = setupReplicate();
    const { result, rerender } = renderHook(({ q }) => useModels({ q }), {
      wrapper: kit.wrapper,
      initialProps: { q: '' },
    });
    await waitFor(() => expect(result.current.models.length).toBeGreaterThan(1));
    const names = result.current.models.map((model) => model.id);
    expect(names).toEqual(expect.arrayContaining(['predictkit/echo', 'predictkit/text-generator']));
    expect(kit.sent()).toEqual(['GET /models']);

    rerender({ q: 'sentiment' });
    await waitFor(() => expect(kit.requests).toHaveLength(2));
    const search = kit.requests[1]!;
    expect(kit.sent()[1]).toBe('QUERY /models');
    expect(kit.body(search)).toBe('sentiment');
    await waitFor(() => expect(result.current.isPlaceholderData).toBe(false));
    expect(result.current.models.map((model) => model.id)).toEqual(['predictkit/sentiment']);
  });

  it('refuses sorting, categories and page sizes with the provider’s TypeError, sending nothing', async () => {
    kit = setupReplicate();
    const { result, rerender } = renderHook((params) => useModels(params), {
      wrapper: kit.wrapper,
      initialProps: { sort: 'created_at', direction: 'asc' } as Parameters<typeof useModels>[0],
    });
    await waitFor(() => expect(result.current.error).toBeInstanceOf(TypeError));
    expect(result.current.error?.message).toBe('listModels: `sortBy` is not available on Replicate.');
    rerender({ q: 'image', categories: ['image'] });
    await waitFor(() =>
      expect(result.current.error?.message).toBe('searchModels: `categories` is not available on Replicate.'),
    );
    rerender({ pageSize: 5 });
    await waitFor(() =>
      expect(result.current.error?.message).toBe('listModels: `pageSize` is not available on Replicate.'),
    );
    expect(kit.requests).toHaveLength(0);
  });
});

describe('query options and keys on Replicate', () => {
  it('prefetch what the hooks then show on their first render', async () => {
    fakeClock({ running: true });
    kit = setupReplicate();
    const created = await kit.create('predictkit/echo', { text: 'prefetched' });
    await waitFor(async () => expect((await kit.get(created.id)).status).toBe('succeeded'));
    const { client, queryClient } = kit;
    await Promise.all([
      queryClient.prefetchQuery(predictionQueryOptions(client, created.id)),
      queryClient.prefetchQuery(modelQueryOptions(client, 'predictkit/echo')),
      queryClient.prefetchInfiniteQuery(predictionListQueryOptions(client)),
      queryClient.prefetchInfiniteQuery(modelListQueryOptions(client)),
    ]);
    expect(kit.sent().sort()).toEqual([
      'GET /models',
      'GET /models/predictkit/echo',
      'GET /predictions',
      `GET /predictions/${created.id}`,
    ]);
    expect(queryClient.getQueryData(predictionQueryOptions(client, created.id).queryKey)?.output).toBe(
      'prefetched',
    );
    const { result } = renderHook(
      () => ({
        prediction: usePrediction(created.id),
        model: useModel('predictkit/echo'),
        list: usePredictionList(),
        models: useModels(),
      }),
      { wrapper: kit.wrapper },
    );
    expect(result.current.prediction.output).toBe('prefetched');
    expect(result.current.model.version?.id).toMatch(VERSION_ID);
    expect(result.current.list.predictions.map((p) => p.id)).toEqual([created.id]);
    expect(result.current.models.models.map((m) => m.id)).toContain('predictkit/echo');
    // A finished prediction in the cache needs no request at all, now or later.
    await tick(60_000);
    expect(kit.count('GET', `/predictions/${created.id}`)).toBe(1);
  });

  it('keep a Replicate client’s cache apart from a WriftAI client’s, on one server and one QueryClient', async () => {
    kit = setupReplicate();
    const wriftai = createWriftaiClient({ baseUrl: BASE_URL, fetch: kit.serverFetch });
    expect(predictionKeys.all(kit.client)).toEqual(['predictkit', REPLICATE_URL, 'predictions']);
    expect(predictionKeys.all(wriftai)).toEqual(['predictkit', BASE_URL, 'predictions']);
    expect(modelKeys.detail(kit.client, 'predictkit/echo')).toEqual([
      'predictkit',
      REPLICATE_URL,
      'models',
      'detail',
      'predictkit/echo',
    ]);
    // One record, which both surfaces find by the Replicate id, each in its own service's shape.
    const created = await kit.create('predictkit/echo', { text: 'one record' });
    await waitFor(async () => expect((await kit.get(created.id)).status).toBe('succeeded'));
    render(
      <QueryClientProvider client={kit.queryClient}>
        <PredictKitProvider client={kit.client}>
          <Probe name="replicate" id={created.id} />
        </PredictKitProvider>
        <PredictKitProvider client={wriftai}>
          <Probe name="wriftai" id={created.id} />
        </PredictKitProvider>
      </QueryClientProvider>,
    );
    await waitFor(() => expect(seen.replicate?.prediction?.status).toBe('succeeded'));
    await waitFor(() => expect(seen.wriftai?.prediction?.status).toBe('succeeded'));
    await waitFor(() => expect(seen.replicate?.version && seen.wriftai?.version).toBeTruthy());
    expect(seen.replicate!.prediction!.model.version_id).toMatch(VERSION_ID);
    expect(seen.replicate!.prediction!.model).not.toHaveProperty('version_number');
    expect(seen.wriftai!.prediction!.model.version_number).toEqual(expect.any(Number));
    expect(seen.wriftai!.prediction!.model).not.toHaveProperty('version_id');
    expect(seen.replicate!.version).toMatchObject({ id: expect.stringMatching(VERSION_ID) });
    expect(seen.wriftai!.version).toMatchObject({ number: expect.any(Number) });
    expect(seen.wriftai!.version).not.toHaveProperty('id');
    // The Replicate client sent its own requests; the WriftAI one read its own surface.
    expect(kit.sent().sort()).toEqual(['GET /models/predictkit/echo', `GET /predictions/${created.id}`]);
  });
});
