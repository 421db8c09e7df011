import { ApiError } from '@predictkit/core';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { predictionKeys, useCancelPrediction, usePrediction } from '../index';
import { type SetupResult, setupPredictKit } from './setupPredictKit';

let kit: SetupResult;
afterEach(async () => {
  cleanup();
  await kit?.close();
});

const useCancelAndWatch = (id: string) => ({ cancel: useCancelPrediction(), watched: usePrediction(id) });

describe('useCancelPrediction', () => {
  it('shows every observer canceling until the server says canceled', async () => {
    kit = setupPredictKit({ faults: { latencyMs: 30 } });
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
    await waitFor(() => expect(result.current.watched.status).toBe('canceled'));
    expect(statuses).toContain('canceling');
    expect(statuses.slice(statuses.indexOf('canceling'))).not.toContain('started');
    expect(result.current.watched.isCanceling).toBe(false);
    expect(result.current.cancel.isSuccess).toBe(true);
  });

  it('refuses to cancel a finished prediction with a clear error, and changes nothing', async () => {
    kit = setupPredictKit();
    const created = await kit.create('predictkit/echo', { text: 'done' });
    const { result } = renderHook(() => useCancelAndWatch(created.id), { wrapper: kit.wrapper });
    await waitFor(() => expect(result.current.watched.status).toBe('succeeded'));
    const before = kit.queryClient.getQueryData(predictionKeys.detail(kit.client, created.id));
    await act(async () => {
      await expect(result.current.cancel.mutateAsync(created.id)).rejects.toThrow(ApiError);
    });
    await waitFor(() => expect(result.current.cancel.isError).toBe(true));
    const error = result.current.cancel.error as ApiError;
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/^cancelPrediction failed with 409: Prediction .+ has already succeeded/);
    expect(kit.queryClient.getQueryData(predictionKeys.detail(kit.client, created.id))).toBe(before);
    expect(result.current.watched.status).toBe('succeeded');
    expect(result.current.watched.isCanceling).toBe(false);
    expect(result.current.watched.error).toBeNull();
  });
});
