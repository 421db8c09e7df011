/**
 * What every runtime must do with `@predictkit/core` and `@predictkit/core/server`, using only what
 * the runtime itself offers (fetch, streams, Web Crypto, timers). Bundled into one module and run
 * by each runtime against the local server. Each check reports what it saw, or `ERROR name:
 * message`, so that one failure never hides the others.
 */
import {
  ApiError,
  cancelPrediction,
  createClient,
  createPrediction,
  getPrediction,
  listPredictions,
  paginate,
  runPrediction,
  type WatchTransport,
  waitForPrediction,
} from '@predictkit/core';
import { getModel } from '@predictkit/core/catalog';
import { createProxyHandler, signWebhook, verifyWebhook } from '@predictkit/core/server';
import { streamPrediction, watchPrediction } from '@predictkit/core/stream';
import { createPredictionWatcher } from '@predictkit/core/watcher';

type Check = () => Promise<unknown>;

const MODEL = 'predictkit/echo';

export async function probe(baseUrl: string): Promise<Record<string, unknown>> {
  // No token and no `baseUrl` fallback needed: the client must not touch the environment for them.
  const client = createClient({ baseUrl });
  const echo = (text: string, delay_ms = 0) =>
    createPrediction(client, { model: MODEL, input: { text, delay_ms } });

  const checks: Record<string, Check> = {
    async run() {
      const p = await runPrediction(client, MODEL, { text: 'hi' });
      return `${p.status} ${p.output}`;
    },
    async streamedWait() {
      const p = await echo('streamed', 300);
      const watcher = createPredictionWatcher(client, p, { stream: streamPrediction });
      const transports = new Set<WatchTransport | undefined>();
      watcher.subscribe((state) => transports.add(state.transport));
      const done = await watcher.result;
      return `${done.status} ${done.output} via ${[...transports].join('+')}`;
    },
    async polledWait() {
      const p = await echo('polled', 200);
      const done = await waitForPrediction(client, p.id, { interval: 50 });
      return `${done.status} ${done.output}`;
    },
    async watch() {
      const statuses: string[] = [];
      for await (const s of watchPrediction(client, (await echo('watched', 200)).id)) statuses.push(s.status);
      return statuses.at(-1);
    },
    async streamEvents() {
      const p = await waitForPrediction(client, await echo('events'), { stream: streamPrediction });
      const names: string[] = [];
      for await (const e of streamPrediction(client, p)) names.push(e.event);
      return names.at(-1);
    },
    async listAndIterate() {
      const page = await listPredictions(client, { pageSize: 5 });
      let seen = 0;
      for await (const _ of paginate(client, listPredictions, { pageSize: 5 })) if (++seen === 3) break;
      return `${page.items.length > 0} ${seen}`;
    },
    async cancel() {
      const p = await echo('never', 10_000);
      await cancelPrediction(client, p.id);
      return (await waitForPrediction(client, p.id, { stream: streamPrediction })).status;
    },
    async abort() {
      const p = await echo('abandoned', 10_000);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      try {
        await waitForPrediction(client, p.id, { stream: streamPrediction, signal: controller.signal });
        return 'not aborted';
      } catch (error) {
        return (error as Error).name;
      } finally {
        await cancelPrediction(client, p.id);
      }
    },
    async model() {
      const m = await getModel(client, MODEL);
      return `${m.owner.username}/${m.name}:${m.version?.number}`;
    },
    async apiError() {
      try {
        await getPrediction(client, 'no-such-prediction');
        return 'no error';
      } catch (error) {
        return `${error instanceof ApiError} ${(error as ApiError).status}`;
      }
    },
    async webhook() {
      const body = JSON.stringify(await runPrediction(client, MODEL, { text: 'hooked' }));
      const signature = await signWebhook({ body, secret: ['old', 'new'] });
      const verified = await verifyWebhook({ body, signature, secret: 'new' });
      const tampered = await verifyWebhook({ body: `${body} `, signature, secret: 'new' }).catch(
        (e) => e.name,
      );
      return `${verified.output} ${tampered}`;
    },
    async proxy() {
      const handler = createProxyHandler({ token: 'server-side', upstream: baseUrl, allowModels: [MODEL] });
      const create = (model: string) =>
        handler(
          new Request(`http://app.test/models/${model}/predictions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', prefer: 'wait=10' },
            body: JSON.stringify({ input: { text: 'proxied' } }),
          }),
        );
      const allowed = await create(MODEL);
      const denied = await create('predictkit/slow-task');
      const { id, output } = (await allowed.json()) as { id: string; output: string };
      // The visitor cookie must survive each runtime's Response headers, and be all it takes.
      const cookie = allowed.headers.get('set-cookie')?.split(';')[0] ?? '';
      const read = (headers: Record<string, string>) =>
        handler(new Request(`http://app.test/predictions/${id}`, { headers })).then((r) => r.status);
      return `${allowed.status} ${output} ${denied.status} ${await read({ cookie })} ${await read({})}`;
    },
  };

  const results: Record<string, unknown> = {};
  for (const [name, check] of Object.entries(checks)) {
    try {
      results[name] = await check();
    } catch (error) {
      results[name] = `ERROR ${(error as Error)?.name}: ${(error as Error)?.message}`;
    }
  }
  return results;
}

/** What every runtime must report. */
export const EXPECTED: Record<string, unknown> = {
  run: 'succeeded hi',
  streamedWait: 'succeeded streamed via stream',
  polledWait: 'succeeded polled',
  watch: 'succeeded',
  streamEvents: 'done',
  listAndIterate: 'true 3',
  cancel: 'canceled',
  abort: 'AbortError',
  model: 'predictkit/echo:1',
  apiError: 'true 404',
  webhook: 'hooked WebhookSignatureMismatchError',
  proxy: '201 proxied 403 200 404',
};
