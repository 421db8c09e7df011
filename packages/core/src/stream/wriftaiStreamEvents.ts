import { appendOutput, parseData, type StreamEventReader } from '../provider';
import { mapPrediction } from '../wriftai';

/** WriftAI's stream: the whole prediction at first, on each status change and at `done`; output chunks and log lines as JSON. */
export const wriftaiStreamEvents: StreamEventReader = (p, event, at) => {
  switch (event.event) {
    case 'prediction':
    case 'done':
      return mapPrediction(parseData(event, at), `${at} (\`${event.event}\` event)`);
    case 'output':
      return appendOutput(p, parseData(event, at));
    case 'logs':
      return { ...p, logs: [...(p.logs ?? []), String(parseData(event, at))] };
  }
};
