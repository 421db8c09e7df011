import { describe, expect, it, vi } from 'vitest';
import { pollSchedule, recordRunTime } from './pollSchedule';
import type { Prediction } from './types';

const CREATED = Date.parse('2026-11-22T10:00:00.000Z');
const iso = (ms: number) => new Date(CREATED + ms).toISOString();

/** A prediction of `model` (each test its own, so no test hears another's runs) `ms` after creation. */
const at = (model: string, ms: number, more: Partial<Prediction> = {}): Prediction => ({
  id: `${model}-${ms}`,
  model: { owner: 'test', name: model, version_number: 1 },
  created_at: iso(0),
  updated_at: iso(ms),
  status: 'started',
  setup_time: null,
  execution_time: null,
  ...more,
});

const ran = (model: string, ms: number, status = 'succeeded') =>
  recordRunTime(at(model, ms, { id: `${model}-run-${ms}`, status }));

describe('pollSchedule', () => {
  it('without a snapshot, waits 100 ms × 2^attempt up to 900 ms', () => {
    expect([0, 1, 2, 3, 4, 9].map((attempt) => pollSchedule(undefined, attempt))).toEqual([
      100, 200, 400, 800, 900, 900,
    ]);
  });

  it('knowing nothing, waits as long as the prediction is old, from 50 ms to 900 ms', () => {
    const p = at('unknown', 0);
    expect([0, 30, 120, 600, 5000].map((age) => pollSchedule(p, 3, CREATED + age))).toEqual([
      50, 50, 120, 600, 900,
    ]);
  });

  it('waits 900 ms on a snapshot whose times cannot be read (handed in without `created_at`)', () => {
    const p = { ...at('timeless', 0), created_at: undefined } as unknown as Prediction;
    expect([0, 3].map((attempt) => pollSchedule(p, attempt))).toEqual([900, 900]);
    const half = { ...p, logs: [' 50%|█████     | 10/20'] };
    expect(pollSchedule(half, 0)).toBe(900);
  });

  it('extrapolates the end from a tqdm percentage: half the time left, then just after it', () => {
    const line = (percent: number) => [`Loading`, ` ${percent}%|█████     | 10/20 [00:02<00:02,  5.00it/s]`];
    // 50 % done 2 s after creation: the end is expected at 4 s.
    const half = at('tqdm', 2000, { logs: line(50) });
    expect(pollSchedule(half, 0, CREATED + 2000)).toBeCloseTo(1000);
    expect(pollSchedule(half, 1, CREATED + 3000)).toBeCloseTo(500);
    expect(pollSchedule(half, 1, CREATED + 3800)).toBe(220);
    // Past the estimate without an end: a backoff from it.
    expect(pollSchedule(half, 2, CREATED + 4300)).toBe(300);
    expect(pollSchedule(half, 3, CREATED + 9000)).toBe(600);
    // Far from the end, at most 1.5 s.
    const early = at('tqdm', 1000, { logs: line(1) });
    expect(pollSchedule(early, 0, CREATED + 1000)).toBe(1500);
  });

  it('near the end, polls where the model’s recent runs ended past their own estimates', () => {
    // 75 % rendered 750 ms after creation: the end is estimated at 1 s, 250 ms away.
    const rendered = (id: string) => at('tail', 750, { id, logs: ['Image: 75% rendered'] });
    expect(pollSchedule(rendered('first'), 0, CREATED + 750)).toBe(270);
    // Runs that took a fifth longer than that estimate (an encoding after the last row).
    const overran = (id: string) => {
      pollSchedule(rendered(id), 0, CREATED + 750);
      recordRunTime({ ...rendered(id), status: 'succeeded', updated_at: iso(1200) });
    };
    overran('a');
    overran('b');
    // A failed run, and one never polled near its end, tell nothing: two overruns known are too few.
    pollSchedule(rendered('failed'), 0, CREATED + 750);
    recordRunTime({ ...rendered('failed'), status: 'failed', updated_at: iso(1200) });
    const far = at('tail', 100, { id: 'far', logs: ['Image: 5% rendered'] });
    pollSchedule(far, 0, CREATED + 100);
    recordRunTime({ ...far, status: 'succeeded', updated_at: iso(2400) });
    expect(pollSchedule(rendered('next'), 0, CREATED + 750)).toBe(270);
    overran('c');
    // The next is polled at 1.2 s, 20 ms late; past every known overrun, on a backoff from the
    // estimate; either at most 600 ms later.
    expect(pollSchedule(rendered('next'), 0, CREATED + 750)).toBe(470);
    expect(pollSchedule(rendered('next'), 1, CREATED + 1400)).toBe(400);
    expect(pollSchedule(rendered('next'), 2, CREATED + 3000)).toBe(600);
  });

  it('near the end, polls at most 600 ms later, however late the model’s recent runs ended', () => {
    const rendered = (id: string) => at('late', 750, { id, logs: ['Image: 75% rendered'] });
    for (const id of ['a', 'b', 'c']) {
      pollSchedule(rendered(id), 0, CREATED + 750);
      recordRunTime({ ...rendered(id), status: 'succeeded', updated_at: iso(3000) });
    }
    // They ended at three times their estimate, 2.25 s from now.
    expect(pollSchedule(rendered('next'), 0, CREATED + 750)).toBe(600);
  });

  it('reads `item k/n: p%` as that part of the whole', () => {
    // The second of two images half done: 75 % of the whole, 3 s after creation.
    const p = at('parts', 3000, { logs: ['Image 2/2: 512x512, style aurora', 'Image 2/2: 50% rendered'] });
    // 75 % done 3 s in: the end is 1 s away, half of which is 500 ms.
    expect(pollSchedule(p, 0, CREATED + 3000)).toBeCloseTo(500);
  });

  it('reads a percentage only in the last log line, which `updated_at` stamps', () => {
    // A line after the percentage moved `updated_at` past it: no estimate, the age backoff.
    const logs = ['20% done', 'saving'];
    expect(pollSchedule(at('lines', 1000, { logs }), 1, CREATED + 1000)).toBe(900);
    expect(pollSchedule(at('lines', 1000, { logs: logs.slice(0, 1) }), 1, CREATED + 1000)).toBe(1500);
  });

  it('polls at the 30 % quantile of the known runs longer than the prediction’s age', () => {
    for (let ms = 100; ms <= 1000; ms += 100) ran('history', ms);
    const p = at('history', 0);
    // All ten are longer: the fourth, 400 ms.
    expect(pollSchedule(p, 0, CREATED)).toBe(400);
    // 350 ms old: 400…1000 ms are left, the third of them is 600 ms, 250 ms away.
    expect(pollSchedule(p, 1, CREATED + 350)).toBe(250);
    // Never under 50 ms once 200 ms old.
    expect(pollSchedule(p, 2, CREATED + 750)).toBe(50);
    // Past all but two (900 and 1000 ms): where the nearer one ended, within 100 ms.
    expect(pollSchedule(p, 2, CREATED + 850)).toBe(50);
    expect(pollSchedule(p, 3, CREATED + 930)).toBe(70);
    // Past them all: the age backoff.
    expect(pollSchedule(p, 4, CREATED + 1010)).toBe(900);
  });

  it('past all but two known runs, polls where the nearer ended only when that is within 100 ms', () => {
    for (const ms of [100, 110, 120, 3000, 4000]) ran('outliers', ms);
    const p = at('outliers', 0);
    // 300 ms old: 3000 ms is far off, so the age backoff polls first.
    expect(pollSchedule(p, 1, CREATED + 300)).toBe(300);
    // 2800 ms old: 3000 ms is 200 ms away, too far to tell a run like it; the backoff.
    expect(pollSchedule(p, 5, CREATED + 2800)).toBe(900);
    // 2930 ms old: 70 ms from where a run ended; the poll goes there.
    expect(pollSchedule(p, 6, CREATED + 2930)).toBe(70);
  });

  it('polls a young prediction of a model that ends in milliseconds sooner, from a quarter of its age', () => {
    for (const ms of [4, 6, 8, 10, 40]) ran('quick', ms);
    const p = at('quick', 0);
    // 2 ms old: 6 ms (the second of five longer runs) is 4 ms away.
    expect(pollSchedule(p, 0, CREATED + 2)).toBe(4);
    // 5 ms old: 8 ms is 3 ms away, more than a quarter of the age.
    expect(pollSchedule(p, 1, CREATED + 5)).toBe(3);
    // 7 ms old: 8 ms is 1 ms away; a quarter of the age is 1.75 ms.
    expect(pollSchedule(p, 2, CREATED + 7)).toBe(1.75);
  });

  it('does not hold a poll back for one or two runs far longer than the rest', () => {
    // A cold start among quick runs.
    for (const ms of [3, 5, 8, 900]) ran('cold', ms);
    const p = at('cold', 0);
    expect(pollSchedule(p, 0, CREATED + 20)).toBe(0);
    expect(pollSchedule(p, 1, CREATED + 60)).toBe(60);
  });

  it('polls at once first when every known run was shorter, then backs off', () => {
    for (const ms of [3, 5, 8]) ran('instant', ms);
    const p = at('instant', 0);
    expect(pollSchedule(p, 0, CREATED + 20)).toBe(0);
    expect(pollSchedule(p, 1, CREATED + 400)).toBe(400);
  });

  it('needs three runs, and remembers only succeeded ones with a run time', () => {
    ran('few', 300);
    ran('few', 400);
    ran('few', 500, 'failed');
    recordRunTime(at('few', -100, { status: 'succeeded' }));
    expect(pollSchedule(at('few', 0), 0, CREATED + 10)).toBe(50);
    ran('few', 600);
    expect(pollSchedule(at('few', 0), 0, CREATED + 10)).toBe(290);
  });

  it('keeps 32 model versions: a 33rd starts afresh, a known one only adds a run', async () => {
    // A fresh module: the other tests' versions are not counted.
    vi.resetModules();
    const fresh = await import('./pollSchedule');
    const ranFresh = (model: string, ms: number) =>
      fresh.recordRunTime(at(model, ms, { id: `${model}-run-${ms}`, status: 'succeeded' }));
    for (let i = 0; i < 32; i++) for (const ms of [100, 200, 300]) ranFresh(`many-${i}`, ms);
    // A fourth run of a version already held keeps the other 31.
    ranFresh('many-5', 400);
    expect(fresh.pollSchedule(at('many-0', 0), 0, CREATED)).toBe(100);
    // A 33rd version clears the rest.
    ranFresh('many-32', 100);
    expect(fresh.pollSchedule(at('many-0', 0), 0, CREATED)).toBe(50);
  });

  it('tells model versions apart', () => {
    for (const ms of [100, 200, 300]) ran('versions', ms);
    const other = at('versions', 0, { model: { owner: 'test', name: 'versions', version_number: 2 } });
    expect(pollSchedule(other, 0, CREATED)).toBe(50);
    expect(pollSchedule(at('versions', 0), 0, CREATED)).toBe(100);
  });
});
