/**
 * A person's feedback from the browser to Weave: `sendFeedback` through the proxy's feedback route,
 * recorded by the Weave logger as a score of the prediction it logged, all on one local server
 * (its WriftAI surface behind the proxy, its Weave surface behind the logger).
 */
import { createServer, type PredictKitServer } from '@predictkit/server';
import { afterEach, describe, expect, it } from 'vitest';
import { sendFeedback } from '../feedback';
import { ApiError, createClient, createPrediction, runPrediction } from '../index';
import { createProxyHandler, type ProxyHandlerOptions } from '../server/index';
import { createWeaveClient, createWeaveLogger, listScores, listWeavePredictions } from '../weave';
import { collect } from './collect';
import { ORIGIN } from './localServer';
import { withCookies } from './withCookies';

const APP = 'http://app.test';
let server: PredictKitServer | undefined;
afterEach(() => server?.close());

/** The local server, a Weave logger on its Weave surface, a proxy in front of its WriftAI surface. */
function app(options: Partial<ProxyHandlerOptions> = {}) {
  server = createServer({ timeScale: 0.01, onWarning: () => {} });
  const fetch = (request: Request) => server!.fetch(request);
  const weave = createWeaveClient({
    entity: 'me',
    project: 'app',
    baseUrl: `${ORIGIN}/weave`,
    apiKey: 'k',
    fetch,
  });
  const logger = createWeaveLogger({ client: weave });
  const proxy = createProxyHandler({
    token: 'server-held',
    upstream: `${ORIGIN}/v1`,
    allowModels: () => true,
    basePath: '/api',
    fetch,
    sinks: [logger],
    ...options,
  });
  return { weave, logger, proxy, browser: () => browser(proxy) };
}

/** A browser: its own visitor cookie, and a client of the proxy. */
const browser = (proxy: (request: Request) => Promise<Response>) =>
  createClient({ baseUrl: `${APP}/api`, fetch: withCookies(proxy) });

describe('feedback through the proxy', () => {
  it('records thumbs and a rating as Weave scores of the prediction the logger recorded', async () => {
    const { weave, logger, browser: open } = app();
    const client = open();
    const done = await runPrediction(client, 'predictkit/echo', { text: 'rate me' });
    const thumbs = await sendFeedback(client, { predictionId: done.id, scorer: 'thumbs', value: true });
    expect(thumbs).toEqual({ prediction_id: done.id, scorer: 'thumbs', value: 1, recorded: true });
    await sendFeedback(client, { predictionId: done.id, scorer: 'rating', value: 4 });
    await logger.flush();
    // one Weave prediction for it, however often it was read and scored
    const recorded = (await collect(listWeavePredictions(weave))).filter(
      (p) => p.inputs?._predictkit_id === done.id,
    );
    expect(recorded).toHaveLength(1);
    // (a score's read does not name its prediction, as Weave's; this server holds only these)
    const scores = await collect(listScores(weave));
    expect(scores.map((s) => [s.scorer.split('/').pop()?.split(':')[0], s.value])).toEqual([
      ['thumbs', 1],
      ['rating', 4],
    ]);
  });

  it('refuses feedback a visitor may not give, and says why', async () => {
    const { browser: open } = app();
    const owner = open();
    const done = await runPrediction(owner, 'predictkit/echo', { text: 'mine' });
    // someone else's prediction does not exist for them
    const other = open();
    await runPrediction(other, 'predictkit/echo', { text: 'theirs' });
    await expect(
      sendFeedback(other, { predictionId: done.id, scorer: 'thumbs', value: 1 }),
    ).rejects.toMatchObject({ status: 404 });
    // a scorer the proxy does not take, a value out of its range
    await expect(sendFeedback(owner, { predictionId: done.id, scorer: 'stars', value: 1 })).rejects.toThrow(
      /`scorer` must be one of thumbs, rating, got "stars"/,
    );
    await expect(sendFeedback(owner, { predictionId: done.id, scorer: 'rating', value: 9 })).rejects.toThrow(
      /`value` for rating must be a whole number from 1 to 5, got 9/,
    );
    // a prediction still running
    const running = await createPrediction(owner, {
      model: 'predictkit/slow-task',
      input: { duration_s: 600 },
    });
    const early = await sendFeedback(owner, { predictionId: running.id, scorer: 'thumbs', value: 0 }).catch(
      (e: unknown) => e,
    );
    expect(early).toBeInstanceOf(ApiError);
    expect((early as ApiError).message).toMatch(
      /is still (starting|pending|processing): send feedback once it has finished/,
    );
    // bad arguments never leave the browser
    await expect(sendFeedback(owner, { predictionId: '', scorer: 'thumbs', value: 1 })).rejects.toThrow(
      /predictionId/,
    );
    await expect(
      sendFeedback(owner, { predictionId: done.id, scorer: 'rating', value: 2.5 }),
    ).rejects.toThrow(/`value` must be a whole number/);
  });

  it('answers 404 when no sink records scores, and takes only the scorers it is given', async () => {
    const none = app({ sinks: [] });
    const client = none.browser();
    const done = await runPrediction(client, 'predictkit/echo', { text: 'x' });
    await expect(sendFeedback(client, { predictionId: done.id, scorer: 'thumbs', value: 1 })).rejects.toThrow(
      /records no feedback/,
    );
    const custom = app({ feedback: { helpful: { min: 0, max: 1 } } });
    const c = custom.browser();
    const p = await runPrediction(c, 'predictkit/echo', { text: 'y' });
    await expect(sendFeedback(c, { predictionId: p.id, scorer: 'helpful', value: 1 })).resolves.toMatchObject(
      {
        recorded: true,
      },
    );
    await expect(sendFeedback(c, { predictionId: p.id, scorer: 'thumbs', value: 1 })).rejects.toThrow(
      /must be one of helpful/,
    );
    expect(() => app({ feedback: { 'no spaces': { min: 0, max: 1 } } })).toThrow(
      /`feedback` must map scorer names/,
    );
  });

  it('takes feedback only from its own pages, as JSON', async () => {
    const { proxy, browser: open } = app();
    const client = open();
    const done = await runPrediction(client, 'predictkit/echo', { text: 'x' });
    const post = (headers: Record<string, string>) =>
      proxy(
        new Request(`${APP}/api/predictions/${done.id}/feedback`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ scorer: 'thumbs', value: 1 }),
        }),
      );
    expect((await post({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' })).status).toBe(
      403,
    );
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415);
  });
});
