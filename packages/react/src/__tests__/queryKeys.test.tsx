import type { Client, Model, Prediction } from '@predictkit/core';
import { demoModels } from '@predictkit/server';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  modelKeys,
  modelQueryOptions,
  PredictKitProvider,
  predictionKeys,
  predictionQueryOptions,
  useModels,
  usePrediction,
} from '../index';
import { type SetupResult, setupPredictKit } from './setupPredictKit';

let kits: SetupResult[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(kits.map((kit) => kit.close()));
  kits = [];
});

/** What the probe last rendered. */
let seen: { prediction?: Prediction; error: Error | null; models: Model[] } = { error: null, models: [] };

function Probe({ id }: { id: string }) {
  const { prediction, error } = usePrediction(id);
  seen = { prediction, error, models: useModels().models };
  return null;
}

describe('query keys', () => {
  it('start with the client’s base URL, so two APIs never share a cache entry', () => {
    const [a, b] = [{ baseUrl: 'http://a.test/v1' }, { baseUrl: '/api/predictkit' }];
    expect(predictionKeys.detail(a, 'p1')).toEqual([
      'predictkit',
      'http://a.test/v1',
      'predictions',
      'detail',
      'p1',
    ]);
    expect(predictionKeys.detail(b, 'p1')).not.toEqual(predictionKeys.detail(a, 'p1'));
    expect(predictionKeys.list(a, { pageSize: 5 })).toEqual([
      'predictkit',
      'http://a.test/v1',
      'predictions',
      'list',
      { pageSize: 5 },
    ]);
    expect(modelKeys.detail(b, { owner: 'o', name: 'n', version: 2 })).toEqual([
      'predictkit',
      '/api/predictkit',
      'models',
      'detail',
      'o/n:2',
    ]);
    expect(modelKeys.list(b, { q: 'x' }).slice(0, 4)).toEqual(modelKeys.lists(b));
  });

  it('the query options use them', () => {
    const kit = setupPredictKit();
    kits.push(kit);
    expect(predictionQueryOptions(kit.client, 'p1').queryKey).toEqual(
      predictionKeys.detail(kit.client, 'p1'),
    );
    expect(modelQueryOptions(kit.client, 'a/b').queryKey).toEqual(modelKeys.detail(kit.client, 'a/b'));
  });

  it('switching the app’s client shows the new API’s predictions and models, not the old one’s cache', async () => {
    const a = setupPredictKit();
    const echo = demoModels.filter((model) => model.name === 'echo');
    const b = setupPredictKit({ models: echo }, 'http://127.0.0.1:8788/v1');
    kits.push(a, b);
    const created = await a.create('predictkit/echo', { text: 'only on A' });
    // One QueryClient for the app, as when the playground switches its API target.
    const app = (client: Client) => (
      <QueryClientProvider client={a.queryClient}>
        <PredictKitProvider client={client}>
          <Probe id={created.id} />
        </PredictKitProvider>
      </QueryClientProvider>
    );
    const { rerender } = render(app(a.client));
    await waitFor(() => expect(seen.prediction?.status).toBe('succeeded'));
    await waitFor(() => expect(seen.models.length).toBeGreaterThan(1));

    rerender(app(b.client));
    // Not even for a moment as a placeholder: A's catalogue is not B's.
    expect(seen.models).toEqual([]);
    await waitFor(() => expect(seen.error).toMatchObject({ status: 404 }));
    expect(seen.prediction).toBeUndefined();
    await waitFor(() => expect(seen.models.map((model) => model.name)).toEqual(['echo']));
    expect(b.count('GET', `/predictions/${created.id}`)).toBe(1);
    expect(b.count('GET', '/models')).toBe(1);

    rerender(app(a.client));
    // A's entries are still there: back on A, its prediction shows at once.
    expect(seen.prediction?.status).toBe('succeeded');
    expect(seen.error).toBeNull();
  });
});
