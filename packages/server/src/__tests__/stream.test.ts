import type { Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { readEvents, type TestApi, testApi } from './testServer';

let api: TestApi;
afterEach(async () => {
  await api?.server.close();
});

type Events = Awaited<ReturnType<typeof readEvents>>;

function chunks(events: Events): unknown[] {
  return events.filter((e) => e.event === 'output').map((e) => e.data);
}

describe('GET /v1/predictions/{id}/stream', () => {
  it('streams status changes and output chunks, and ends with done carrying the final prediction', async () => {
    api = testApi();
    const created = await api.create('predictkit/text-generator', {
      prompt: 'Alice',
      max_tokens: 12,
      seed: 7,
    });
    const response = await api.request(`/v1/predictions/${created.id}/stream`);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = await readEvents(response);
    expect(events[0]?.event).toBe('prediction');
    const done = events.at(-1) as Events[number];
    expect(done.event).toBe('done');
    const final = done.data as Prediction;
    expect(final.status).toBe('succeeded');
    expect(chunks(events)).toEqual(final.output);
    expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(final).toEqual((await api.json(`/v1/predictions/${created.id}`)).body);
  });

  it('resumes after Last-Event-ID with no event lost or repeated', async () => {
    api = testApi();
    const created = await api.create('predictkit/text-generator', {
      prompt: 'The Queen',
      max_tokens: 30,
      seed: 3,
    });
    await api.settle(created.id);
    const whole = await readEvents(
      await api.request(`/v1/predictions/${created.id}/stream`, { headers: { 'last-event-id': '0' } }),
    );
    const cutAt = whole[Math.floor(whole.length / 2)]?.id as number;
    const rest = await readEvents(
      await api.request(`/v1/predictions/${created.id}/stream`, {
        headers: { 'last-event-id': String(cutAt) },
      }),
    );
    expect([...whole.filter((e) => e.id <= cutAt), ...rest]).toEqual(whole);
    const afterEnd = await readEvents(
      await api.request(`/v1/predictions/${created.id}/stream`, {
        headers: { 'last-event-id': String(whole.at(-1)?.id) },
      }),
    );
    expect(afterEnd).toEqual([]);
  });

  it('sends prediction then done at once for a finished prediction', async () => {
    api = testApi();
    const created = await api.create('predictkit/echo', { text: 'done already' });
    await api.settle(created.id);
    const events = await readEvents(await api.request(`/v1/predictions/${created.id}/stream`));
    expect(events.map((e) => e.event)).toEqual(['prediction', 'done']);
    expect(events[0]?.data).toEqual(events[1]?.data);
  });

  it('sends logs as they are written', async () => {
    api = testApi();
    const created = await api.create('predictkit/slow-task', { duration_s: 1, steps: 4 });
    const events = await readEvents(await api.request(`/v1/predictions/${created.id}/stream`));
    const logs = events.filter((e) => e.event === 'logs').map((e) => e.data);
    // a 0/4 line when it starts, then one per step
    expect(logs).toHaveLength(5);
    expect(logs[0]).toMatch(/0%\|.*\| 0\/4/);
    expect(logs.at(-1)).toMatch(/100%\|.*\| 4\/4/);
  });

  it('cuts only after the event before the cut has been taken, however late the client reads', async () => {
    api = testApi({ faults: { streamCutRate: 1, seed: 1 } });
    const created = await api.create('predictkit/slow-task', { duration_s: 60, steps: 2 });
    const response = await api.request(`/v1/predictions/${created.id}/stream`);
    expect(response.status).toBe(200);
    // a busy server's HTTP layer may take this long to start reading the body
    await new Promise((resolve) => setTimeout(resolve, 80));
    const events = await readEvents(response);
    expect(events.map((e) => e.event)).toEqual(['prediction']);
  });

  it('can be cut by the fault option, and a client resuming from the last id gets everything', async () => {
    api = testApi({ faults: { streamCutRate: 0.3, seed: 11 } });
    const created = await api.create('predictkit/text-generator', {
      prompt: 'Alice',
      max_tokens: 40,
      seed: 5,
    });
    const received: Events = [];
    let cuts = 0;
    for (let attempt = 0; attempt < 200; attempt++) {
      const last = received.at(-1)?.id;
      const headers: Record<string, string> = last === undefined ? {} : { 'last-event-id': String(last) };
      received.push(
        ...(await readEvents(await api.request(`/v1/predictions/${created.id}/stream`, { headers }))),
      );
      if (received.at(-1)?.event === 'done') break;
      cuts++;
    }
    expect(cuts).toBeGreaterThan(0);
    const final = received.at(-1)?.data as Prediction;
    expect(final.status).toBe('succeeded');
    expect(new Set(received.map((e) => e.id)).size).toBe(received.length);
    // a fresh stream's first snapshot already holds the chunks before it, so count from there
    const firstSnapshot = received[0]?.data as Prediction;
    const before = Array.isArray(firstSnapshot.output) ? firstSnapshot.output : [];
    expect([...before, ...chunks(received)]).toEqual(final.output);
  });

  it('answers 404 for an unknown prediction and 422 for a bad Last-Event-ID', async () => {
    api = testApi();
    expect((await api.request(`/v1/predictions/${crypto.randomUUID()}/stream`)).status).toBe(404);
    const created = await api.create('predictkit/echo', { text: 'x' });
    const bad = await api.request(`/v1/predictions/${created.id}/stream`, {
      headers: { 'last-event-id': 'abc' },
    });
    expect(bad.status).toBe(422);
  });
});
