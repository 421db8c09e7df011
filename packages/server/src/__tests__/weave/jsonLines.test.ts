import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../../createServer';
import { MemoryStore } from '../../store/MemoryStore';
import type { WeaveQuery } from '../../store/Store';
import { JSONL_BATCH } from '../../surfaces/weave/jsonLinesResponse';
import { PROJECT, readJsonLines, type WeaveTestApi, weaveApi } from './weaveTestApi';

let api: WeaveTestApi | undefined;
afterEach(async () => {
  await api?.running.close();
  api = undefined;
});

/** A store that counts the batches lists read. */
class CountingStore extends MemoryStore {
  batches = 0;
  override listWeave(query: WeaveQuery) {
    this.batches++;
    return super.listWeave(query);
  }
}

describe('Weave lists (JSONL)', () => {
  it('streams a long list chunked, one JSON object a line, in creation order', async () => {
    api = await weaveApi();
    const model = await api.model();
    const count = JSONL_BATCH * 12 + 7;
    const output = 'x'.repeat(2000);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(
        (await api.send('POST', '/predictions', { model, inputs: { i }, output })).body
          .prediction_id as string,
      );
    }
    const response = await fetch(`${api.url}${PROJECT}/predictions`);
    expect(response.headers.get('content-type')).toBe('application/jsonl');
    // sent as it is read, so its length is not known up front
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let chunks = 0;
    let rest = '';
    const seen: string[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      const lines = (rest + decoder.decode(value, { stream: true })).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const prediction = JSON.parse(line);
        expect(prediction.inputs).toEqual({ i: seen.length });
        seen.push(prediction.prediction_id);
      }
    }
    expect(rest).toBe('');
    expect(seen).toEqual(ids);
    expect(chunks).toBeGreaterThan(1);
  });

  it('reads the store a batch at a time as the client reads, not the whole list up front', async () => {
    const store = new CountingStore();
    const server = createServer({ store, onWarning: () => {} });
    const url = `http://127.0.0.1:8787${PROJECT}`;
    const post = (path: string, body: unknown) =>
      server.fetch(
        new Request(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const model = (
      (await (await post('/models', { name: 'M', source_code: 'x' })).json()) as { model_ref: string }
    ).model_ref;
    const batches = 10;
    for (let i = 0; i < JSONL_BATCH * batches; i++)
      await post('/predictions', { model, inputs: { i }, output: i });
    store.batches = 0;
    const response = await server.fetch(new Request(`${url}/predictions`));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    // the first batch, and at most the next one the stream reads ahead
    expect(store.batches).toBeLessThanOrEqual(2);
    await reader.cancel();
    expect(store.batches).toBeLessThanOrEqual(2);
    const all = await readJsonLines(await server.fetch(new Request(`${url}/predictions`)));
    expect(all).toHaveLength(JSONL_BATCH * batches);
    await server.close();
  });

  it('pages with offset and limit, across batches, and past the end', async () => {
    api = await weaveApi();
    const model = await api.model();
    const n = JSONL_BATCH + 20;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(
        (await api.send('POST', '/predictions', { model, inputs: { i }, output: i })).body
          .prediction_id as string,
      );
    }
    const page = async (query: string) =>
      (await api?.lines(`/predictions?${query}`))?.map((p) => p.prediction_id);
    expect(await page('limit=3')).toEqual(ids.slice(0, 3));
    expect(await page(`offset=${JSONL_BATCH - 2}&limit=5`)).toEqual(
      ids.slice(JSONL_BATCH - 2, JSONL_BATCH + 3),
    );
    expect(await page(`offset=${n - 1}`)).toEqual(ids.slice(n - 1));
    expect(await page(`offset=${n + 5}`)).toEqual([]);
    expect(await page('limit=0')).toEqual([]);
  });

  it('refuses a limit or offset that is no whole number ≥ 0 with 422', async () => {
    api = await weaveApi();
    for (const [query, type] of [
      ['limit=ten', 'int_parsing'],
      ['offset=-1', 'greater_than_equal'],
      ['limit=1.5', 'int_parsing'],
    ]) {
      const refused = await api.send('GET', `/predictions?${query}`);
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toMatchObject([{ loc: ['query', (query as string).split('=')[0]], type }]);
    }
  });
});
