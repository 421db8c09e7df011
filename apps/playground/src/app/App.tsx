import { createClient, wriftai } from '@predictkit/core';
import { replicate } from '@predictkit/core/replicate';
import { PredictKitProvider } from '@predictkit/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo } from 'react';
import { EvaluationsPage } from '../pages/EvaluationsPage';
import { GalleryPage } from '../pages/GalleryPage';
import { HistoryPage } from '../pages/HistoryPage';
import { ModelPage } from '../pages/ModelPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { PredictionPage } from '../pages/PredictionPage';
import { SettingsPage } from '../pages/SettingsPage';
import { Layout } from './Layout';
import { matchRoute, useLocation } from './router';
import { absoluteApiBase, apiBaseOf, type Service, useSettings } from './settings';

const PROVIDERS = { wriftai, replicate } satisfies Record<Service, unknown>;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // a server that is down comes back by itself: keep asking, gently
      retry: 3,
      retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 8000),
      refetchOnWindowFocus: false,
    },
  },
});

function Page() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  switch (route.name) {
    case 'gallery':
      return <GalleryPage />;
    case 'model':
      // Another model is another page: its own input, examples and run.
      return <ModelPage key={`${route.owner}/${route.model}`} owner={route.owner} name={route.model} />;
    case 'history':
      return <HistoryPage />;
    case 'prediction':
      return <PredictionPage id={route.id} />;
    case 'settings':
      return <SettingsPage />;
    case 'evaluations':
      return <EvaluationsPage />;
    default:
      return <NotFoundPage />;
  }
}

export function App() {
  const settings = useSettings();
  const { service } = settings;
  const apiBase = apiBaseOf(settings);
  // The browser holds no token: the API base is the local server or a proxy that adds one.
  const client = useMemo(
    () => createClient({ baseUrl: absoluteApiBase(apiBase), provider: PROVIDERS[service] }),
    [apiBase, service],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <PredictKitProvider client={client}>
        <Layout>
          <Page />
        </Layout>
      </PredictKitProvider>
    </QueryClientProvider>
  );
}
