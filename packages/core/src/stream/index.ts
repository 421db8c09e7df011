/**
 * `@predictkit/core/stream`: following a prediction's `urls.stream` (server-sent events) as it runs.
 * Its own entry, so that apps which only poll never carry it: pass `streamPrediction` as a watch's
 * `stream` (`waitForPrediction(client, p, { stream: streamPrediction })`), or `watchPrediction`.
 */
export type { SseEvent } from './createSseParser';
export { followStream } from './followStream';
export { streamPrediction } from './streamPrediction';
export { watchPrediction } from './watchPrediction';
