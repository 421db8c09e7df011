import '@testing-library/jest-dom/vitest';
import { ApiError, createClient } from '@predictkit/core';
import { PredictKitProvider } from '@predictkit/react';
import { createServer } from '@predictkit/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorState } from './states';

afterEach(cleanup);

/** The page's providers, on the local server, or on none at all (every request fails to connect). */
function renderWith(ui: React.ReactNode, reachable: boolean) {
  const server = createServer({ onWarning: () => {} });
  const sent: Request[] = [];
  const client = createClient({
    baseUrl: 'http://127.0.0.1:8787/v1',
    retries: 0,
    fetch: async (request) => {
      sent.push(request);
      if (!reachable) throw new TypeError('fetch failed');
      return server.fetch(request);
    },
  });
  const queryClient = new QueryClient();
  render(
    <QueryClientProvider client={queryClient}>
      <PredictKitProvider client={client}>{ui}</PredictKitProvider>
    </QueryClientProvider>,
  );
  return { sent, close: () => server.close() };
}

const badGateway = new ApiError('listPredictions failed with 502: Bad Gateway.', { status: 502 });

describe('ErrorState', () => {
  it('waits for an API the check finds down, leaving the alarm to the banner', async () => {
    const { sent, close } = renderWith(<ErrorState error={badGateway} onRetry={() => {}} />, false);
    try {
      expect(await screen.findByText('Waiting for the API to answer…')).toBeInTheDocument();
      // once the check has failed, the page still waits
      await waitFor(() => expect(sent).toHaveLength(1));
      await act(() => Promise.resolve());
      expect(screen.getByText('Waiting for the API to answer…')).toBeInTheDocument();
      expect(screen.queryByRole('alert')).toBeNull();
    } finally {
      await close();
    }
  });

  it('shows a gateway’s error, with Try again, once the check finds the API answering', async () => {
    const { close } = renderWith(<ErrorState error={badGateway} onRetry={() => {}} />, true);
    try {
      expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the service');
      expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    } finally {
      await close();
    }
  });
});
