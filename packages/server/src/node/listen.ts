import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createServer, type PredictKitServer } from '../createServer';
import type { ServerOptions } from '../options';
import { SqliteStore } from './SqliteStore';

export interface ListenOptions extends ServerOptions {
  /** Default 8787; 0 picks a free port (tests). */
  port?: number;
  /** Default 127.0.0.1: the server is for this machine only unless told otherwise. */
  host?: string;
  /** Keep predictions and files in a SQLite database in this folder, across restarts. */
  dataDir?: string;
}

export interface ListeningServer {
  /** The origin it answers on, e.g. `http://127.0.0.1:8787`; the API is under `${url}/v1`. */
  url: string;
  server: PredictKitServer;
  close(): Promise<void>;
}

/** Starts the local API over HTTP. */
export async function listen({
  port = 8787,
  host = '127.0.0.1',
  dataDir,
  ...options
}: ListenOptions = {}): Promise<ListeningServer> {
  const store = options.store ?? (dataDir ? new SqliteStore(dataDir) : undefined);
  const server = createServer({ ...options, ...(store ? { store } : {}) });
  const http = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: server.fetch, port, hostname: host }, () => resolve(listening));
    listening.once('error', reject);
  });
  const address = http.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    server,
    close: async () => {
      await server.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        // open streams would hold the listener for their whole life
        (http as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
