import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { type CloseOptions, createServer, type PredictKitServer } from '../createServer';
import { type ServerOptions, validateOptions } from '../options';
import { lockDataDir } from './lockDataDir';
import { SqliteStore } from './SqliteStore';

export interface ListenOptions extends ServerOptions {
  /** Default 8787; 0 picks a free port (tests). */
  port?: number;
  /** Default 127.0.0.1: the server is for this machine only unless told otherwise. */
  host?: string;
  /**
   * Keep predictions and files in a SQLite database in this folder, across restarts. One server at
   * a time: the folder is locked, and a second server on it refuses to start.
   */
  dataDir?: string;
}

export interface ListeningServer {
  /** The origin it answers on, e.g. `http://127.0.0.1:8787`; the API is under `${url}/v1`. */
  url: string;
  server: PredictKitServer;
  /**
   * Shuts down gracefully (see `PredictKitServer.close`), then stops listening once the last
   * answers have gone out, and gives up the data folder. Again with `{ graceMs: 0 }` to hurry it.
   */
  close(options?: CloseOptions): Promise<void>;
}

/** How long answers already under way get to go out once the server stops listening. */
const FLUSH_MS = 2000;
/**
 * How much longer than the keep-alive timeout it announces (5 s) the server keeps an idle
 * connection open. Clients stop reusing a connection a little before the announced time; on a busy
 * server, whose timers run late, a margin of a second (Node's) is not enough, and a client sending
 * its next request just as the server drops the connection gets a reset, which it does not retry
 * for a POST.
 */
const KEEP_ALIVE_MARGIN_MS = 10_000;

type NodeServer = ReturnType<typeof createAdaptorServer>;

/**
 * Connections waiting to be accepted. Node's default (511) drops the connects of a burst of a
 * thousand clients, which then wait for the kernel to retry them, a second and more later.
 */
const BACKLOG = 4096;

function bind(
  port: number,
  host: string,
  fetch: (request: Request) => Promise<Response>,
): Promise<NodeServer> {
  return new Promise((resolve, reject) => {
    const server = createAdaptorServer({ fetch });
    server.once('error', reject);
    server.listen({ port, host, backlog: BACKLOG }, () => resolve(server));
  });
}

/**
 * Stops listening, and lets the answers under way go out (the final `Prefer: wait` answers and
 * `done` events) before the connections close; none is held past `flushMs`.
 */
function closeHttp(http: NodeServer, flushMs = 0): Promise<void> {
  const sockets = http as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
  return new Promise<void>((resolve) => {
    // a keep-alive connection goes idle once its answer is out: close each as it does
    const idle = setInterval(() => sockets.closeIdleConnections?.(), 20);
    const cut = setTimeout(() => sockets.closeAllConnections?.(), flushMs);
    http.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
    sockets.closeIdleConnections?.();
  });
}

/** Addresses only this machine can reach: there, the Host check guards against DNS rebinding. */
const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|\[::1\]|localhost)$/i;

/**
 * Starts the local API over HTTP. With `dataDir`, in an order that makes a failed start change
 * nothing: lock the folder, bind the port, and only then open the database (where predictions left
 * unfinished by a previous process are failed).
 */
export async function listen({
  port = 8787,
  host = '127.0.0.1',
  dataDir,
  ...options
}: ListenOptions = {}): Promise<ListeningServer> {
  validateOptions(options);
  const lock = dataDir && !options.store ? lockDataDir(dataDir) : undefined;
  let server: PredictKitServer | undefined;
  let http: NodeServer | undefined;
  let opened: SqliteStore | undefined;
  try {
    http = await bind(port, host, async (request) =>
      server
        ? server.fetch(request)
        : Response.json({ detail: 'The server is starting; try again in a moment.' }, { status: 503 }),
    );
    if (dataDir && !options.store) opened = new SqliteStore(dataDir);
    const store = options.store ?? opened;
    // bound to a LAN address (or all of them), the server is meant to be reached by other names
    const allowedHosts = options.allowedHosts ?? (LOOPBACK.test(host) ? undefined : ['*']);
    server = createServer({
      ...options,
      ...(store ? { store } : {}),
      ...(allowedHosts ? { allowedHosts } : {}),
    });
  } catch (error) {
    opened?.close();
    if (http) await closeHttp(http);
    lock?.release();
    throw error;
  }
  const running = server;
  const listening = http;
  (listening as { keepAliveTimeoutBuffer?: number }).keepAliveTimeoutBuffer = KEEP_ALIVE_MARGIN_MS;
  const address = listening.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    server: running,
    close: (options) => {
      const shutDown = running.close(options);
      closing ??= (async () => {
        try {
          await shutDown;
          await closeHttp(listening, options?.graceMs === 0 ? 0 : FLUSH_MS);
        } finally {
          lock?.release();
        }
      })();
      return closing;
    },
  };
}
