/**
 * The judge of the Replicate surface: Replicate's official client (`replicate` 1.4.0), used exactly
 * as its README shows, pointed at the local server's `/replicate/v1`, in-process through its `fetch`
 * option and over HTTP. Nothing here adapts the client: every call must work as on the real service.
 */
import Replicate, { type Prediction, parseProgressFromLogs, validateWebhook } from 'replicate';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type PredictKitServer } from '../createServer';
import { encodePng } from '../models/png';
import { type ListeningServer, listen } from '../node/listen';
import type { ServerOptions } from '../options';
import { ORIGIN } from './testServer';
import { type WebhookReceiver, webhookReceiver } from './webhookReceiver';

const BASE = `${ORIGIN}/replicate/v1`;
const TOKEN = 'r8_local_test_token';
const VERSION_ID = /^[\da-f]{64}$/;
/** A real 4×4 PNG, made by the server's own encoder. */
const PNG = new Uint8Array(
  await encodePng({ width: 4, height: 4, data: new Uint8ClampedArray(4 * 4 * 4).fill(200) }),
);

/** The parts of a version's Cog schema these tests read. */
interface CogSchema {
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

interface Sent {
  method: string;
  url: string;
  headers: Headers;
}

let server: PredictKitServer | undefined;
let http: ListeningServer | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await server?.close({ graceMs: 0 });
  await http?.close({ graceMs: 0 });
  await receiver?.close();
  server = http = receiver = undefined;
});

/** The official client on an in-process server, and every request it sent. */
function local(options: ServerOptions = {}, auth?: string) {
  server = createServer({ timeScale: 0.01, onWarning: () => {}, ...options });
  const instance = server;
  const sent: Sent[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push({ method: request.method, url: request.url, headers: request.headers });
    return instance.fetch(request);
  };
  const replicate = new Replicate({ auth, baseUrl: BASE, fetch });
  return { replicate, sent, server: instance };
}

const paths = (sent: Sent[]) => sent.map((s) => `${s.method} ${new URL(s.url).pathname}`);

describe('run', () => {
  it('blocks with Prefer: wait and returns the output, with no polling', async () => {
    const { replicate, sent } = local();
    const output = await replicate.run('predictkit/echo', { input: { text: 'hello' } });
    expect(output).toBe('hello');
    expect(paths(sent)).toEqual(['POST /replicate/v1/models/predictkit/echo/predictions']);
    expect(sent[0]?.headers.get('prefer')).toBe('wait');
  });

  it('polls with wait: {mode: "poll"} until the prediction ends, reporting progress', async () => {
    const { replicate, sent } = local();
    const seen: Prediction[] = [];
    const output = await replicate.run(
      'predictkit/slow-task',
      { input: { duration_s: 30, steps: 3 }, wait: { mode: 'poll', interval: 20 } },
      (p) => seen.push(p),
    );
    expect(output).toMatchObject({ steps_completed: 3, checksum: expect.stringMatching(/^[\da-f]{8}$/) });
    expect(sent[0]?.headers.get('prefer')).toBeNull();
    expect(paths(sent).filter((p) => p.startsWith('GET')).length).toBeGreaterThan(1);
    expect(seen[0]?.status).toBe('starting');
    expect(seen.at(-1)?.status).toBe('succeeded');
    const progress = seen.map((p) => parseProgressFromLogs(p)).filter(Boolean);
    expect(progress.at(-1)).toMatchObject({ percentage: 1, current: 3, total: 3 });
  });

  it('outlasts the wait window and still returns the finished output, not a partial one', async () => {
    const { replicate, sent } = local();
    const seen: string[] = [];
    const output = await replicate.run(
      'predictkit/slow-task',
      { input: { duration_s: 300, steps: 5 }, wait: { mode: 'block', timeout: 1 } },
      (p) => seen.push(p.status),
    );
    expect(sent[0]?.headers.get('prefer')).toBe('wait=1');
    // the held create ran out while the model was running: it answered `starting`, so the client polled
    expect(seen[0]).toBe('starting');
    expect(paths(sent).filter((p) => p.startsWith('GET')).length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe('succeeded');
    expect(output).toMatchObject({ steps_completed: 5, duration_s: 300 });
  }, 20_000);

  it('runs a pinned version, owner/name:<id>', async () => {
    const { replicate, sent } = local();
    const model = await replicate.models.get('predictkit', 'sentiment');
    const id = model.latest_version?.id as string;
    const output = await replicate.run(`predictkit/sentiment:${id}`, { input: { text: 'A lovely day' } });
    expect(output).toMatchObject({ label: 'positive' });
    expect(paths(sent).at(-1)).toBe('POST /replicate/v1/predictions');
  });

  it('throws "Prediction failed" with the error when the model fails', async () => {
    const { replicate } = local();
    await expect(
      replicate.run('predictkit/unreliable', { input: { failure_rate: 1, seed: 1 } }),
    ).rejects.toThrow(/^Prediction failed: /);
  });

  it('cancels the prediction when its signal aborts, and returns', async () => {
    const { replicate, sent } = local();
    const controller = new AbortController();
    const running = replicate.run('predictkit/slow-task', {
      input: { duration_s: 600, steps: 2 },
      wait: { mode: 'poll', interval: 20 },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    await running;
    const cancel = sent.find((s) => s.url.endsWith('/cancel'));
    expect(cancel?.method).toBe('POST');
    const id = new URL(cancel?.url as string).pathname.split('/').at(-2) as string;
    expect((await replicate.predictions.get(id)).status).toBe('canceled');
  });

  it('uploads a Blob in the input and runs the model on its file URL', async () => {
    const { replicate, sent } = local();
    const output = await replicate.run('predictkit/image-filter', {
      input: { image: new Blob([PNG], { type: 'image/png' }), filter: 'invert' },
    });
    expect(paths(sent).slice(0, 2)).toEqual([
      'POST /replicate/v1/files',
      'POST /replicate/v1/models/predictkit/image-filter/predictions',
    ]);
    const image = await fetchBytes(String(output));
    expect(image.type).toBe('image/png');
    expect([...image.bytes.slice(1, 4)]).toEqual([80, 78, 71]);
  });
});

/** A file's bytes as the client's users fetch an output URL: no token. */
async function fetchBytes(url: string): Promise<{ type: string | null; bytes: Uint8Array }> {
  const response = await (server as PredictKitServer).fetch(new Request(url));
  expect(response.status).toBe(200);
  return { type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe('predictions', () => {
  it('creates by model and by version, with wait: true holding the request', async () => {
    const { replicate, sent } = local();
    const byModel = await replicate.predictions.create({
      model: 'predictkit/echo',
      input: { text: 'a' },
      wait: true,
    });
    expect(byModel).toMatchObject({
      status: 'succeeded',
      output: 'a',
      model: 'predictkit/echo',
      source: 'api',
    });
    expect(byModel.version).toMatch(VERSION_ID);
    const byVersion = await replicate.predictions.create({ version: byModel.version, input: { text: 'b' } });
    expect(byVersion).toMatchObject({ model: 'predictkit/echo', version: byModel.version });
    expect(['starting', 'processing', 'succeeded']).toContain(byVersion.status);
    expect(paths(sent)).toEqual([
      'POST /replicate/v1/models/predictkit/echo/predictions',
      'POST /replicate/v1/predictions',
    ]);
    expect((await replicate.wait(byVersion, { interval: 10 })).output).toBe('b');
  });

  it('gets, waits for, cancels and lists predictions', async () => {
    const { replicate } = local();
    const slow = await replicate.predictions.create({
      model: 'predictkit/slow-task',
      input: { duration_s: 600, steps: 2 },
    });
    const got = await replicate.predictions.get(slow.id);
    expect(got).toMatchObject({ id: slow.id, input: { duration_s: 600, steps: 2 }, urls: slow.urls });
    const canceled = await replicate.predictions.cancel(slow.id);
    expect(canceled.status).toBe('canceled');
    // `wait` returns at once on a canceled prediction
    expect((await replicate.wait(canceled)).status).toBe('canceled');
    const quick = await replicate.predictions.create({ model: 'predictkit/echo', input: { text: 'q' } });
    const done = await replicate.wait(quick, { interval: 10 });
    expect(done).toMatchObject({
      status: 'succeeded',
      output: 'q',
      logs: expect.stringContaining('Echoing'),
    });
    expect(done.metrics?.predict_time).toBeGreaterThanOrEqual(0);
    const page = await replicate.predictions.list();
    expect(page.results.map((p) => p.id)).toEqual([quick.id, slow.id]);
    expect(page.next).toBeNull();
  });

  it('pages 100 at a time, newest first, through paginate', async () => {
    const { replicate } = local();
    const ids: string[] = [];
    for (let i = 0; i < 130; i++) {
      ids.push(
        (await replicate.predictions.create({ model: 'predictkit/echo', input: { text: `${i}` } })).id,
      );
    }
    const first = await replicate.predictions.list();
    expect(first.results).toHaveLength(100);
    expect(first.next).toMatch(new RegExp(`^${BASE}/predictions\\?cursor=`));
    const pages: string[][] = [];
    for await (const page of replicate.paginate(replicate.predictions.list))
      pages.push(page.map((p) => p.id));
    expect(pages.map((p) => p.length)).toEqual([100, 30]);
    expect(pages.flat()).toEqual(ids.reverse());
  });

  it('answers what it cannot do with ApiErrors carrying the status', async () => {
    const { replicate } = local();
    const missing = await replicate.predictions.get('nope').catch((e: unknown) => e);
    expect((missing as { response: Response }).response.status).toBe(404);
    const invalid = await replicate.predictions
      .create({ model: 'predictkit/echo', input: { text: 42 } })
      .catch((e: unknown) => e);
    expect((invalid as { response: Response }).response.status).toBe(422);
    expect((invalid as Error).message).toMatch(/input\.text/);
  });
});

describe('stream', () => {
  it('yields the text-generator’s tokens as output events, then done', async () => {
    const { replicate, sent } = local();
    const events = [];
    for await (const event of replicate.stream('predictkit/text-generator', {
      input: { prompt: 'Alice was', max_tokens: 20, seed: 3 },
    })) {
      events.push(event);
    }
    expect(events.at(-1)?.event).toBe('done');
    const tokens = events.filter((e) => e.event === 'output').map((e) => e.data);
    expect(tokens.length).toBeGreaterThan(1);
    const id = new URL(sent.find((s) => s.url.includes('/stream'))?.url as string).pathname.split('/')[4];
    const final = await replicate.predictions.get(id as string);
    expect(final.status).toBe('succeeded');
    expect(tokens).toEqual(final.output);
    // joining the events gives the text, as the README shows
    expect(events.map(String).join('')).toBe((final.output as string[]).join(''));
    expect(events.every((e) => e.id)).toBe(true);
    // the client sends no token to the stream: its URL is signed
    expect(sent.find((s) => s.url.includes('/stream'))?.headers.get('authorization')).toBeNull();
  });

  it('says a model without a token stream does not stream', async () => {
    const { replicate } = local();
    const stream = replicate.stream('predictkit/echo', { input: { text: 'x' } });
    await expect(stream.next()).rejects.toThrow('Prediction does not support streaming');
  });
});

describe('models, deployments and the rest', () => {
  it('gets a model with its latest version and a Cog openapi_schema', async () => {
    const { replicate } = local();
    const model = await replicate.models.get('predictkit', 'image-generator');
    expect(model).toMatchObject({ owner: 'predictkit', name: 'image-generator', visibility: 'public' });
    const schemas = (model.latest_version?.openapi_schema as CogSchema | undefined)?.components.schemas ?? {};
    expect(schemas.Input?.properties?.style).toEqual({
      allOf: [{ $ref: '#/components/schemas/style' }],
      default: 'aurora',
      description: 'The algorithm that paints the picture.',
      'x-order': 4,
    });
    expect(schemas.style).toMatchObject({ title: 'style', type: 'string', description: 'An enumeration.' });
    expect(schemas.Output).toMatchObject({ type: 'array', items: { type: 'string', format: 'uri' } });
  });

  it('lists versions and gets one by id; lists and searches models', async () => {
    const { replicate, sent } = local();
    const versions = await replicate.models.versions.list('predictkit', 'text-generator');
    expect(versions.results).toHaveLength(2);
    const oldest = versions.results.at(-1)?.id as string;
    expect(oldest).toMatch(VERSION_ID);
    const version = await replicate.models.versions.get('predictkit', 'text-generator', oldest);
    expect(version.id).toBe(oldest);
    const output = (version.openapi_schema as CogSchema).components.schemas.Output;
    expect(output).toMatchObject({ 'x-cog-array-type': 'iterator', 'x-cog-array-display': 'concatenate' });
    const models = await replicate.models.list();
    expect(models.results.map((m) => m.name)).toContain('tone-synth');
    const found = await replicate.models.search('image');
    expect(found.results.map((m) => m.name).sort()).toEqual(['image-filter', 'image-generator']);
    expect(sent.at(-1)?.method).toBe('QUERY');
  });

  it('runs a deployment, and gets and lists deployments', async () => {
    const { replicate, sent } = local();
    const prediction = await replicate.deployments.predictions.create('predictkit', 'echo', {
      input: { text: 'deployed' },
      wait: true,
    });
    expect(prediction).toMatchObject({
      status: 'succeeded',
      output: 'deployed',
      deployment: 'predictkit/echo',
    });
    expect(paths(sent)[0]).toBe('POST /replicate/v1/deployments/predictkit/echo/predictions');
    const deployment = await replicate.deployments.get('predictkit', 'echo');
    expect(deployment.current_release).toMatchObject({
      model: 'predictkit/echo',
      version: prediction.version,
    });
    expect((await replicate.deployments.list()).results.map((d) => d.name)).toContain('sentiment');
  });

  it('uploads, gets, lists and deletes files', async () => {
    const { replicate } = local();
    const file = await replicate.files.create(new Blob([PNG], { type: 'image/png' }), { purpose: 'test' });
    expect(file).toMatchObject({
      content_type: 'image/png',
      size: PNG.length,
      metadata: { purpose: 'test' },
    });
    expect(file.checksums.sha256).toMatch(/^[\da-f]{64}$/);
    expect(await replicate.files.get(file.id)).toEqual(file);
    expect((await replicate.files.list()).results.map((f) => f.id)).toEqual([file.id]);
    expect(await replicate.files.delete(file.id)).toBe(true);
    expect((await replicate.files.list()).results).toEqual([]);
  });

  it('reads the account, hardware and collections', async () => {
    const { replicate } = local();
    expect(await replicate.accounts.current()).toMatchObject({ type: 'user', username: 'local' });
    expect(await replicate.hardware.list()).toEqual([{ name: 'CPU', sku: 'cpu' }]);
    const collections = await replicate.collections.list();
    const slug = collections.results[0]?.slug as string;
    expect((await replicate.collections.get(slug)).models?.length).toBeGreaterThan(0);
  });
});

describe('a server with tokens', () => {
  it('takes the client’s Bearer token, streams without it, and refuses a client with none', async () => {
    const { replicate } = local({ tokens: [TOKEN] }, TOKEN);
    expect(await replicate.run('predictkit/echo', { input: { text: 't' } })).toBe('t');
    const events = [];
    for await (const event of replicate.stream('predictkit/text-generator', {
      input: { prompt: 'x', max_tokens: 3, seed: 1 },
    })) {
      events.push(event.event);
    }
    expect(events.at(-1)).toBe('done');
    const anonymous = new Replicate({
      baseUrl: BASE,
      fetch: (input, init) => (server as PredictKitServer).fetch(new Request(input, init)),
    });
    const refused = await anonymous.models.list().catch((e: unknown) => e);
    expect((refused as { response: Response }).response.status).toBe(401);
  });
});

describe('over HTTP', () => {
  it('runs, streams, searches with QUERY, and sends webhooks that validateWebhook accepts', async () => {
    receiver = await webhookReceiver();
    http = await listen({ port: 0, timeScale: 0.01, onWarning: () => {} });
    const replicate = new Replicate({ baseUrl: `${http.url}/replicate/v1` });
    expect(await replicate.run('predictkit/echo', { input: { text: 'over http' } })).toBe('over http');
    const tokens = [];
    for await (const event of replicate.stream('predictkit/text-generator', {
      input: { prompt: 'The Queen', max_tokens: 10, seed: 4 },
    })) {
      if (event.event === 'output') tokens.push(event.data);
    }
    expect(tokens.length).toBeGreaterThan(1);
    expect((await replicate.models.search('sentiment')).results.map((m) => m.name)).toEqual(['sentiment']);

    const { key } = await replicate.webhooks.default.secret.get();
    expect(key).toMatch(/^whsec_[A-Za-z\d+/]+=*$/);
    const prediction = await replicate.predictions.create({
      model: 'predictkit/echo',
      input: { text: 'hooked' },
      webhook: receiver.url,
      webhook_events_filter: ['start', 'completed'],
    });
    expect(prediction).toMatchObject({
      webhook: receiver.url,
      webhook_events_filter: ['start', 'completed'],
    });
    await http.server.webhooksIdle();
    await waitFor(() => receiver?.requests.length === 2);
    const [start, completed] = receiver.requests as [
      (typeof receiver.requests)[number],
      (typeof receiver.requests)[number],
    ];
    expect((JSON.parse(start.body) as Prediction).status).toBe('processing');
    expect(JSON.parse(completed.body)).toMatchObject({
      id: prediction.id,
      status: 'succeeded',
      output: 'hooked',
    });
    for (const { body, headers } of receiver.requests) {
      const request = new Request(receiver.url, { method: 'POST', headers: headers as HeadersInit, body });
      expect(await validateWebhook(request, key)).toBe(true);
      // a body changed on the way fails, as does another secret
      const tampered = new Request(receiver.url, {
        method: 'POST',
        headers: headers as HeadersInit,
        body: body.replace('hooked', 'hacked'),
      });
      expect(await validateWebhook(tampered, key)).toBe(false);
    }
    expect(
      await validateWebhook(
        new Request(receiver.url, {
          method: 'POST',
          headers: receiver.requests[0]?.headers as HeadersInit,
          body: receiver.requests[0]?.body,
        }),
        `whsec_${btoa('another secret')}`,
      ),
    ).toBe(false);
  });
});

/** Polls a condition: deliveries arrive on their own schedule. */
async function waitFor(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
