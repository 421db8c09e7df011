import { describe, expect, it } from 'vitest';
import { createClient as createWriftaiClient } from '../createClient';
import { createClient } from './createClient';
import { fakeFetch } from './fixtures';
import { uploadFile } from './uploadFile';

const file = {
  id: 'ZTQ5ZjY2ZGYtYzNiZC00ZjQ3LWFmZjAtZGRkN2Q3OWVkMjJh',
  name: 'cat.png',
  content_type: 'image/png',
  size: 3,
  etag: '"abc"',
  checksums: { sha256: '00', md5: '11' },
  metadata: { from: 'test' },
  created_at: '2026-11-22T10:00:00.000Z',
  expires_at: '2026-11-23T10:00:00.000Z',
  urls: { get: 'https://api.replicate.com/v1/files/ZTQ5ZjY2ZGYtYzNiZC00ZjQ3LWFmZjAtZGRkN2Q3OWVkMjJh' },
};

const upload = () => {
  const fake = fakeFetch({ 'POST /v1/files': () => Response.json(file, { status: 201 }) });
  return { ...fake, client: createClient({ token: 'r8_test', fetch: fake.fetch }) };
};

describe('uploadFile', () => {
  it('posts the content with its name and type and the metadata as JSON, multipart, and answers the file', async () => {
    const { client, sent } = upload();
    const blob = new File([new Uint8Array([1, 2, 3])], 'cat.png', { type: 'image/png' });
    const answer = await uploadFile(client, blob, { metadata: { from: 'test' } });
    expect(answer.urls.get).toBe(file.urls.get);
    expect(sent[0]!.url).toBe('https://api.replicate.com/v1/files');
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer r8_test');
    expect(sent[0]!.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const content = sent[0]!.form!.get('content') as File;
    expect(content.name).toBe('cat.png');
    expect(content.type).toBe('image/png');
    expect([...new Uint8Array(await content.arrayBuffer())]).toEqual([1, 2, 3]);
    const metadata = sent[0]!.form!.get('metadata') as File;
    expect(metadata.type).toBe('application/json');
    expect(JSON.parse(await metadata.text())).toEqual({ from: 'test' });
  });

  it('names and types a bare Blob as told, else `file` and application/octet-stream', async () => {
    const { client, sent } = upload();
    await uploadFile(client, new Blob(['hi']), { filename: 'note.txt', contentType: 'text/plain' });
    await uploadFile(client, new Blob(['hi']));
    const [told, bare] = sent.map((s) => s.form!.get('content') as File);
    expect([told!.name, told!.type]).toEqual(['note.txt', 'text/plain']);
    expect([bare!.name, bare!.type]).toEqual(['file', 'application/octet-stream']);
    expect(JSON.parse(await (sent[1]!.form!.get('metadata') as File).text())).toEqual({});
  });

  it('takes bytes as Node reads a file, or as fetch gives them', async () => {
    const { client, sent } = upload();
    await uploadFile(client, Buffer.from([1, 2, 3]), { filename: 'cat.png', contentType: 'image/png' });
    await uploadFile(client, new Uint8Array([4, 5]).buffer);
    const [buffer, bytes] = sent.map((s) => s.form!.get('content') as File);
    expect([buffer!.name, buffer!.type, [...new Uint8Array(await buffer!.arrayBuffer())]]).toEqual([
      'cat.png',
      'image/png',
      [1, 2, 3],
    ]);
    expect([bytes!.name, bytes!.type, [...new Uint8Array(await bytes!.arrayBuffer())]]).toEqual([
      'file',
      'application/octet-stream',
      [4, 5],
    ]);
  });

  it.each<[string, () => Promise<unknown>, string]>([
    [
      'no Blob',
      () => uploadFile(upload().client, 'cat.png' as never),
      'uploadFile: `file` must be a Blob, a File, or bytes (a Uint8Array, a Buffer or an ArrayBuffer), got "cat.png".',
    ],
    [
      'metadata that is no object',
      () => uploadFile(upload().client, new Blob([]), { metadata: 'x' }),
      'uploadFile: `metadata` must be an object (kept as JSON), got "x".',
    ],
    [
      'an empty name',
      () => uploadFile(upload().client, new Blob([]), { filename: '' }),
      'uploadFile: `filename` must be a non-empty string, got "".',
    ],
    [
      'an unknown option',
      () => uploadFile(upload().client, new Blob([]), { name: 'x' } as never),
      'uploadFile: unknown option `name`; known: signal,filename,contentType,metadata,timeoutMs.',
    ],
    [
      'a WriftAI client',
      () => uploadFile(createWriftaiClient({ fetch: upload().fetch }), new Blob([])),
      'uploadFile: `uploadFile` is not available on WriftAI.',
    ],
  ])('refuses %s with a TypeError, before sending', async (_case, call, message) => {
    await expect(call()).rejects.toThrow(new TypeError(message));
  });

  it('refuses an answer without the file’s get URL', async () => {
    const fake = fakeFetch({ 'POST /v1/files': { id: 'f' } });
    const client = createClient({ token: 't', fetch: fake.fetch });
    await expect(uploadFile(client, new Blob(['x']))).rejects.toThrow(
      'uploadFile: expected `urls` to be an object, got undefined.',
    );
  });
});
