import type { KeyClient } from '../predictionKeys';

/** The key of the feedback recorded on one prediction in this app: `{ [scorer]: value }`. */
export const feedbackKey = (
  client: KeyClient,
  predictionId: string,
): readonly ['predictkit', string, 'feedback', string] => [
  'predictkit',
  client.baseUrl,
  'feedback',
  predictionId,
];
