import type { CallOptions, Client } from '../createClient';
import { chatApiError } from './chatApiError';

export interface ChatRequestOptions extends CallOptions {
  timeoutMs?: number;
}

/**
 * One chat request answered whole. A `POST` is not retried after a `5xx` or a lost connection:
 * it may have started a prediction.
 */
export async function postChat(
  client: Client,
  at: string,
  path: string,
  body: unknown,
  { signal, timeoutMs }: ChatRequestOptions,
): Promise<unknown> {
  try {
    return await client.request('POST', path, { label: at, signal, body, timeoutMs });
  } catch (error) {
    throw chatApiError(at, error);
  }
}
