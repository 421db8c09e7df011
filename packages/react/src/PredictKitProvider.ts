'use client';

import type { Client } from '@predictkit/core';
import { QueryClientContext } from '@tanstack/react-query';
import { createContext, createElement, type ReactElement, type ReactNode, useContext } from 'react';

const ClientContext = createContext<Client | null>(null);

export interface PredictKitProviderProps {
  /** From `createClient`; in a browser, pointed at your proxy (`createClient({ baseUrl: '/api/predictkit' })`). */
  client: Client;
  children?: ReactNode;
}

/** Gives the hooks their client. Put it inside your app's own `QueryClientProvider`. */
export function PredictKitProvider({ client, children }: PredictKitProviderProps): ReactElement {
  return createElement(ClientContext.Provider, { value: client }, children);
}

const missing = (what: string, how: string) =>
  new Error(
    `@predictkit/react: this hook found no ${what}. ${how} (QueryClientProvider outside PredictKitProvider).`,
  );

/** The client of the nearest `PredictKitProvider`; throws, saying how to fix it, outside either provider. */
export function usePredictKitClient(): Client {
  const client = useContext(ClientContext);
  if (!useContext(QueryClientContext)) {
    throw missing(
      'QueryClient',
      'Wrap the app in <QueryClientProvider client={new QueryClient()}> from @tanstack/react-query',
    );
  }
  if (!client) {
    throw missing(
      'PredictKit client',
      'Wrap the app in <PredictKitProvider client={createClient({ baseUrl })}>',
    );
  }
  return client;
}
