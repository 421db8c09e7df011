/**
 * The proxy in front of Replicate: the local server's Replicate surface as the upstream, browsers
 * as PredictKit clients with the Replicate provider and a cookie jar.
 */
import { createServer, type PredictKitServer } from '@predictkit/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getModel, searchModels } from '../catalog/index';
import {
  cancelPrediction,
  createClient,
  createPrediction,
  getPrediction,
  listPredictions,
  type Prediction,
  runPrediction,
  ValidationError,
} from '../index';
import { replicate, uploadFile } from '../replicate';
import { createProxyHandler, type ProxyHandlerOptions } from '../server/index';
import { watchPrediction } from '../stream/index';
import { ORIGIN } from './localServer';
import { withCookies } from './withCookies';

const APP = 'http://app.test';
const BASE = '/api/predictkit';
const TOKEN = 'r8_server_held';
const UPSTREAM = `${ORIGIN}/replicate/v1`;

let server: PredictKitServer;
let upstreamSeen: Request[];

beforeEach(() => {
  server = createServer({ timeScale: 0.01, tokens: [TOKEN], onWarning: () => {} });
  upstreamSeen = [];
});
afterEach(() => server.close());

type Handler = (request: Request) => Promise<Response>;

function proxy(options: Partial<ProxyHandlerOptions> = {}): Handler {
  return createProxyHandler({
    provider: replicate,
    token: TOKEN,
    upstream: UPSTREAM,
    allowModels: [
      'predictkit/echo',
      'predictkit/text-generator',
      'predictkit/image-filter',
      'predictkit/slow-task',
    ],
    basePath: BASE,
    fetch: (request) => {
      upstreamSeen.push(request.clone());
      return server.fetch(request);
    },
    ...options,
  });
}

/** A browser: its cookie jar in front of the proxy, and a Replicate client on the proxy's path. */
function browser(handler: Handler) {
  const fetch = withCookies(handler);
  return { fetch, client: createClient({ provider: replicate, baseUrl: `${APP}${BASE}`, fetch }) };
}

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('createProxyHandler with the Replicate provider', () => {
  it('runs, reads, lists, streams and cancels through the proxy, the token added upstream only', async () => {
    const { client } = browser(proxy());
    const done = await runPrediction(client, 'predictkit/echo', { text: 'through the proxy' });
    expect(done).toMatchObject({ status: 'succeeded', output: 'through the proxy' });
    expect(upstreamSeen[0]!.url).toBe(`${UPSTREAM}/models/predictkit/echo/predictions`);
    expect(upstreamSeen.every((r) => r.headers.get('authorization') === `Bearer ${TOKEN}`)).toBe(true);
    expect((await getPrediction(client, done.id)).output).toBe('through the proxy');
    expect((await listPredictions(client)).items.map((p) => p.id)).toEqual([done.id]);

    const streamed = await createPrediction(client, {
      model: 'predictkit/text-generator',
      input: { prompt: 'Alice', max_tokens: 8, seed: 3 },
    });
    // The service streams from its own URL; the browser is given the proxy's.
    expect(streamed.urls?.stream).toBe(`${BASE}/predictions/${streamed.id}/stream`);
    const snapshots: Prediction[] = [];
    for await (const s of watchPrediction(client, streamed)) snapshots.push(s);
    expect(snapshots.at(-1)?.status).toBe('succeeded');
    expect(
      upstreamSeen.some((r) => new URL(r.url).pathname.endsWith(`/predictions/${streamed.id}/stream`)),
    ).toBe(true);

    const slow = await createPrediction(client, { model: 'predictkit/slow-task', input: { duration_s: 30 } });
    expect((await cancelPrediction(client, slow.id)).id).toBe(slow.id);
  });

  it('keeps visitors apart, as with WriftAI', async () => {
    const handler = proxy();
    const alice = browser(handler);
    const mallory = browser(handler);
    const made = await createPrediction(alice.client, {
      model: 'predictkit/echo',
      input: { text: 'mine' },
      wait: 5,
    });
    for (const [method, path] of [
      ['GET', `/predictions/${made.id}`],
      ['GET', `/predictions/${made.id}/stream`],
      ['POST', `/predictions/${made.id}/cancel`],
    ] as const) {
      expect((await mallory.fetch(new Request(`${APP}${BASE}${path}`, { method }))).status).toBe(404);
    }
    const page = (await (await mallory.fetch(new Request(`${APP}${BASE}/predictions`))).json()) as {
      results: unknown[];
      next: string | null;
    };
    expect(page).toEqual({ previous: null, next: null, results: [] });
  });

  it('pages the visitor’s list in Replicate’s shape', async () => {
    const { client, fetch } = browser(proxy());
    const ids: string[] = [];
    for (let i = 0; i < 27; i++) {
      ids.unshift((await createPrediction(client, { model: 'predictkit/echo', input: { text: `${i}` } })).id);
    }
    const first = (await (await fetch(new Request(`${APP}${BASE}/predictions`))).json()) as {
      results: { id: string }[];
      next: string;
    };
    expect(first.results.map((p) => p.id)).toEqual(ids.slice(0, 25));
    expect(first.next).toBe(`${BASE}/predictions?cursor=${ids[24]}`);
    const second = await listPredictions(client, {
      cursor: new URL(first.next, APP).searchParams.get('cursor')!,
    });
    expect(second.items.map((p) => p.id)).toEqual(ids.slice(25));
    expect(second.next_cursor).toBeNull();
    expect(second.previous_url).toBe(`${BASE}/predictions?cursor=before-${ids[25]}`);
    const back = await listPredictions(client, { cursor: second.previous_cursor! });
    expect(back.items.map((p) => p.id)).toEqual(ids.slice(0, 25));
    expect(back.previous_cursor).toBeNull();
    // A cursor it cannot honour is a validation failure in Replicate's words, which the client reads.
    const refused = await listPredictions(client, { cursor: 'garbage' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues).toEqual([
      { path: ['cursor'], message: 'Invalid cursor: start again from the first page', type: 'value_error' },
    ]);
  });

  it('allows a version id only with the model it belongs to, a bare id only as a version of an allowed model', async () => {
    const { client } = browser(proxy());
    const echo = (await getModel(client, 'predictkit/echo')).version!.id!;
    const sentiment = (await getModel(client, 'predictkit/sentiment')).version!.id!;
    const ran = await createPrediction(client, {
      model: `predictkit/echo:${echo}`,
      input: { text: 'v' },
      wait: 5,
    });
    expect(ran).toMatchObject({ status: 'succeeded', output: 'v' });

    upstreamSeen = [];
    const handler = proxy();
    for (const version of [`predictkit/echo:${sentiment}`, sentiment, 'predictkit/sentiment']) {
      const response = await handler(
        new Request(`${APP}${BASE}/predictions`, post({ version, input: { text: 'x' } })),
      );
      expect(response.status, version).toBe(403);
    }
    expect(upstreamSeen.filter((r) => r.method === 'POST')).toEqual([]);
    const bareRefused = await handler(
      new Request(`${APP}${BASE}/predictions`, post({ version: sentiment, input: { text: 'x' } })),
    );
    expect(await bareRefused.json()).toEqual({
      detail: `Version ${sentiment} is not a version of a model \`allowModels\` allows on the server, so it may not run through this proxy.`,
    });

    // What the official client's `run('owner/name:<id>')` sends: the id alone, a version of an
    // allowed model. The upstream is asked once per model, then the answer is remembered.
    const create = (on: Handler, version: string) =>
      on(new Request(`${APP}${BASE}/predictions`, post({ version, input: { text: 'b' } })));
    upstreamSeen = [];
    expect((await create(handler, echo)).status).toBe(201);
    expect((await create(handler, echo)).status).toBe(201);
    const lookups = upstreamSeen.filter((r) => r.method === 'GET' && r.url.includes(`/versions/${echo}`));
    expect(lookups.length).toBeGreaterThan(0);
    expect(lookups.length).toBeLessThanOrEqual(4);
    expect(new Set(lookups.map((r) => r.url)).size).toBe(lookups.length);

    expect((await create(proxy({ allowModels: [`predictkit/echo:${echo}`] }), echo)).status).toBe(201);
    expect((await create(proxy({ allowModels: ['predictkit/sentiment'] }), echo)).status).toBe(403);
    expect((await create(proxy({ allowModels: ['*'] }), sentiment)).status).toBe(201);
    // A predicate could only guess a bare id's model (a deny-list would let any through): it refuses.
    const guessed = await create(proxy({ allowModels: (m) => m.name !== 'expensive' }), echo);
    expect(guessed.status).toBe(403);
    expect(await guessed.json()).toEqual({
      detail: `Version ${echo} names no model, so \`allowModels\` cannot judge it: name its model (\`owner/name:${echo}\`).`,
    });
  });

  it('tells the server log, not the visitor, that the upstream refused the token', async () => {
    const errors: unknown[] = [];
    const { client } = browser(proxy({ token: 'r8_wrong', onError: (error) => errors.push(error) }));
    const refused = (await createPrediction(client, { model: 'predictkit/echo', input: { text: 'x' } }).catch(
      (error: unknown) => error,
    )) as Error;
    // A 4xx, so that nothing retries it: a create that was refused made nothing.
    expect(refused).toMatchObject({ status: 401 });
    expect(refused.message).toBe(
      "createPrediction failed with 401: The prediction service refused this server's token; the server log says why. Check the request.",
    );
    // Every visitor meets it: the log hears of it once a minute at most.
    await expect(getModel(client, 'predictkit/echo')).rejects.toMatchObject({ status: 401 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      name: 'ApiError',
      status: 401,
      message:
        "Replicate refused the server's token (401 to POST /replicate/v1/models/predictkit/echo/predictions: Invalid token: this server does not accept the token sent). Set REPLICATE_API_TOKEN, or `token`, to a valid one.",
    });
  });

  it('answers version creates when the upstream answers are kept copies, as Next.js keeps them', async () => {
    const echo = (await getModel(browser(proxy()).client, 'predictkit/echo')).version!.id!;
    const sentiment = (await getModel(browser(proxy()).client, 'predictkit/sentiment')).version!.id!;
    // Next.js's `fetch` tees each answer for its cache: a canceled branch settles only with the other.
    const kept: Response[] = [];
    const handler = proxy({
      fetch: async (request) => {
        const response = await server.fetch(request);
        kept.push(response.clone());
        return response;
      },
    });
    const create = (version: string) =>
      handler(new Request(`${APP}${BASE}/predictions`, post({ version, input: { text: 'n' } })));
    expect((await create(`predictkit/echo:${echo}`)).status).toBe(201);
    expect((await create(echo)).status).toBe(201);
    expect((await create(sentiment)).status).toBe(403);
    expect(kept.length).toBeGreaterThan(3);
  });

  it('looks a bare id up in at most 8 models, stopping at the first that has it, a no kept a minute', async () => {
    const echo = (await getModel(browser(proxy()).client, 'predictkit/echo')).version!.id!;
    const many = Array.from({ length: 12 }, (_, i) => `someone/model-${i}`);
    const lookups = () => upstreamSeen.filter((r) => r.url.includes('/versions/')).length;
    upstreamSeen = [];
    const strict = proxy({ allowModels: many });
    const refused = await strict(
      new Request(`${APP}${BASE}/predictions`, post({ version: echo, input: { text: 'x' } })),
    );
    expect(refused.status).toBe(403);
    expect(lookups()).toBe(8);
    // Sent again within the minute, it is refused without asking again.
    const again = await strict(
      new Request(`${APP}${BASE}/predictions`, post({ version: echo, input: { text: 'x' } })),
    );
    expect(again.status).toBe(403);
    expect(lookups()).toBe(8);
    // A minute on, it is asked again: the version may have been pushed since.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    try {
      await strict(new Request(`${APP}${BASE}/predictions`, post({ version: echo, input: { text: 'x' } })));
    } finally {
      vi.useRealTimers();
    }
    expect(lookups()).toBe(16);
    upstreamSeen = [];
    const ran = await proxy({ allowModels: ['predictkit/echo', ...many] })(
      new Request(`${APP}${BASE}/predictions`, post({ version: echo, input: { text: 'x' } })),
    );
    expect(ran.status).toBe(201);
    expect(lookups()).toBe(5);
  });

  it('passes an outage of the version lookup on as it is, not as a refusal', async () => {
    const echo = (await getModel(browser(proxy()).client, 'predictkit/echo')).version!.id!;
    const lookup = `${UPSTREAM}/models/predictkit/echo/versions/${echo}`;
    for (const [failure, status] of [
      [async () => Response.json({ detail: 'Upstream down' }, { status: 503 }), 503],
      [async () => Response.json({ detail: 'Slow down', retry_after: 1 }, { status: 429 }), 429],
      [async () => Promise.reject(new TypeError('fetch failed')), 502],
    ] as const) {
      const handler = proxy({
        fetch: (request) => (request.url === lookup ? failure() : server.fetch(request)),
      });
      const response = await handler(
        new Request(
          `${APP}${BASE}/predictions`,
          post({ version: `predictkit/echo:${echo}`, input: { text: 'x' } }),
        ),
      );
      expect(response.status).toBe(status);
      expect(await response.text()).not.toContain('is not a version of');
    }
  });

  it('passes an outage of a signed download’s check on as it is, not as a refusal', async () => {
    const handler = proxy({
      fetch: (request) =>
        request.url.includes('/download')
          ? Promise.resolve(Response.json({ detail: 'Upstream down' }, { status: 503 }))
          : server.fetch(request),
    });
    const response = await browser(handler).fetch(
      new Request(
        `${APP}${BASE}/models/predictkit/image-filter/predictions`,
        post({ input: { image: `${BASE}/files/abc/download?expiry=1&signature=s`, filter: 'invert' } }),
      ),
    );
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain('was not uploaded by this visitor');
  });

  it('runs deployments only from allowDeployments', async () => {
    const refused = await proxy()(
      new Request(`${APP}${BASE}/deployments/predictkit/echo/predictions`, post({ input: { text: 'd' } })),
    );
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toMatch(
      /Deployment predictkit\/echo is not allowed .* `allowDeployments`/,
    );
    const { client } = browser(proxy({ allowDeployments: ['predictkit/echo'] }));
    const made = await createPrediction(client, {
      deployment: 'predictkit/echo',
      input: { text: 'd' },
      wait: 5,
    });
    expect(made).toMatchObject({ status: 'succeeded', output: 'd' });
  });

  it('refuses, as it is made, a version, deployment or webhook Replicate would never be asked for', () => {
    const base = { provider: replicate, token: TOKEN, allowModels: [] };
    // WriftAI's version numbers: every create on the model would be refused as not listed.
    expect(() => createProxyHandler({ ...base, allowModels: ['predictkit/echo:2'] })).toThrow(
      'createProxyHandler: `allowModels` has "predictkit/echo:2": a version on Replicate is a 64-hex version id (`owner/name:<id>`).',
    );
    expect(() =>
      createProxyHandler({ ...base, allowDeployments: [`predictkit/echo:${'a'.repeat(64)}`] }),
    ).toThrow(
      /`allowDeployments` has ".*": a deployment is `owner\/name`, with no version \(it runs its own\)\./,
    );
    expect(() =>
      createProxyHandler({ ...base, webhook: { url: 'https://app.test/hooks', events: ['done' as never] } }),
    ).toThrow(
      'createProxyHandler: `webhook`: `events` must be a list of "start", "output", "logs" or "completed".',
    );
    expect(() =>
      createProxyHandler({ ...base, webhook: { url: 'https://app.test/hooks', secret: 'whsec_x' } }),
    ).toThrow('createProxyHandler: `webhook`: `secret` is not available on Replicate: leave it out.');
    expect(() =>
      createProxyHandler({
        ...base,
        allowDeployments: ['predictkit/echo'],
        webhook: { url: 'https://app.test/h', events: ['completed'] },
      }),
    ).not.toThrow();
  });

  it('refuses a browser’s webhook and events, and attaches the server’s own', async () => {
    for (const body of [
      { input: { text: 'x' }, webhook: 'https://evil.test/hook' },
      { input: { text: 'x' }, webhook_events_filter: ['start'] },
    ]) {
      const response = await proxy()(
        new Request(`${APP}${BASE}/models/predictkit/echo/predictions`, post(body)),
      );
      expect(response.status).toBe(400);
    }
    expect(upstreamSeen).toEqual([]);
    const own = { url: 'https://app.example.com/hooks/replicate?key=s3cret', events: ['completed' as const] };
    const { fetch } = browser(proxy({ webhook: own }));
    const served = await fetch(
      new Request(`${APP}${BASE}/models/predictkit/echo/predictions`, post({ input: { text: 'z' } })),
    );
    expect(served.status).toBe(201);
    expect(await upstreamSeen.at(-1)!.json()).toEqual({
      input: { text: 'z' },
      webhook: own.url,
      webhook_events_filter: own.events,
    });
    // The browser never sees where the server's webhook goes: not in the answer, a read or the list.
    const created = await served.text();
    expect(created).not.toMatch(/s3cret|webhook/);
    const { id } = JSON.parse(created);
    for (const path of ['', `/${id}`]) {
      const answer = await (await fetch(new Request(`${APP}${BASE}/predictions${path}`))).text();
      expect(answer).toContain(id);
      expect(answer).not.toMatch(/s3cret|webhook/);
    }
  });

  /**
   * A download URL of the file `id` as the service signs it (Replicate's documented form:
   * base64(HMAC-SHA256("{owner} {id} {expiry}")), with the local server's own key.
   */
  async function signedDownload(id: string): Promise<string> {
    const raw = Uint8Array.from(atob(server.store.getSetting('url_signing_key')!), (c) => c.charCodeAt(0));
    const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const expiry = Math.floor(Date.now() / 1000) + 3600;
    const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`local ${id} ${expiry}`));
    const signature = btoa(String.fromCharCode(...new Uint8Array(mac)));
    return `${APP}${BASE}/files/${id}/download?${new URLSearchParams({ expiry: `${expiry}`, owner: 'local', signature })}`;
  }

  it('serves an uploaded page as a file to save, never as a page of its origin', async () => {
    const { client, fetch } = browser(proxy());
    const page = new Blob(['<script>alert(document.cookie)</script>'], { type: 'text/html' });
    const file = await uploadFile(client, page, { filename: 'x.html', contentType: 'text/html' });
    const served = await fetch(new Request(await signedDownload(file.id)));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-disposition')).toBe('attachment');
    expect(served.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    // a list of types, which a browser reads by its last, is no image
    for (const contentType of ['image/png,text/html', 'image/png, image/svg+xml', 'image/svg+xml']) {
      const tricky = await uploadFile(client, page, { filename: 'x.png', contentType });
      const answer = await fetch(new Request(await signedDownload(tricky.id)));
      expect(answer.headers.get('content-disposition'), contentType).toBe('attachment');
    }
    // an image with parameters is still shown
    const image = await uploadFile(client, new Blob(['png']), {
      filename: 'a.png',
      contentType: 'image/png; q=1',
    });
    const shown = await fetch(new Request(await signedDownload(image.id)));
    expect(shown.headers.get('content-disposition')).toBeNull();
  });

  it('passes a download on only with its signature, and never with the token', async () => {
    const handler = proxy();
    const { client } = browser(handler);
    const file = await uploadFile(client, new Blob(['private']), {
      filename: 'a.txt',
      contentType: 'text/plain',
    });
    upstreamSeen = [];
    // Anyone who learns an upload's id, without its signature: the token would open it.
    for (const query of ['', '?expiry=9999999999&owner=local']) {
      const refused = await handler(new Request(`${APP}${BASE}/files/${file.id}/download${query}`));
      expect(refused.status).toBe(404);
      expect((await refused.json()).detail).toMatch(/only as a signed download URL/);
    }
    expect(upstreamSeen).toEqual([]);
    const forged = await handler(
      new Request(`${APP}${BASE}/files/${file.id}/download?expiry=9999999999&owner=local&signature=AAAA`),
    );
    expect(forged.status).toBe(403);
    const signed = await handler(new Request(await signedDownload(file.id)));
    expect(await signed.text()).toBe('private');
    expect(upstreamSeen.map((r) => r.headers.get('authorization'))).toEqual([null, null]);
  });

  it('takes uploads only from signed-in users where the app has them', async () => {
    const handler = proxy({ identify: (request) => request.headers.get('x-user') });
    const upload = (headers: Record<string, string>) => {
      const form = new FormData();
      form.set('content', new Blob(['hi'], { type: 'text/plain' }), 'a.txt');
      return handler(new Request(`${APP}${BASE}/files`, { method: 'POST', body: form, headers }));
    };
    const anonymous = await upload({});
    expect(anonymous.status).toBe(401);
    expect(upstreamSeen).toHaveLength(0);
    expect((await upload({ 'x-user': 'ada' })).status).toBe(201);
  });

  it('runs a model on an upload only for the visitor who uploaded it', async () => {
    const handler = proxy();
    const ada = browser(handler);
    const bob = browser(handler);
    const form = new FormData();
    form.set('content', new Blob(['png'], { type: 'image/png' }), 'a.png');
    // An upload makes a visitor of a browser that had none, and is that visitor's.
    const uploaded = await ada.fetch(new Request(`${APP}${BASE}/files`, { method: 'POST', body: form }));
    expect(uploaded.status).toBe(201);
    const file = (await uploaded.json()) as { id: string; urls: { get: string } };
    upstreamSeen = [];
    // Another visitor who learns its id, as the proxy shows it or as the service does: the service
    // would read it with the token.
    for (const image of [
      file.urls.get,
      `${APP}${file.urls.get}`,
      `${UPSTREAM}/files/${file.id}`,
      // spellings the service's URL parser reads as the same file
      `${UPSTREAM}/files/${file.id}?signature=x`,
      `${UPSTREAM}/files/${file.id}/download?signature=x`,
      `${file.urls.get}/download?signature=x`,
      `${UPSTREAM}\\files\\${file.id}`,
      `${UPSTREAM}/fi\tles/${file.id}`,
      ` \u0001${UPSTREAM}/files/${file.id}`,
      `${UPSTREAM.replace('/replicate/v1', '/v1')}/files/${file.id}`,
    ]) {
      const refused = createPrediction(bob.client, {
        model: 'predictkit/image-filter',
        input: { image, filter: 'invert' },
      });
      await expect(refused, image).rejects.toMatchObject({ status: 403 });
      await expect(refused).rejects.toThrow(`File ${file.id} was not uploaded by this visitor`);
    }
    // Only the forged signatures were put to the service, without the token.
    expect(upstreamSeen.map((r) => [new URL(r.url).pathname, r.headers.get('authorization')])).toEqual([
      [`/replicate/v1/files/${file.id}/download`, null],
      [`/replicate/v1/files/${file.id}/download`, null],
    ]);
    // Its own upload, as the proxy shows it or written out on the page's origin: the service's URL goes up.
    for (const image of [file.urls.get, `${APP}${file.urls.get}`]) {
      upstreamSeen = [];
      const own = await createPrediction(ada.client, {
        model: 'predictkit/image-filter',
        input: { image, filter: 'invert' },
      });
      expect(own.status).not.toBe('failed');
      expect(((await upstreamSeen.at(-1)!.json()) as { input: { image: string } }).input.image).toBe(
        `${UPSTREAM}/files/${file.id}`,
      );
    }
    // Two uploads a new visitor sends at once each make a visitor; the next request keeps both files.
    const cy = browser(handler);
    const files = await Promise.all(
      ['a.png', 'b.png'].map((name) =>
        uploadFile(cy.client, new Blob(['png'], { type: 'image/png' }), { filename: name }),
      ),
    );
    for (const f of files) {
      const made = await createPrediction(cy.client, {
        model: 'predictkit/image-filter',
        input: { image: f.urls.get, filter: 'invert' },
      });
      expect(made.status).not.toBe('failed');
    }
  });

  it('uploads a file and runs a model on it, and serves the output file', async () => {
    const { client, fetch } = browser(proxy());
    const source = await runPrediction<Record<string, unknown>, string>(
      createClient({ provider: replicate, baseUrl: UPSTREAM, token: TOKEN, fetch: (r) => server.fetch(r) }),
      'predictkit/image-generator',
      { prompt: 'a red fox', width: 64, height: 64 },
    );
    const png = await (await server.fetch(new Request([source.output].flat()[0] as string))).blob();
    const file = await uploadFile(client, png, { filename: 'fox.png', contentType: 'image/png' });
    // The file's URL is the proxy's, and the model gets the service's.
    expect(file.urls.get.startsWith(`${BASE}/files/`)).toBe(true);
    const filtered = await runPrediction<Record<string, unknown>, string>(client, 'predictkit/image-filter', {
      image: file.urls.get,
      filter: 'invert',
    });
    expect(filtered.status).toBe('succeeded');
    const created = upstreamSeen.find((r) => r.url.endsWith('/models/predictkit/image-filter/predictions'))!;
    expect(((await created.json()) as { input: { image: string } }).input.image).toBe(
      `${UPSTREAM}/files/${file.id}`,
    );
    const output = [filtered.output].flat()[0] as string;
    expect(output.startsWith(`${BASE}/files/`)).toBe(true);
    // An output, a signed download, goes on to the next model: the service serves it without the token.
    const again = await runPrediction<Record<string, unknown>, string>(client, 'predictkit/image-filter', {
      image: output,
      filter: 'invert',
    });
    expect(again.status).toBe('succeeded');
    const served = await fetch(new Request(`${APP}${output}`));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    // shown by the page, never run as one
    expect(served.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-disposition')).toBeNull();
    const bytes = new Uint8Array(await served.arrayBuffer());
    // a media element seeks with ranges, and revalidates with its etag
    const part = await fetch(new Request(`${APP}${output}`, { headers: { range: 'bytes=1-3' } }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1-3/${bytes.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(1, 4));
    const etag = served.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const unchanged = await fetch(new Request(`${APP}${output}`, { headers: { 'if-none-match': etag! } }));
    expect(unchanged.status).toBe(304);
  });

  it('searches with QUERY, and refuses the account', async () => {
    const { client, fetch } = browser(proxy());
    expect((await searchModels(client, 'echo')).items.map((m) => m.name)).toContain('echo');
    expect((await fetch(new Request(`${APP}${BASE}/account`))).status).toBe(404);
    expect((await fetch(new Request(`${APP}${BASE}/webhooks/default/secret`))).status).toBe(404);
  });

  it('reads REPLICATE_API_TOKEN, and says which variable is missing', async () => {
    const errors: unknown[] = [];
    vi.stubEnv('REPLICATE_API_TOKEN', '');
    try {
      const handler = proxy({ token: undefined, onError: (error) => errors.push(error) });
      expect((await handler(new Request(`${APP}${BASE}/models/predictkit/echo`))).status).toBe(500);
      expect(String(errors[0])).toContain('set REPLICATE_API_TOKEN on the server');
      vi.stubEnv('REPLICATE_API_TOKEN', TOKEN);
      expect((await handler(new Request(`${APP}${BASE}/models/predictkit/echo`))).status).toBe(200);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
