import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Prediction } from '@predictkit/core';

/** One POST as it arrived: the raw body (what a signature covers) and the headers. */
export interface ReceivedRequest {
  body: string;
  headers: IncomingHttpHeaders;
  /** `performance.now()` on arrival. */
  at: number;
}

export interface WebhookReceiver {
  url: string;
  /** Every prediction POSTed so far, in arrival order. */
  deliveries: Prediction[];
  /** The same deliveries as they arrived. */
  requests: ReceivedRequest[];
  /** The last delivery for `id`, once it is terminal. */
  terminal(id: string): Prediction | undefined;
  close(): Promise<void>;
}

const TERMINAL = ['succeeded', 'failed', 'canceled', 'aborted'];

/**
 * A real endpoint on 127.0.0.1 that records deliveries; `hang` leaves every request unanswered,
 * and `statuses` are answered in turn (then 204).
 */
export async function webhookReceiver({
  hang = false,
  statuses = [],
}: {
  hang?: boolean;
  statuses?: number[];
} = {}): Promise<WebhookReceiver> {
  const deliveries: Prediction[] = [];
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (hang) return;
      deliveries.push(JSON.parse(body) as Prediction);
      requests.push({ body, headers: req.headers, at: performance.now() });
      res.statusCode = statuses.shift() ?? 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    deliveries,
    requests,
    terminal: (id) => deliveries.findLast((p) => p.id === id && TERMINAL.includes(p.status)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
