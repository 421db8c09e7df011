import { ApiError, createClient, type Prediction, runPrediction } from '@predictkit/core';
import { createProxyHandler, type PredictionSink } from '@predictkit/core/server';
import { createServer, type PredictKitServer } from '@predictkit/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useRecordedFeedback, useScorePrediction } from '../feedback/index';
import { PredictKitProvider } from '../PredictKitProvider';

let server: PredictKitServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
});

/** The local server behind a proxy whose sink records scores as they come; a client of the proxy. */
function app(failScores = false) {
  server = createServer({ timeScale: 0.01, onWarning: () => {} });
  const scored: [Prediction, string, number][] = [];
  const sink: PredictionSink = {
    log: () => {},
    score: async (prediction, scorer, value) => {
      if (failScores) throw new Error('Weave is down');
      scored.push([prediction, scorer, value]);
    },
  };
  const proxy = createProxyHandler({
    token: 'server-held',
    upstream: 'http://127.0.0.1:8787/v1',
    allowModels: () => true,
    basePath: '/api',
    fetch: (request) => server!.fetch(request),
    sinks: [sink],
    onError: (error) => logged.push(error),
  });
  const logged: unknown[] = [];
  let cookie = '';
  const client = createClient({
    baseUrl: 'http://app.test/api',
    fetch: async (request) => {
      const headers = new Headers(request.headers);
      if (cookie) headers.set('cookie', cookie);
      const res = await proxy(new Request(request, { headers }));
      cookie = res.headers.getSetCookie()[0]?.split(';')[0] ?? cookie;
      return res;
    },
  });
  const queryClient = new QueryClient();
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <PredictKitProvider client={client}>{children}</PredictKitProvider>
    </QueryClientProvider>
  );
  return { client, wrapper, scored, logged };
}

const useFeedback = (id: string) => ({ score: useScorePrediction(), recorded: useRecordedFeedback(id) });

describe('useScorePrediction', () => {
  it('records a score through the proxy, and keeps what was recorded', async () => {
    const { client, wrapper, scored } = app();
    const done = await runPrediction(client, 'predictkit/echo', { text: 'x' });
    const { result } = renderHook(() => useFeedback(done.id), { wrapper });
    expect(result.current.recorded).toEqual({});
    await act(async () => {
      await result.current.score.mutateAsync({ predictionId: done.id, scorer: 'thumbs', value: true });
    });
    await act(async () => {
      await result.current.score.mutateAsync({ predictionId: done.id, scorer: 'rating', value: 5 });
    });
    await waitFor(() => expect(result.current.recorded).toEqual({ thumbs: 1, rating: 5 }));
    expect(scored.map(([p, scorer, value]) => [p.id, scorer, value])).toEqual([
      [done.id, 'thumbs', 1],
      [done.id, 'rating', 5],
    ]);
  });

  it('fails with the proxy’s words (the sink’s stay on the server), records nothing, and keeps what was sent', async () => {
    const { client, wrapper, logged } = app(true);
    const done = await runPrediction(client, 'predictkit/echo', { text: 'x' });
    const { result } = renderHook(() => useFeedback(done.id), { wrapper });
    await act(async () => {
      await result.current.score
        .mutateAsync({ predictionId: done.id, scorer: 'thumbs', value: 0 })
        .catch(() => {});
    });
    await waitFor(() => expect(result.current.score.error).toBeInstanceOf(ApiError));
    expect(result.current.score.error?.message).toMatch(/could not be recorded; the server log says why/);
    expect(result.current.score.error?.message).not.toMatch(/Weave is down/);
    expect(logged).toEqual([new Error('Weave is down')]);
    expect(result.current.score.variables).toEqual({ predictionId: done.id, scorer: 'thumbs', value: 0 });
    expect(result.current.recorded).toEqual({});
  });
});
