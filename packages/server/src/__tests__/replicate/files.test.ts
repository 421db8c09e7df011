import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { encodePng } from '../../models/png';
import { fromReplicateId } from '../../replicateId';
import { downloadUrl } from '../../surfaces/replicate/signedUrls';
import { R, type ReplicatePrediction, type ReplicateTestApi, replicateApi } from './replicateTestApi';

let api: ReplicateTestApi;
afterEach(async () => {
  await api?.server.close({ graceMs: 0 });
});

const TOKEN = 'r8_files_test';
const PNG = new Uint8Array(
  await encodePng({ width: 3, height: 2, data: new Uint8ClampedArray(3 * 2 * 4).fill(90) }),
);

interface FileObject {
  id: string;
  name: string;
  content_type: string;
  size: number;
  etag: string;
  checksums: { sha256: string };
  metadata: Record<string, unknown>;
  created_at: string;
  expires_at: string | null;
  urls: { get: string };
}

function upload(
  bytes: Uint8Array,
  name: string,
  type: string,
  metadata?: string,
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  form.append('content', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
  if (metadata !== undefined) form.append('metadata', new Blob([metadata], { type: 'application/json' }));
  return api.json<FileObject>(`${R}/files`, { method: 'POST', body: form, headers });
}

const path = (url: string) => url.replace('http://127.0.0.1:8787', '');

describe('files', () => {
  it('uploads multipart content with its metadata, and gets, lists and deletes it', async () => {
    api = replicateApi();
    const { status, body: file, headers } = await upload(PNG, 'dot.png', 'image/png', '{"purpose":"test"}');
    expect(status).toBe(201);
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    expect(file).toEqual({
      id: expect.stringMatching(/^[a-z2-7]{26}$/),
      name: 'dot.png',
      content_type: 'image/png',
      size: PNG.length,
      etag: expect.any(String),
      checksums: { sha256 },
      metadata: { purpose: 'test' },
      created_at: expect.any(String),
      expires_at: null,
      urls: { get: `http://127.0.0.1:8787${R}/files/${file.id}` },
    });
    expect(headers.get('location')).toBe(file.urls.get);
    expect((await api.json(path(file.urls.get))).body).toEqual(file);
    const download = await api.request(`${R}/files/${file.id}/download`);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG);
    expect((await api.json<{ results: FileObject[] }>(`${R}/files`)).body.results).toEqual([file]);
    expect((await api.request(`${R}/files/${file.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api.request(`${R}/files/${file.id}`)).status).toBe(404);
    expect((await api.request(`${R}/files/${file.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await api.json<{ results: FileObject[] }>(`${R}/files`)).body.results).toEqual([]);
  });

  it('lists newest first, 100 a page, following next', async () => {
    api = replicateApi();
    const ids: string[] = [];
    for (let i = 0; i < 105; i++)
      ids.push((await upload(new Uint8Array([i]), `f${i}`, 'application/octet-stream')).body.id);
    const first = (await api.json<{ next: string; results: FileObject[] }>(`${R}/files`)).body;
    expect(first.results.map((f) => f.id)).toEqual([...ids].reverse().slice(0, 100));
    const second = (await api.json<{ next: string | null; results: FileObject[] }>(path(first.next))).body;
    expect(second.results.map((f) => f.id)).toEqual([...ids].reverse().slice(100));
    expect(second.next).toBeNull();
  });

  it('refuses uploads that are not one: 415 for text, 422 without content or with bad metadata', async () => {
    api = replicateApi();
    const text = await api.request(`${R}/files`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(text.status).toBe(415);
    const form = new FormData();
    form.append('other', 'x');
    const noContent = await api.json<{ invalid_fields: { field: string }[] }>(`${R}/files`, {
      method: 'POST',
      body: form,
    });
    expect(noContent.status).toBe(422);
    expect(noContent.body.invalid_fields[0]?.field).toBe('content');
    const badMetadata = await upload(PNG, 'a.png', 'image/png', '[1,2]');
    expect(badMetadata.status).toBe(422);
    const json = await api.request(`${R}/files`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(422);
    // a page elsewhere cannot upload, though a multipart form needs no preflight
    const foreign = await upload(PNG, 'a.png', 'image/png', undefined, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await api.json<{ results: unknown[] }>(`${R}/files`)).body.results).toEqual([]);
  });

  it('never serves a file as a live page of this origin: nosniff, sandboxed, and saved unless it is media', async () => {
    api = replicateApi();
    const page = new TextEncoder().encode('<script>fetch("/replicate/v1/webhooks/default/secret")</script>');
    const served = async (type: string, bytes = page) => {
      const { body: file } = await upload(bytes, 'f', type);
      // both surfaces serve the same bytes: Replicate's download and WriftAI's file URL
      const urls = [`${R}/files/${file.id}/download`, `/v1/files/${fromReplicateId(file.id)}`];
      return Promise.all(
        urls
          .flatMap((url) => [api.request(url), api.request(url, { method: 'HEAD' })])
          .map(async (answer) => {
            const { headers } = await answer;
            return {
              type: headers.get('content-type'),
              nosniff: headers.get('x-content-type-options'),
              csp: headers.get('content-security-policy'),
              disposition: headers.get('content-disposition'),
            };
          }),
      );
    };
    const sandbox = "sandbox; default-src 'none'";
    const attachments = [
      'text/html',
      'image/svg+xml',
      'application/xhtml+xml',
      'video/x-page+xml',
      'text/plain',
    ];
    for (const type of attachments) {
      for (const answer of await served(type)) {
        expect(answer).toEqual({ type, nosniff: 'nosniff', csp: sandbox, disposition: 'attachment' });
      }
    }
    // media shows where it is opened: in a page, or in the browser's own viewer
    for (const type of ['image/png', 'image/webp']) {
      for (const answer of await served(type, PNG)) {
        expect(answer).toEqual({ type, nosniff: 'nosniff', csp: sandbox, disposition: null });
      }
    }
    // the browser's player for audio or video opened by itself fetches the file again, from its origin
    const player = "sandbox allow-same-origin; default-src 'none'; media-src 'self'";
    for (const type of ['audio/wav', 'video/mp4']) {
      for (const answer of await served(type, PNG)) {
        expect(answer).toEqual({ type, nosniff: 'nosniff', csp: player, disposition: null });
      }
    }
    // the type as the uploader wrote it: a list is read by its last entry, so it is no media type
    const { body: listed } = await upload(PNG, 'f', 'image/png, text/html');
    const download = await api.request(`${R}/files/${listed.id}/download`);
    expect(download.headers.get('content-disposition')).toBe('attachment');
    // a range, and a cached copy's revalidation, carry the same rules
    const { body: html } = await upload(page, 'f', 'text/html');
    const url = `${R}/files/${html.id}/download`;
    const part = await api.request(url, { headers: { range: 'bytes=0-3' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-disposition')).toBe('attachment');
    expect(part.headers.get('content-security-policy')).toBe(sandbox);
    const etag = part.headers.get('etag') as string;
    const cached = await api.request(url, { headers: { 'if-none-match': etag } });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('x-content-type-options')).toBe('nosniff');
    expect(cached.headers.get('content-security-policy')).toBe(sandbox);
  });

  it('takes an upload’s urls.get as a model input, and the model’s output download URL as the next', async () => {
    api = replicateApi();
    const { body: file } = await upload(PNG, 'dot.png', 'image/png');
    const filtered = await api.run(
      'predictkit/image-filter',
      { image: file.urls.get, filter: 'invert' },
      { prefer: 'wait=10' },
    );
    expect(filtered.status).toBe('succeeded');
    const out = filtered.output as string;
    expect(out).toMatch(
      /^http:\/\/127\.0\.0\.1:8787\/replicate\/v1\/files\/[a-z2-7]{26}\/download\?expiry=\d+&owner=local&signature=/,
    );
    const again = await api.run(
      'predictkit/image-filter',
      { image: out, filter: 'blur' },
      { prefer: 'wait=10' },
    );
    expect(again.status).toBe('succeeded');
    // the same output on WriftAI is its own file URL
    const { body } = await api.json<{ output: string }>(`/v1/predictions/${filtered.id}`);
    expect(body.output).toMatch(/^http:\/\/127\.0\.0\.1:8787\/v1\/files\/[\da-f-]{36}$/);
  });

  it('serves output files at signed URLs without the token, and refuses forged or expired ones', async () => {
    api = replicateApi({ tokens: [TOKEN] });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const created = await api.run(
      'predictkit/image-generator',
      { prompt: 'sea', width: 64, height: 64, num_outputs: 2 },
      { ...auth, prefer: 'wait=10' },
    );
    const urls = created.output as string[];
    expect(urls).toHaveLength(2);
    for (const url of urls) {
      const response = await api.request(path(url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
    }
    // the output reads the same every time: the URLs are stable
    expect(
      (await api.json<ReplicatePrediction>(`${R}/predictions/${created.id}`, { headers: auth })).body.output,
    ).toEqual(urls);
    const signed = new URL(urls[0] as string);
    const forged = new URL(signed);
    forged.searchParams.set('expiry', String(Number(signed.searchParams.get('expiry')) + 1));
    expect((await api.request(path(forged.href))).status).toBe(403);
    const otherFile = new URL(urls[1] as string).pathname;
    expect((await api.request(`${otherFile}${signed.search}`)).status).toBe(403);
    const key = Uint8Array.from(atob(api.server.store.getSetting('url_signing_key') as string), (c) =>
      c.charCodeAt(0),
    );
    const id = signed.pathname.split('/')[4] as string;
    const expired = downloadUrl(`http://127.0.0.1:8787${R}`, key, id, Date.now() - 400 * 24 * 3600 * 1000);
    expect((await api.request(path(expired))).status).toBe(403);
    // without a signature, the token is needed
    expect((await api.request(signed.pathname)).status).toBe(401);
    expect((await api.request(signed.pathname, { headers: auth })).status).toBe(200);
  });
});
