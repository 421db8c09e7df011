import type { Page, Prediction } from '@predictkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type ListeningServer, listen } from '../node/listen';
import { type TestApi, testApi } from './testServer';

let api: TestApi | undefined;
let running: ListeningServer | undefined;
afterEach(async () => {
  await api?.server.close();
  await running?.close();
  api = undefined;
  running = undefined;
});

const BODY = JSON.stringify({ model: 'predictkit/echo', input: { text: 'hi' } });

const count = async (a: TestApi) => (await a.json<Page<Prediction>>('/v1/predictions')).body.items.length;

describe('a change from another web page', () => {
  it('refuses a cross-site text/plain create (a "simple" request no preflight guards) and creates nothing', async () => {
    api = testApi();
    const { status, body } = await api.json<{ detail: string }>('/v1/predictions', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: BODY,
    });
    expect(status).toBe(403);
    expect(body.detail).toMatch(/https:\/\/evil\.example/);
    expect(body.detail).toMatch(/--cors-origin/);
    expect(body.detail).toMatch(/corsOrigins/);
    expect(await count(api)).toBe(0);
  });

  it('refuses a JSON create or a cancel from an origin outside corsOrigins', async () => {
    api = testApi();
    const created = await api.create('predictkit/slow-task', { duration_s: 60, steps: 2 });
    const foreign = { origin: 'https://evil.example' };
    const create = await api.request('/v1/predictions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...foreign },
      body: BODY,
    });
    expect(create.status).toBe(403);
    const cancel = await api.request(`/v1/predictions/${created.id}/cancel`, {
      method: 'POST',
      headers: foreign,
    });
    expect(cancel.status).toBe(403);
    expect((await api.json<Prediction>(`/v1/predictions/${created.id}`)).body.status).not.toBe('canceled');
    expect(await count(api)).toBe(1);
  });

  it('refuses `Sec-Fetch-Site: cross-site` without an Origin, and `Origin: null` (sandboxed frames, files)', async () => {
    api = testApi();
    const cases: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site' }, { origin: 'null' }];
    for (const headers of cases) {
      const response = await api.request('/v1/predictions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: BODY,
      });
      expect(response.status).toBe(403);
    }
    expect(await count(api)).toBe(0);
  });

  it('lets the allowed origins change things, with CORS headers on the refusals they can read', async () => {
    api = testApi();
    const local = await api.request('/v1/predictions', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'http://localhost:5173',
        'sec-fetch-site': 'cross-site',
      },
      body: BODY,
    });
    expect(local.status).toBe(201);
    const wrongType = await api.request('/v1/predictions', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://127.0.0.1:6006' },
      body: BODY,
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:6006');
  });

  it('follows corsOrigins: the listed origins, and no longer the local default', async () => {
    api = testApi({ corsOrigins: ['https://app.example.com'] });
    const from = (origin: string) =>
      api!.request('/v1/predictions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: BODY,
      });
    expect((await from('https://app.example.com')).status).toBe(201);
    const local = await from('http://localhost:5173');
    expect(local.status).toBe(403);
    expect(((await local.json()) as { detail: string }).detail).toMatch(/https:\/\/app\.example\.com/);
  });

  it('refuses at start-up a corsOrigins entry no browser would ever send', () => {
    for (const bad of [
      'localhost:3000',
      'http://localhost:3000/',
      'http://Localhost:3000',
      'http://x.test/app',
    ]) {
      expect(() => testApi({ corsOrigins: [bad] })).toThrow(/`corsOrigins` must be a list of origins/);
    }
    expect(() => testApi({ corsOrigins: ['*', 'https://a.example:8443', /\.example$/] })).not.toThrow();
  });

  it('lets a request with a valid bearer token through from any origin, and only then', async () => {
    api = testApi({ tokens: ['s3cret'] });
    const from = (headers: Record<string, string>) =>
      api!.request('/v1/predictions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://tool.example', ...headers },
        body: BODY,
      });
    expect((await from({ authorization: 'Bearer s3cret' })).status).toBe(201);
    const wrong = await from({ authorization: 'Bearer nope' });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { detail: string }).detail).toMatch(/Authorization: Bearer/);
    expect((await from({})).status).toBe(403);
  });

  it('still serves reads to any origin (CORS decides what a page may see)', async () => {
    api = testApi();
    const response = await api.request('/v1/models', { headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the content type of a change', () => {
  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['JSON lookalike', 'text/json'],
  ])('refuses %s with 415, saying to send application/json', async (_, type) => {
    api = testApi();
    const { status, body } = await api.json<{ detail: string }>('/v1/predictions', {
      method: 'POST',
      headers: { 'content-type': type },
      body: BODY,
    });
    expect(status).toBe(415);
    expect(body.detail).toMatch(/Content-Type: application\/json/);
    expect(await count(api)).toBe(0);
  });

  it('refuses a body with no content type', async () => {
    api = testApi();
    const response = await api.request('/v1/predictions', {
      method: 'POST',
      body: new TextEncoder().encode(BODY),
    });
    expect(response.status).toBe(415);
  });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;charset=UTF-8',
    'application/vnd.predictkit+json',
  ])('takes %s', async (type) => {
    api = testApi();
    const response = await api.request('/v1/predictions', {
      method: 'POST',
      headers: { 'content-type': type },
      body: BODY,
    });
    expect(response.status).toBe(201);
  });

  it('takes a cancel with no body and no content type, as the official clients send it', async () => {
    api = testApi();
    const created = await api.create('predictkit/slow-task', { duration_s: 60, steps: 2 });
    const response = await api.request(`/v1/predictions/${created.id}/cancel`, { method: 'POST' });
    expect(response.status).toBe(200);
  });

  it('over HTTP: refuses text/plain, takes a bodiless cancel (content-length 0 or none)', async () => {
    running = await listen({ port: 0, timeScale: 0.01, onWarning: () => {} });
    const { url } = running;
    const plain = await fetch(`${url}/v1/predictions`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: BODY,
    });
    expect(plain.status).toBe(415);
    const created = (await (
      await fetch(`${url}/v1/predictions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'predictkit/slow-task', input: { duration_s: 60, steps: 2 } }),
      })
    ).json()) as Prediction;
    const cancel = await fetch(`${url}/v1/predictions/${created.id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    const again = await fetch(`${url}/v1/predictions/${created.id}/cancel`, {
      method: 'POST',
      headers: { 'content-length': '0', 'content-type': 'text/plain' },
    });
    expect(again.status).toBe(200);
  });
});
