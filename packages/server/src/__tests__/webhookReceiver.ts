import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Prediction } from '@predictkit/core';

export interface WebhookReceiver {
  url: string;
  /** Every prediction POSTed so far, in arrival order. */
  deliveries: Prediction[];
  /** The last delivery for `id`, once it is terminal. */
  terminal(id: string): Prediction | undefined;
  close(): Promise<void>;
}

/** A real endpoint on 127.0.0.1 that records deliveries; `hang` leaves every request unanswered. */
export async function webhookReceiver({ hang = false } = {}): Promise<WebhookReceiver> {
  const deliveries: Prediction[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (hang) return;
      deliveries.push(JSON.parse(body) as Prediction);
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    deliveries,
    terminal: (id) =>
      deliveries.findLast((p) => p.id === id && ['succeeded', 'failed', 'canceled'].includes(p.status)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
