// @vitest-environment node
import { createClient, createPrediction } from '@predictkit/core';
import { createServer } from '@predictkit/server';
import { dehydrate, HydrationBoundary, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { expect, it } from 'vitest';
import {
  modelQueryOptions,
  PredictKitProvider,
  predictionQueryOptions,
  useModel,
  usePrediction,
} from '../index';

function Output({ id }: { id: string }) {
  const { status, output } = usePrediction<{ text: string }, string>(id);
  const { version } = useModel('predictkit/echo');
  return (
    <p>
      {status}:{output} (v{version?.number})
    </p>
  );
}

it('imports and renders on a server (no window), from prefetched and dehydrated data', async () => {
  expect(typeof window).toBe('undefined');
  const server = createServer({ timeScale: 0.01, onWarning: () => {} });
  const client = createClient({ baseUrl: 'http://127.0.0.1:8787/v1', fetch: server.fetch });
  const created = await createPrediction(client, {
    model: 'predictkit/echo',
    input: { text: 'ssr' },
    wait: 5,
  });

  const onServer = new QueryClient();
  await Promise.all([
    onServer.prefetchQuery(predictionQueryOptions(client, created.id)),
    onServer.prefetchQuery(modelQueryOptions(client, 'predictkit/echo')),
  ]);
  const state = JSON.parse(JSON.stringify(dehydrate(onServer)));

  const html = renderToString(
    <QueryClientProvider client={new QueryClient()}>
      <HydrationBoundary state={state}>
        <PredictKitProvider client={client}>
          <Output id={created.id} />
        </PredictKitProvider>
      </HydrationBoundary>
    </QueryClientProvider>,
  );
  expect(html).toBe('<p>succeeded<!-- -->:<!-- -->ssr<!-- --> (v<!-- -->1<!-- -->)</p>');
  await server.close();
});
