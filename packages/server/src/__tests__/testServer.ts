import type { Prediction } from '@predictkit/core';
import { createServer, type PredictKitServer } from '../createServer';
import type { ServerOptions } from '../options';

export const ORIGIN = 'http://127.0.0.1:8787';

export interface TestApi {
  server: PredictKitServer;
  request(path: string, init?: RequestInit): Promise<Response>;
  json<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }>;
  create(
    model: string,
    input: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<Prediction>;
  waitUntil(id: string, done: (p: Prediction) => boolean, timeoutMs?: number): Promise<Prediction>;
  settle(id: string, timeoutMs?: number): Promise<Prediction>;
}

const TERMINAL = new Set(['succeeded', 'failed', 'canceled']);

/** An in-process server at 1/100 of model time, and small helpers to talk to it. */
export function testApi(options: ServerOptions = {}): TestApi {
  const server = createServer({ timeScale: 0.01, onWarning: () => {}, ...options });
  const request = (path: string, init?: RequestInit) => server.fetch(new Request(`${ORIGIN}${path}`, init));
  const json = async <T>(path: string, init?: RequestInit) => {
    const response = await request(path, init);
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : null) as T,
      headers: response.headers,
    };
  };
  const api: TestApi = {
    server,
    request,
    json,
    async create(model, input, headers = {}) {
      const { status, body } = await json<Prediction>('/v1/predictions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ model, input }),
      });
      if (status !== 201) throw new Error(`create answered ${status}: ${JSON.stringify(body)}`);
      return body;
    },
    async waitUntil(id, done, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { body } = await json<Prediction>(`/v1/predictions/${id}`);
        if (done(body)) return body;
        if (Date.now() > deadline)
          throw new Error(`prediction ${id} still ${body.status} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    settle: (id, timeoutMs) => api.waitUntil(id, (p) => TERMINAL.has(p.status), timeoutMs),
  };
  return api;
}

/** Reads a whole `text/event-stream` body into its events (stops at the end or at a cut). */
export async function readEvents(
  response: Response,
): Promise<{ id: number; event: string; data: unknown }[]> {
  const events: { id: number; event: string; data: unknown }[] = [];
  const text = await readAll(response);
  for (const block of text.split('\n\n')) {
    const fields = Object.fromEntries(
      block
        .split('\n')
        .filter((line) => line && !line.startsWith(':'))
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
    );
    if (fields.event && fields.data !== undefined) {
      events.push({ id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data) });
    }
  }
  return events;
}

/** The body as text, up to a cut if the stream errors. */
async function readAll(response: Response): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // a cut stream: keep what arrived
  }
  return text;
}
