import { createClient } from '@predictkit/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PredictKitProvider, usePrediction, usePredictionList, usePredictKitClient } from '../index';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('PredictKitProvider', () => {
  it('gives the hooks its client', () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:8787/v1' });
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <QueryClientProvider client={new QueryClient()}>
        <PredictKitProvider client={client}>{children}</PredictKitProvider>
      </QueryClientProvider>
    );
    const { result } = renderHook(() => usePredictKitClient(), { wrapper });
    expect(result.current).toBe(client);
  });

  it('says how to add a missing QueryClientProvider', () => {
    // React reports the thrown error on the console as well; that is expected here.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const client = createClient({ baseUrl: 'http://127.0.0.1:8787/v1' });
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <PredictKitProvider client={client}>{children}</PredictKitProvider>
    );
    expect(() => renderHook(() => usePrediction('some-id'), { wrapper })).toThrow(
      /no QueryClient\. Wrap the app in <QueryClientProvider client=\{new QueryClient\(\)\}>/,
    );
  });

  it('says how to add a missing PredictKitProvider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>
    );
    expect(() => renderHook(() => usePredictionList(), { wrapper })).toThrow(
      /no PredictKit client\. Wrap the app in <PredictKitProvider client=\{createClient\(\{ baseUrl \}\)\}>/,
    );
  });

  it('names the QueryClientProvider first when both are missing', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => usePredictKitClient())).toThrow(/no QueryClient\./);
  });
});
