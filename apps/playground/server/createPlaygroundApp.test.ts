/**
 * The playground's server against the real local server (in-process): a prediction made through
 * its proxy and the feedback on it land in the local Weave surface; an evaluation streams its
 * progress, finishes with its summary and is listed with the past runs.
 */

import { createClient, runPrediction } from '@predictkit/core';
import { sendFeedback } from '@predictkit/core/feedback';
import { replicate } from '@predictkit/core/replicate';
import { createWeaveClient, listScores, listWeavePredictions } from '@predictkit/core/weave';
import { createServer, type PredictKitServer } from '@predictkit/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlaygroundApp } from './createPlaygroundApp';
import { SENTIMENT_DATASETS } from './sentimentDatasets';

const API = 'http://127.0.0.1:8787';
const PAGE = 'http://playground.test';
let server: PredictKitServer | undefined;
afterEach(() => server?.close());

const all = async <T>(items: AsyncIterable<T>) => {
  const list: T[] = [];
  for await (const item of items) list.push(item);
  return list;
};

function playground(env: Record<string, string> = {}) {
  server = createServer({ timeScale: 0.01, onWarning: () => {} });
  const fetch = (request: Request) => server!.fetch(request);
  const app = createPlaygroundApp({ api: API, env, fetch });
  const weave = createWeaveClient({
    entity: 'predictkit',
    project: 'playground',
    baseUrl: `${API}/weave`,
    apiKey: 'k',
    fetch,
  });
  let cookie = '';
  const browserFetch = async (request: Request) => {
    const headers = new Headers(request.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await app.fetch(new Request(request, { headers }));
    cookie = res.headers.getSetCookie()[0]?.split(';')[0] ?? cookie;
    return res;
  };
  return { app, weave, browserFetch };
}

describe('the playground server', () => {
  it('logs a prediction made through its proxy to Weave, with the feedback given on it', async () => {
    const { app, weave, browserFetch } = playground();
    expect(app.weaveUrl).toBe(`${API}/weave`);
    const client = createClient({ baseUrl: `${PAGE}/app/wriftai`, fetch: browserFetch });
    const done = await runPrediction(client, 'predictkit/echo', { text: 'hello weave' });
    await sendFeedback(client, { predictionId: done.id, scorer: 'thumbs', value: true });
    await app.flush();
    const logged = (await all(listWeavePredictions(weave))).filter(
      (p) => p.inputs?._predictkit_id === done.id,
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]!.inputs).toMatchObject({ text: 'hello weave' });
    expect((await all(listScores(weave))).map((s) => s.value)).toEqual([1]);
    // the same through Replicate's surface
    const rep = createClient({ baseUrl: `${PAGE}/app/replicate`, fetch: browserFetch, provider: replicate });
    const other = await runPrediction(rep, 'predictkit/echo', { text: 'via replicate' });
    expect(other.status).toBe('succeeded');
  });

  it('runs an evaluation with progress, and lists it with its summary', async () => {
    const { app } = playground();
    const res = await app.fetch(
      new Request(`${PAGE}/app/evaluations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ dataset: 'reviews', service: 'wriftai' }),
      }),
    );
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const total = SENTIMENT_DATASETS.reviews!.rows.length;
    const progress = lines.filter((l) => l.type === 'progress');
    expect(progress.map((l) => l.done)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const done = lines.at(-1);
    expect(done).toMatchObject({ type: 'done', failed: 0 });
    const summary = done.run.summary.exact_match;
    expect(summary.true_count).toBeGreaterThan(total / 2);
    expect(summary.true_fraction).toBeCloseTo(summary.true_count / total);

    const listed = await (await app.fetch(new Request(`${PAGE}/app/evaluations`))).json();
    expect(listed.datasets.map((d: { id: string }) => d.id)).toEqual(['reviews', 'hard']);
    expect(listed.runs).toHaveLength(1);
    expect(listed.runs[0]).toMatchObject({ id: done.run.id, summary: { exact_match: summary } });
    expect(listed.runs[0].label).toMatch(/sentiment · everyday-reviews/);
  });

  it('says what it needs when asked for an evaluation it cannot run', async () => {
    const { app } = playground();
    const res = await app.fetch(
      new Request(`${PAGE}/app/evaluations`, {
        method: 'POST',
        body: JSON.stringify({ dataset: 'toString' }),
      }),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).detail).toMatch(/"dataset": one of reviews, hard/);
    // neither a name every object has, nor a body of null, is taken for one
    for (const body of [{ dataset: 'reviews', service: 'toString' }, null]) {
      const refused = await app.fetch(
        new Request(`${PAGE}/app/evaluations`, { method: 'POST', body: JSON.stringify(body) }),
      );
      expect(refused.status).toBe(422);
    }
  });

  it('sends to W&B when the server has a key', () => {
    const app = createPlaygroundApp({
      api: API,
      env: { WANDB_API_KEY: 'secret', WEAVE_PROJECT: 'team/demo' },
    });
    expect(app.weaveUrl).toBe('https://trace.wandb.ai');
    expect(app.weaveProject).toBe('team/demo');
  });
});
