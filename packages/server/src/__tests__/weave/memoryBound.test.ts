import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../store/MemoryStore';
import { type WeaveTestApi, weaveApi } from './weaveTestApi';

let api: WeaveTestApi | undefined;
afterEach(async () => {
  await api?.running.close();
  api = undefined;
});

describe('Weave records in memory', () => {
  it('forgets the oldest past the bound, in every list, and a forgotten one is a 404', async () => {
    api = await weaveApi({ store: new MemoryStore({ maxWeaveRecords: 4 }) });
    const model = await api.model();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(
        (await api.send('POST', '/predictions', { model, inputs: { i }, output: i })).body
          .prediction_id as string,
      );
    }
    expect((await api.lines('/predictions')).map((p) => p.prediction_id)).toEqual(ids.slice(2));
    expect(await api.lines('/models')).toEqual([]);
    expect((await api.send('GET', `/predictions/${ids[1]}`)).status).toBe(404);
    expect((await api.send('GET', `/predictions/${ids[2]}`)).status).toBe(200);
  });

  it('bounds their bytes too, keeping the newest however large', async () => {
    api = await weaveApi({ store: new MemoryStore({ maxWeaveBytes: 10_000 }) });
    const model = await api.model();
    const big = 'x'.repeat(6000);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (await api.send('POST', '/predictions', { model, inputs: {}, output: big })).body
          .prediction_id as string,
      );
    }
    expect((await api.lines('/predictions')).map((p) => p.prediction_id)).toEqual(ids.slice(2));
  });
});
