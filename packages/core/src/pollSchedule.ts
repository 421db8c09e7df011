import type { Prediction } from './types';

type Store = Map<string, number[]>;

/** Run times (ms) of recent succeeded predictions, by model version. */
const runTimes: Store = new Map();

/**
 * By model version: recent runs' overruns, each the ratio of the run time to the one extrapolated
 * from its progress near the end (more than 1 where a decode or an upload follows the last step).
 */
const overruns: Store = new Map();

/** By prediction id: the run time extrapolated from its progress near the end, until it ends. */
const foretold = new Map<string, number>();

/**
 * Keeps `value` among the last ones of `key`: 50 (enough for a 30 % quantile to rest on more than a
 * few) of 32 keys (the model versions one app runs). Once full, a random one makes room: recent
 * values weigh more, yet a batch that ends in order of run time does not leave only its slowest.
 */
function remember(store: Store, key: string, value: number): void {
  const values = store.get(key) ?? [];
  // A 33rd key starts afresh; a key already held only adds to its values.
  if (!store.has(key) && store.size > 31) store.clear();
  store.set(key, values);
  values[values.length < 50 ? values.length : (Math.random() * 50) | 0] = value;
}

/**
 * The 30 % quantile of three values or more: a poll placed there has about one chance in three to
 * find the end.
 */
const quantile = (values: number[] = []) =>
  values.length > 2 ? values.sort((a, b) => a - b)[(values.length * 0.3) | 0] : undefined;

/**
 * Remembers a succeeded prediction's run time, creation to end on the server's clock, and its
 * overrun, for its model version.
 */
export function recordRunTime({
  id,
  model,
  status,
  created_at,
  updated_at,
}: Prediction<unknown, unknown>): void {
  const key = JSON.stringify(model);
  const ms = Date.parse(updated_at) - Date.parse(created_at);
  const estimate = foretold.get(id);
  foretold.delete(id);
  if (status === 'succeeded' && ms >= 0) {
    remember(runTimes, key, ms);
    if (estimate) remember(overruns, key, ms / estimate);
  }
}

/**
 * Between 50 ms (about one request to a hosted API: polling sooner mostly measures the network) and
 * 900 ms (under fixed 1 s polling's gap by a tenth, so that a wait plus one request stays under 1 s).
 * 900 ms too for a snapshot whose times cannot be read (one handed in without `created_at`): what
 * it does not know, it does not poll densely for.
 */
const clamp = (ms: number) => Math.min(900, Math.max(50, ms)) || 900;

/**
 * The default poll schedule: milliseconds before the next poll of `prediction`, from what the client
 * knows of when it ends. Its age is read on the client's clock from `created_at` (a clock seconds
 * off the server's misplaces the polls, but a wait without an estimated end stays under 900 ms).
 * - A percentage in its last log line (tqdm's ` 45%|…`, `50% rendered`), stamped with
 *   `updated_at`: the end is extrapolated from it, and polled at half the time left (at most
 *   1.5 s) until it is under 900 ms away, then where the model's recent runs ended past their own
 *   estimates (the 30 % quantile of those overruns), then on a backoff from the estimate, at most
 *   600 ms apart.
 * - Else the run times of the model version's last predictions (3 or more): the next poll is at
 *   the 30 % quantile of those longer than its age (3 or more), so each poll has about one chance
 *   in three to find the end, from a quarter of its age (at least 50 ms past 200 ms) to 900 ms; a
 *   first poll of one that outlived all but two known runs goes at once, and a later one where the
 *   nearer of those two ended, if that is within 100 ms.
 * - Else a backoff as long as its age (as long as 100 ms × 2^attempt without a snapshot).
 */
export function pollSchedule(
  prediction: Prediction<unknown, unknown> | undefined,
  attempt: number,
  now = Date.now(),
): number {
  if (!prediction) return clamp(100 * 2 ** attempt);
  const created = Date.parse(prediction.created_at);
  const age = now - created;
  // The last log line only: `updated_at` is when it was written only if nothing came after it (a
  // percentage followed by other lines would be stamped too late). `Image 2/3: 50%` (item k of n at
  // p %) is the common form of progress over several parts: (k - 1 + p %) / n of the whole.
  const [, k = 1, n = 1, percent] = prediction.logs?.at(-1)?.match(/(?:(\d+)\/(\d+)\D+)?(\d+)%/) ?? [];
  const done = (+k - 1 + +percent! / 100) / +n;
  const key = JSON.stringify(prediction.model);
  if (done) {
    const estimate = (Date.parse(prediction.updated_at) - created) / done;
    const left = created + estimate - now;
    // A linear extrapolation is off by a queue, a setup and uneven steps, and most by a run that
    // speeds up (others sharing its machine finish, and it ends in half the time foretold): half the
    // time left, re-read at each poll, and at most 1.5 s between polls, so that such a run is not
    // missed by much.
    if (left > 900) return Math.min(1500, left / 2);
    // Within 900 ms (the longest wait without an estimate), where the model's recent runs ended
    // past their own estimates (a decode or an upload after the last step): at the quantile of
    // their overruns larger than this run's so far, 20 ms late (the end is written right after the
    // last step). Past them all, or with none known, a backoff from the estimate. Either 50 to
    // 600 ms later: this close, the end is likely before the next poll; times that cannot be read
    // leave 900 ms, as without an estimate.
    if (foretold.size > 999) foretold.clear(); // watches that end without a run time leave theirs
    foretold.set(prediction.id, estimate);
    const factor = quantile(overruns.get(key)?.filter((f) => f * estimate > age));
    const wait = created + estimate * (factor ?? 1) - now;
    return clamp(Math.min(600, wait > 0 ? wait + 20 : -left));
  }
  const runs = runTimes.get(key) ?? [];
  const longer = runs.filter((ms) => ms > age);
  const next = quantile(longer);
  if (runs.length > 2) {
    // A young prediction of a model that ends in milliseconds is polled sooner than 50 ms, yet no
    // sooner than a quarter of its age, so that polls stay a geometric series.
    if (next) return Math.min(900, Math.max(Math.min(50, age / 4), next - age));
    if (!attempt) return 0;
    // One or two longer runs are too few to hold a poll back by (one may be a cold start), yet one
    // that ended within 100 ms from now is where a run like it (the same input's, say) ends too.
    return Math.min(...longer) < age + 100 ? Math.min(...longer) - age : clamp(age);
  }
  return clamp(age);
}
