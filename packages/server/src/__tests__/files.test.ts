import type { Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRange } from '../http/serveFile';
import { ORIGIN, type TestApi, testApi } from './testServer';

let api: TestApi;
afterEach(async () => {
  await api?.server.close();
});

describe('files', () => {
  it('stores media outputs and serves them with type, length, caching and ranges', async () => {
    api = testApi();
    const created = await api.create('predictkit/image-generator', {
      prompt: 'a lighthouse',
      width: 64,
      height: 64,
      num_outputs: 2,
    });
    const done = await api.settle(created.id);
    const urls = done.output as string[];
    expect(urls).toHaveLength(2);
    const url = urls[0] as string;
    expect(url.startsWith(`${ORIGIN}/v1/files/`)).toBe(true);
    const whole = await api.request(url.slice(ORIGIN.length));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('image/png');
    expect(whole.headers.get('cache-control')).toMatch(/max-age=31536000/);
    const bytes = new Uint8Array(await whole.arrayBuffer());
    expect(Number(whole.headers.get('content-length'))).toBe(bytes.length);
    expect([...bytes.slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);

    const part = await api.request(url.slice(ORIGIN.length), { headers: { range: 'bytes=1-3' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1-3/${bytes.length}`);
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([...bytes.slice(1, 4)]);
    const beyond = await api.request(url.slice(ORIGIN.length), {
      headers: { range: `bytes=${bytes.length}-` },
    });
    expect(beyond.status).toBe(416);
    expect((await api.request(`/v1/files/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('accepts its own file URLs and data: URIs as file inputs', async () => {
    api = testApi();
    const image = await api.settle(
      (await api.create('predictkit/image-generator', { prompt: 'fox', width: 64, height: 64 })).id,
    );
    const source = (image.output as string[])[0] as string;
    const filtered = await api.settle(
      (await api.create('predictkit/image-filter', { image: source, filter: 'invert' })).id,
    );
    expect(filtered.status).toBe('succeeded');
    const png = new Uint8Array(
      await (await api.request((filtered.output as string).slice(ORIGIN.length))).arrayBuffer(),
    );
    const dataUri = `data:image/png;base64,${btoa(String.fromCharCode(...png))}`;
    const again = await api.settle(
      (await api.create('predictkit/image-filter', { image: dataUri, filter: 'grayscale' })).id,
    );
    expect(again).toMatchObject({ status: 'succeeded' } satisfies Partial<Prediction>);
    // a URL of this server's shape on another host is not one of its files
    const foreign = await api.json('/v1/predictions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'predictkit/image-filter',
        input: { image: source.replace('127.0.0.1', '10.0.0.1') },
      }),
    });
    expect(foreign.status).toBe(422);
  });
});

describe('parseRange', () => {
  it.each([
    ['bytes=0-9', 100, [0, 9]],
    ['bytes=90-', 100, [90, 99]],
    ['bytes=-10', 100, [90, 99]],
    ['bytes=50-500', 100, [50, 99]],
    ['bytes=100-', 100, null],
    ['bytes=5-2', 100, null],
    ['bytes=0-1,5-6', 100, undefined],
    ['items=0-1', 100, undefined],
  ] as const)('%s of %i bytes → %j', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});
