import { appendOutput, parseData, type StreamEventReader } from '../provider';
import { lines } from './replicate';

/** Replicate's stream: output and logs as raw text, an `error` event, and a `done` without the prediction. */
export const replicateStreamEvents: StreamEventReader = (p, event, at) => {
  switch (event.event) {
    // Output and logs come as raw text, not JSON. Output means the model is running.
    case 'output':
      return { ...appendOutput(p, event.data), status: p.status === 'pending' ? 'started' : p.status };
    case 'logs':
      // a blank line too, as a poll's logs count it
      return { ...p, logs: [...(p.logs ?? []), ...(event.data ? lines(event.data) : [''])] };
    case 'error': {
      const detail = (parseData(event, at) as { detail?: unknown } | null)?.detail;
      return {
        ...p,
        error: { source: 'internal', message: typeof detail === 'string' ? detail : event.data },
      };
    }
  }
  // `done` carries no prediction (`{}`, or a `reason`): the watcher then fetches it.
};
