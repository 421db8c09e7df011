import type { ServerOptions } from '../../options';
import { type TestApi, testApi } from '../testServer';

export const R = '/replicate/v1';
export const JSON_TYPE = { 'content-type': 'application/json' };

/** A prediction as the Replicate surface sends it, in the fields the tests read. */
export interface ReplicatePrediction {
  id: string;
  model: string;
  version: string;
  status: string;
  input: Record<string, unknown>;
  output: unknown;
  logs?: string;
  error: string | null;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  deadline?: string;
  deployment?: string;
  webhook?: string;
  webhook_events_filter?: string[];
  metrics: { predict_time?: number; total_time?: number };
  urls: { get: string; cancel: string; web: string; stream?: string };
}

export interface ReplicateTestApi extends TestApi {
  /** Creates on an official model's route; throws unless 201. */
  run(
    model: string,
    input: Record<string, unknown>,
    headers?: Record<string, string>,
    body?: object,
  ): Promise<ReplicatePrediction>;
  get(id: string): Promise<ReplicatePrediction>;
  /** Polls until the status is terminal. */
  finish(id: string, timeoutMs?: number): Promise<ReplicatePrediction>;
}

const TERMINAL = ['succeeded', 'failed', 'canceled', 'aborted'];

/** An in-process server at 1/100 of model time, spoken to on its Replicate surface. */
export function replicateApi(options: ServerOptions = {}): ReplicateTestApi {
  const api = testApi(options);
  const self: ReplicateTestApi = {
    ...api,
    async run(model, input, headers = {}, body = {}) {
      const { status, body: created } = await api.json<ReplicatePrediction>(
        `${R}/models/${model}/predictions`,
        {
          method: 'POST',
          headers: { ...JSON_TYPE, ...headers },
          body: JSON.stringify({ input, ...body }),
        },
      );
      if (status !== 201) throw new Error(`create answered ${status}: ${JSON.stringify(created)}`);
      return created;
    },
    async get(id) {
      return (await api.json<ReplicatePrediction>(`${R}/predictions/${id}`)).body;
    },
    async finish(id, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const p = await self.get(id);
        if (TERMINAL.includes(p.status)) return p;
        if (Date.now() > deadline)
          throw new Error(`prediction ${id} still ${p.status} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
  return self;
}

export interface RawEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/** Reads a whole `text/event-stream` body as an EventSource would: data lines joined with `\n`. */
export async function readRawEvents(response: Response): Promise<RawEvent[]> {
  const text = await response.text();
  const events: RawEvent[] = [];
  for (const block of text.split('\n\n')) {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ id, event, data: data.join('\n') });
  }
  return events;
}
