import '@testing-library/jest-dom/vitest';
import { createPrediction } from '@predictkit/core';
import { createClient } from '@predictkit/core/replicate';
import { PredictKitProvider } from '@predictkit/react';
import { createServer } from '@predictkit/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PredictionPage } from './PredictionPage';
import { PredictionPreview } from './PredictionPreview';

afterEach(cleanup);

/** The local server's Replicate surface, which reads an ended prediction's data as removed 1 ms after its end, and one prediction that ended. */
async function removedPrediction() {
  const server = createServer({ dataRetentionMs: 1, timeScale: 0.01, onWarning: () => {} });
  const client = createClient({
    baseUrl: 'http://127.0.0.1:8787/replicate/v1',
    fetch: (request) => server.fetch(request),
  });
  const made = await createPrediction(client, { model: 'predictkit/echo', input: { text: 'hi' }, wait: 5 });
  await new Promise((resolve) => setTimeout(resolve, 5));
  const show = (ui: React.ReactNode) =>
    render(
      <QueryClientProvider client={new QueryClient()}>
        <PredictKitProvider client={client}>{ui}</PredictKitProvider>
      </QueryClientProvider>,
    );
  return { made, show, close: () => server.close() };
}

describe('a prediction whose data the service removed', () => {
  it('has a history row that says the service removed its input, not that it had none', async () => {
    const { made, show, close } = await removedPrediction();
    try {
      show(<PredictionPreview row={made} />);
      expect(await screen.findByText('Input removed by the service')).toBeInTheDocument();
      expect(screen.queryByText('No input')).toBeNull();
    } finally {
      await close();
    }
  });

  it('offers its model’s page, not a Tweak of an input it no longer has', async () => {
    const { made, show, close } = await removedPrediction();
    try {
      show(<PredictionPage id={made.id} />);
      const link = await screen.findByRole('link', { name: /^Open model/ });
      expect(link).toHaveAccessibleName('Open model echo: this prediction’s input was removed');
      expect(screen.queryByRole('link', { name: /^Tweak/ })).toBeNull();
    } finally {
      await close();
    }
  });
});
