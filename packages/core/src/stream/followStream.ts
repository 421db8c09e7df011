import { after, backoffDelay, sleep } from '../backoff';
import { UnexpectedResponseError } from '../errors';
import type { StreamReader, StreamWatch } from '../followPrediction';
import { getPrediction } from '../getPrediction';
import { isTerminal } from '../isTerminal';
import { isTransient } from '../isTransient';
import type { Prediction } from '../types';
import { streamEventsOf } from './streamEventsOf';

/** How long a read between reconnects may take. */
const READ_DEADLINE_MS = 5000;

const size = (value: unknown) => (typeof value === 'string' || Array.isArray(value) ? value.length : 0);
const longer = <T>(a: T, b: T) => (size(a) >= size(b) ? a : b);

/** Whether `p`, rebuilt from a replay, shows at least what `shown` did: its output and logs, or its end. */
const caughtUp = (p: Prediction, shown: Prediction) =>
  isTerminal(p.status) || (size(p.output) >= size(shown.output) && size(p.logs) >= size(shown.logs));

/**
 * The stream loop of a watch (`StreamReader.follow`): reads `watch.url` with `read`, applying each
 * event through the provider; after a cut (or `idleTimeoutMs` of silence) it resumes with
 * `Last-Event-ID`, and after three connections in a row that bring nothing it gives up, leaving
 * the watch to poll. It resolves `true` when the stream brought events before an outage made it
 * give up, after which it is worth another try. A connection without `Last-Event-ID` (the first of
 * each try: polls have overtaken an older resume point) hears the prediction's events from the
 * start. They are applied afresh, and until they have caught up with what the watch showed, it keeps
 * showing that, field by field: nothing is applied twice, and an output never shrinks.
 */
export async function followStream(read: StreamReader, watch: StreamWatch): Promise<boolean | undefined> {
  const { client, url, options, signal } = watch;
  const apply = streamEventsOf(client.provider);
  // A service whose events PredictKit cannot read is polled.
  if (!apply) return;
  let lastEventId: string | undefined;
  // What the events are applied to, and while a replay from the start is behind it, what the watch
  // showed when it began.
  let current = watch.prediction() as Prediction;
  let behind: Prediction | undefined;
  // A failure told to the watch, which the next event clears even when it changes nothing.
  let failing = false;
  let readAt = Date.now();
  // Whether a connection brought events, and whether the last one failed as an outage does.
  let worked = false;
  let cut = false;
  for (let failures = 0; failures < 3 && watch.active(); ) {
    let progressed = false;
    let retry: number | undefined;
    cut = false;
    // Replicate's output and logs from the start, or WriftAI's whole snapshot first
    if (!lastEventId) {
      behind ??= watch.prediction() as Prediction;
      current = { ...behind, output: null, logs: [] };
    }
    try {
      // The reader takes what it knows of the watch's options (`idleTimeoutMs`).
      for await (const event of read(client, url, { ...options, lastEventId, signal })) {
        const next = apply(current, event, 'createPredictionWatcher', client.provider);
        if (next) current = next;
        if (behind && caughtUp(current, behind)) behind = undefined;
        // Only an applied event moves the resume point, so a reconnect never skips one.
        lastEventId = event.id || lastEventId;
        retry = event.retry;
        progressed = true;
        // While a replay is behind, each of the output and the logs shows the longer of the two, so
        // that neither waits on the other (a service may count log lines a little differently in a
        // stream than in a poll). An event clears a failure even then.
        if (next || failing) {
          watch.snapshot(
            behind
              ? {
                  ...current,
                  output: longer(current.output, behind.output),
                  logs: longer(current.logs, behind.logs),
                }
              : current,
          );
        }
        failing = false;
        if (event.event === 'done' || !watch.active()) return;
      }
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      // Unreadable events will not read better after a reconnect; polling still works.
      if (error instanceof UnexpectedResponseError) return;
      // What an outage causes (a cut, a reconnect refused) is told, and watching goes on (a
      // reconnect, else polling): a UI can say "reconnecting…" meanwhile.
      cut = isTransient(error);
      if (cut) {
        watch.failed(error);
        failing = true;
      }
    }
    failures = progressed ? 0 : failures + 1;
    worked ||= progressed;
    // A stream cut again and again falls behind (each reconnect replays a few events, then a cut),
    // never failing enough to leave it for polling: a read of the prediction, at most once a second,
    // tells its end as soon as it has come.
    if (progressed && Date.now() - readAt >= 1000) {
      readAt = Date.now();
      // Within a deadline of its own: a read that hangs must not hold the reconnect up. What it
      // cannot tell, the stream or polling will.
      const read = new AbortController();
      const stop = () => read.abort();
      signal.addEventListener('abort', stop);
      const cancel = after(READ_DEADLINE_MS, stop);
      const now = await getPrediction(client, watch.prediction()!.id, { signal: read.signal }).catch(
        () => undefined,
      );
      cancel();
      signal.removeEventListener('abort', stop);
      if (signal.aborted) throw signal.reason;
      if (now && isTerminal(now.status)) {
        watch.snapshot(now);
        return;
      }
    }
    // after the last failure polling takes over at once: no point waiting for a stream we leave
    if (failures < 3) await sleep(retry ?? (failures && backoffDelay(failures)), signal);
  }
  return worked && cut;
}
