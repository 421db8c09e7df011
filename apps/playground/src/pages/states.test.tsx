import '@testing-library/jest-dom/vitest';
import { ApiError, createClient } from '@predictkit/core';
import { PredictKitProvider } from '@predictkit/react';
import { createServer } from '@predictkit/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionBanner } from '../app/ConnectionBanner';
import { ErrorState } from './states';

afterEach(cleanup);

/**
 * The page's providers and its banner (which runs the API's check), on the local server, or on none
 * at all (every request fails to connect).
 */
function renderWith(ui: React.ReactNode, reachable: boolean) {
  const server = createServer({ onWarning: () => {} });
  const client = createClient({
    baseUrl: 'http://127.0.0.1:8787/v1',
    retries: 0,
    fetch: async (request) => {
      if (!reachable) throw new TypeError('fetch failed');
      return server.fetch(request);
    },
  });
  const queryClient = new QueryClient();
  render(
    <QueryClientProvider client={queryClient}>
      <PredictKitProvider client={client}>
        <ConnectionBanner />
        {ui}
      </PredictKitProvider>
    </QueryClientProvider>,
  );
  return { close: () => server.close() };
}

const badGateway = new ApiError('listPredictions failed with 502: Bad Gateway.', { status: 502 });

describe('ErrorState', () => {
  it('waits for an API the check finds down, leaving the alarm to the banner', async () => {
    const { close } = renderWith(<ErrorState error={badGateway} onRetry={() => {}} />, false);
    try {
      expect(await screen.findByText('Waiting for the API to answer…')).toBeInTheDocument();
      // once the check has failed, the banner is the one alarm, and the page still waits
      expect(await screen.findByRole('alert')).toHaveTextContent('API is not answering');
      expect(screen.getAllByRole('alert')).toHaveLength(1);
      expect(screen.getByText('Waiting for the API to answer…')).toBeInTheDocument();
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
