import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createPlaygroundApp, type PlaygroundApp, type PlaygroundAppOptions } from './createPlaygroundApp';

export interface ListeningPlaygroundApp extends PlaygroundApp {
  url: string;
  /** Stops taking requests, records what finished, then closes the connections left. */
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
      // No new requests first, so that nothing is logged after the flush; then what was logged is
      // recorded (within 10 s: a shutdown does not wait on Weave for ever); then what is left open
      // (an event stream) is cut.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const unrecorded = await app
        .flush({ signal: AbortSignal.timeout(10_000) })
        .catch((error: unknown) => [`the flush stopped: ${error}`]);
      if (Array.isArray(unrecorded) && unrecorded.length) {
        console.error(`Not recorded in Weave before stopping: ${unrecorded.length}.`, unrecorded);
      }
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closed;
    },
  };
}
