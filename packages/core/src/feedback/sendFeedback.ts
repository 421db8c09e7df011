import type { CallOptions, Client } from '../createClient';
import { invalid } from '../errors';
import { isObject, isText } from '../isObject';
import { requestOptions } from '../requestOptions';

export interface Feedback {
  /** The prediction's id. */
  predictionId: string;
  /** The scorer's name, one the proxy takes (by default `thumbs` or `rating`). */
  scorer: string;
  /** A whole number in the scorer's range; a thumbs up or down as `true`/`false` (1 or 0). */
  value: number | boolean;
}

/** What the proxy answers once every sink has recorded the score. */
export interface FeedbackRecorded {
  prediction_id: string;
  scorer: string;
  value: number;
  recorded: true;
}

/**
 * Sends a person's feedback on a finished prediction to the app's proxy
 * (`createProxyHandler` from `@predictkit/core/server`), which records it as a score with its
 * sinks (Weave, through `createWeaveLogger`): the key stays on the server. Resolves once recorded.
 * Not retried after a `5xx`, as a score may have been recorded: sending it again is the caller's
 * choice.
 */
export async function sendFeedback(
  client: Client,
  feedback: Feedback,
  options: CallOptions = {},
): Promise<FeedbackRecorded> {
  const at = 'sendFeedback';
  if (!isObject(feedback)) throw invalid(at, 'feedback', '{ predictionId, scorer, value }', feedback);
  const { predictionId, scorer, value } = feedback;
  if (!isText(predictionId)) throw invalid(at, 'predictionId', "the prediction's id", predictionId);
  if (!isText(scorer)) throw invalid(at, 'scorer', 'a scorer name such as "thumbs"', scorer);
  if (typeof value !== 'boolean' && !Number.isInteger(value)) {
    throw invalid(at, 'value', 'a whole number, or true/false for thumbs up/down', value);
  }
  return (await client.request('POST', `/predictions/${encodeURIComponent(predictionId)}/feedback`, {
    ...requestOptions(client, at, options),
    body: { scorer, value },
    unsure: 'it may have been recorded',
  })) as FeedbackRecorded;
}
