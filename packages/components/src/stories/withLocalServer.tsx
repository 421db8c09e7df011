// Story and test helper, not part of the package: the local server runs in-process as the client's
// `fetch`, so a story or a test really runs a demo model, with no sockets and no mocks, through either
// of its surfaces (WriftAI's API or Replicate's), each with its own provider.
import { type Client, createClient, type Provider, wriftai } from '@predictkit/core';
import { replicate } from '@predictkit/core/replicate';
import { PredictKitProvider } from '@predictkit/react';
import { createServer, type PredictKitServer, type ServerOptions } from '@predictkit/server';
import type { Decorator } from '@storybook/react-vite';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';

/**
 * Never contacted: every request goes to the in-process server. It names the origin the server writes
 * into absolute URLs (streams, files), so file outputs point at nothing a browser can load; the live
 * stories use models whose outputs are text and JSON, and media outputs are covered by static fixtures.
 */
export const LOCAL_ORIGIN = 'http://127.0.0.1:8787';

/** The local server's surfaces: where each is mounted, and the provider that speaks it. */
export const LOCAL_APIS = {
  wriftai: { baseUrl: `${LOCAL_ORIGIN}/v1`, provider: wriftai },
  replicate: { baseUrl: `${LOCAL_ORIGIN}/replicate/v1`, provider: replicate },
} satisfies Record<string, { baseUrl: string; provider: Provider }>;

export type LocalApi = keyof typeof LOCAL_APIS;

export interface LocalServerKit {
  server: PredictKitServer;
  client: Client;
  queryClient: QueryClient;
  /** Both providers, for `render`'s `wrapper` or a story decorator. */
  wrapper: (props: { children?: ReactNode }) => ReactNode;
  close(): Promise<void>;
}

/** A fresh server (its own store), a client on one of its surfaces (WriftAI's by default), and a fresh QueryClient. */
export function createLocalServerKit(
  options: ServerOptions = {},
  api: LocalApi = 'wriftai',
  /** Where the client's requests go, for a test that answers some itself; default the server. */
  send: (request: Request, server: PredictKitServer) => Promise<Response> = (request, server) =>
    server.fetch(request),
): LocalServerKit {
  const server = createServer({ onWarning: () => {}, ...options });
  const client = createClient({ ...LOCAL_APIS[api], fetch: (request) => send(request, server) });
  // No retries: a failure the story or test is about shows at once.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <PredictKitProvider client={client}>{children}</PredictKitProvider>
    </QueryClientProvider>
  );
  return {
    server,
    client,
    queryClient,
    wrapper,
    close: async () => {
      queryClient.clear();
      await server.close();
    },
  };
}

/** Provides a kit of its own to its children, created on mount and closed on unmount. */
export function LocalServer({
  options,
  api,
  children,
}: {
  options?: ServerOptions;
  api?: LocalApi;
  children?: ReactNode;
}) {
  const [kit, setKit] = useState<LocalServerKit | null>(null);
  // Created in the effect, not during render, so StrictMode's second mount gets a live server, not a closed one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: one server per mount; options are read once.
  useEffect(() => {
    const next = createLocalServerKit(options, api);
    setKit(next);
    return () => {
      void next.close();
    };
  }, []);
  if (!kit) return null;
  return <kit.wrapper>{children}</kit.wrapper>;
}

/**
 * A story decorator: one in-process server per story, at a tenth of model time so runs take moments.
 * `parameters.localServer` adds server options; `parameters.localApi` picks the surface (`wriftai`
 * by default, or `replicate`).
 */
export const withLocalServer: Decorator = (Story, { parameters }) => (
  <LocalServer
    options={{ timeScale: 0.1, ...(parameters.localServer as ServerOptions | undefined) }}
    api={parameters.localApi as LocalApi | undefined}
  >
    <Story />
  </LocalServer>
);
