import { appendOutput, parseData, type StreamEventReader } from '../provider';

/**
 * WriftAI's stream: the whole prediction at first, on each status change and at `done`; output
 * chunks and log lines as JSON. The prediction reads through the client's provider, so that an app
 * streaming on another service does not carry WriftAI's mapping.
 */
export const wriftaiStreamEvents: StreamEventReader = (p, event, at, provider) => {
  switch (event.event) {
    case 'prediction':
    case 'done':
      return provider.mapPrediction(parseData(event, at), `${at} (\`${event.event}\` event)`);
    case 'output':
      return appendOutput(p, parseData(event, at));
    case 'logs':
      return { ...p, logs: [...(p.logs ?? []), String(parseData(event, at))] };
  }
};
