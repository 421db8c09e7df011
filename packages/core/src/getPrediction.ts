import type { CallOptions, Client } from './createClient';
import { requestOptions } from './requestOptions';
import type { Prediction } from './types';

/** One prediction with its input, output, error and logs. */
export async function getPrediction<TInput = Record<string, unknown>, TOutput = unknown>(
  client: Client,
  id: string,
  options?: CallOptions,
): Promise<Prediction<TInput, TOutput>> {
  const at = 'getPrediction';
  const raw = await client.request(
    'GET',
    client.provider.routes.prediction(id),
    requestOptions(client, at, options),
  );
  return client.provider.mapPrediction(raw, at) as Prediction<TInput, TOutput>;
}
