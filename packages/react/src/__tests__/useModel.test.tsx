import { cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useModel, useModels } from '../index';
import { type SetupResult, setupPredictKit } from './setupPredictKit';

let kit: SetupResult;
afterEach(async () => {
  cleanup();
  await kit?.close();
});

const properties = (schema: unknown) => Object.keys((schema as { properties: object }).properties).sort();

describe('useModel', () => {
  it('gives the latest version’s schemas for owner/name, and version N’s for owner/name:N', async () => {
    kit = setupPredictKit();
    const { result, rerender } = renderHook(({ ref }) => useModel(ref), {
      wrapper: kit.wrapper,
      initialProps: { ref: 'predictkit/text-generator' },
    });
    await waitFor(() => expect(result.current.version?.number).toBe(2));
    expect(result.current.model?.name).toBe('text-generator');
    expect(properties(result.current.inputSchema)).toEqual([
      'max_tokens',
      'prompt',
      'seed',
      'stop',
      'temperature',
    ]);
    expect(result.current.outputSchema).toEqual(expect.objectContaining({ type: 'array' }));

    rerender({ ref: 'predictkit/text-generator:1' });
    await waitFor(() => expect(result.current.version?.number).toBe(1));
    expect(properties(result.current.inputSchema)).toEqual(['max_tokens', 'prompt', 'seed', 'temperature']);
    expect(kit.count('GET', '/models/predictkit/text-generator/versions/1')).toBe(1);
  });

  it('waits for a reference, and reports an unknown model', async () => {
    kit = setupPredictKit();
    const { result, rerender } = renderHook(({ ref }: { ref?: string }) => useModel(ref), {
      wrapper: kit.wrapper,
      initialProps: {},
    });
    expect(result.current.fetchStatus).toBe('idle');
    expect(kit.requests).toHaveLength(0);
    rerender({ ref: 'predictkit/no-such-model' });
    await waitFor(() => expect(result.current.error).toEqual(expect.objectContaining({ status: 404 })));
    expect(result.current.model).toBeUndefined();
  });
});

describe('useModels', () => {
  it('lists models in pages, sorted', async () => {
    kit = setupPredictKit();
    const { result } = renderHook(() => useModels({ pageSize: 5, sort: 'created_at', direction: 'asc' }), {
      wrapper: kit.wrapper,
    });
    await waitFor(() => expect(result.current.models).toHaveLength(5));
    expect(result.current.hasNextPage).toBe(true);
    result.current.fetchNextPage();
    await waitFor(() => expect(result.current.hasNextPage).toBe(false));
    const dates = result.current.models.map((model) => model.created_at);
    expect(dates).toEqual([...dates].sort());
    expect(result.current.models.length).toBeGreaterThan(5);
    const url = new URL(kit.requests[0]!.url);
    expect(url.pathname).toBe('/v1/models');
    expect(url.searchParams.get('sort_by')).toBe('created_at');
    expect(url.searchParams.get('sort_direction')).toBe('asc');
  });

  it('searches when q is not empty, keeping the last results while the next load', async () => {
    kit = setupPredictKit();
    const { result, rerender } = renderHook(({ q }) => useModels({ q }), {
      wrapper: kit.wrapper,
      initialProps: { q: '' },
    });
    await waitFor(() => expect(result.current.models.length).toBeGreaterThan(3));
    const all = result.current.models;
    rerender({ q: 'sentiment' });
    expect(result.current.models).toBe(all);
    await waitFor(() => expect(result.current.models.map((model) => model.name)).toEqual(['sentiment']));
    expect(kit.count('GET', '/search/models')).toBe(1);
    expect(new URL(kit.requests.at(-1)!.url).searchParams.get('q')).toBe('sentiment');
  });

  it('keeps only the search results in one of `categories`, which the search endpoint cannot filter', async () => {
    kit = setupPredictKit();
    const { result, rerender } = renderHook(({ categories }) => useModels({ q: 'image', categories }), {
      wrapper: kit.wrapper,
      initialProps: { categories: undefined as string[] | undefined },
    });
    await waitFor(() => expect(result.current.models.length).toBeGreaterThan(1));
    const found = result.current.models.map((model) => model.name);
    expect(found).toEqual(expect.arrayContaining(['image-generator', 'image-filter']));

    rerender({ categories: ['image-editing', 'audio'] });
    await waitFor(() => expect(result.current.models.map((model) => model.name)).toEqual(['image-filter']));
    expect(result.current.data?.pages.flatMap((page) => page.items.map((model) => model.name))).toEqual([
      'image-filter',
    ]);
    const last = new URL(kit.requests.at(-1)!.url);
    expect(last.pathname).toBe('/v1/search/models');
    expect(last.searchParams.get('q')).toBe('image');
  });
});
