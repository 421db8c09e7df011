import { afterEach, describe, expect, it } from 'vitest';
import { sseTextFrame } from '../../http/sse';
import { R, type RawEvent, type ReplicateTestApi, readRawEvents, replicateApi } from './replicateTestApi';

let api: ReplicateTestApi;
afterEach(async () => {
  await api?.server.close({ graceMs: 0 });
});

const TOKEN = 'r8_stream_test';
const path = (url: string) => url.replace('http://127.0.0.1:8787', '');
const outputs = (events: RawEvent[]) => events.filter((e) => e.event === 'output').map((e) => e.data);

describe('urls.stream', () => {
  it('sends output as raw text, logs, and done {}, each with an id, in Replicate’s events only', async () => {
    api = replicateApi();
    const created = await api.run('predictkit/text-generator', { prompt: 'Alice', max_tokens: 15 });
    const response = await api.request(path(created.urls.stream as string));
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = await readRawEvents(response);
    expect(new Set(events.map((e) => e.event))).toEqual(new Set(['output', 'logs', 'done']));
    expect(events.at(-1)).toMatchObject({ event: 'done', data: '{}' });
    const final = await api.get(created.id);
    expect(outputs(events)).toEqual(final.output);
    // the seed the model picked is logged, as raw text
    expect(events.find((e) => e.event === 'logs')?.data).toMatch(/^Using seed: \d+$/);
    const ids = events.map((e) => Number(e.id));
    expect(ids.every(Number.isInteger)).toBe(true);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('gives a client that connects late the whole output from the start', async () => {
    api = replicateApi();
    const done = await api.run(
      'predictkit/text-generator',
      { prompt: 'The Queen', max_tokens: 12, seed: 5 },
      {
        prefer: 'wait=5',
      },
    );
    expect(done.status).toBe('succeeded');
    const events = await readRawEvents(await api.request(path(done.urls.stream as string)));
    expect(outputs(events)).toEqual(done.output);
  });

  it('resumes after Last-Event-ID with nothing lost or repeated', async () => {
    api = replicateApi();
    const done = await api.run(
      'predictkit/text-generator',
      { prompt: 'Alice', max_tokens: 30, seed: 2 },
      {
        prefer: 'wait=5',
      },
    );
    const url = path(done.urls.stream as string);
    const whole = await readRawEvents(await api.request(url));
    const cutAt = whole[Math.floor(whole.length / 2)]?.id as string;
    const rest = await readRawEvents(await api.request(url, { headers: { 'last-event-id': cutAt } }));
    expect([...whole.filter((e) => Number(e.id) <= Number(cutAt)), ...rest]).toEqual(whole);
    expect(
      await readRawEvents(
        await api.request(url, { headers: { 'last-event-id': whole.at(-1)?.id as string } }),
      ),
    ).toEqual([]);
  });

  it('ends a failed prediction with error then done {"reason":"error"}, a canceled one with done {"reason":"canceled"}', async () => {
    api = replicateApi();
    const failed = await api.run('predictkit/unreliable', { failure_rate: 1, seed: 1 }, { prefer: 'wait=5' });
    expect(failed.status).toBe('failed');
    // not a streaming model: its stream is not offered, but reading it still ends the way Replicate's do
    expect(failed.urls.stream).toBeUndefined();
    const end = (await readRawEvents(await api.request(`${R}/predictions/${failed.id}/stream`))).slice(-2);
    expect(end.map((e) => e.event)).toEqual(['error', 'done']);
    expect(JSON.parse(end[0]?.data as string)).toEqual({ detail: failed.error });
    expect(JSON.parse(end[1]?.data as string)).toEqual({ reason: 'error' });

    const running = await api.run('predictkit/text-generator', { prompt: 'x', max_tokens: 1024, seed: 1 });
    const stream = api.request(path(running.urls.stream as string)).then(readRawEvents);
    await api.request(`${R}/predictions/${running.id}/cancel`, { method: 'POST' });
    expect((await stream).at(-1)).toMatchObject({ event: 'done', data: '{"reason":"canceled"}' });
  });

  it('needs no token at its signed URL, refuses a wrong signature, and needs the token without one', async () => {
    api = replicateApi({ tokens: [TOKEN] });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const created = await api.run('predictkit/text-generator', { prompt: 'x', max_tokens: 3 }, auth);
    const signed = path(created.urls.stream as string);
    expect(signed).toMatch(/\?signature=[\w-]{43}$/);
    const open = await api.request(signed);
    expect(open.status).toBe(200);
    expect((await readRawEvents(open)).at(-1)?.event).toBe('done');
    const forged = await api.request(signed.replace(/signature=.../, 'signature=AAA'));
    expect(forged.status).toBe(403);
    const other = await api.run('predictkit/text-generator', { prompt: 'y', max_tokens: 3 }, auth);
    // one prediction's signature opens no other's stream
    const borrowed = await api.request(
      `${R}/predictions/${other.id}/stream?${new URL(created.urls.stream as string).searchParams}`,
    );
    expect(borrowed.status).toBe(403);
    const bare = `${R}/predictions/${created.id}/stream`;
    expect((await api.request(bare)).status).toBe(401);
    expect((await api.request(bare, { headers: auth })).status).toBe(200);
    // the signature opens the stream alone: not the prediction
    expect(
      (
        await api.request(
          `${R}/predictions/${created.id}?${new URL(created.urls.stream as string).searchParams}`,
        )
      ).status,
    ).toBe(401);
  });
});

describe('sseTextFrame', () => {
  it('sends text with line breaks as one data field per line, which a reader joins back', async () => {
    const frame = new TextDecoder().decode(sseTextFrame(7, 'output', 'one\ntwo\r\nthree'));
    expect(frame).toBe('id: 7\nevent: output\ndata: one\ndata: two\ndata: three\n\n');
    const events = await readRawEvents(new Response(frame));
    expect(events).toEqual([{ id: '7', event: 'output', data: 'one\ntwo\nthree' }]);
  });
});
