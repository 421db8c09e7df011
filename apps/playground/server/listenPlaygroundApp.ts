import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createPlaygroundApp, type PlaygroundApp, type PlaygroundAppOptions } from './createPlaygroundApp';

export interface ListeningPlaygroundApp extends PlaygroundApp {
  url: string;
  /** Records what finished, then stops listening. */
  close(): Promise<void>;
}

/** The playground's server on `127.0.0.1:{port}` (0 for any free port). */
export async function listenPlaygroundApp(
  options: PlaygroundAppOptions & { port?: number },
): Promise<ListeningPlaygroundApp> {
  const app = createPlaygroundApp(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, port: options.port ?? 8788, hostname: '127.0.0.1' }, () =>
      resolve(listening),
    );
    listening.once('error', reject);
  });
  return {
    ...app,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await app.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
