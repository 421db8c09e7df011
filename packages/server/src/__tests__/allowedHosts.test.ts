import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../createServer';
import { type ListeningServer, listen } from '../node/listen';
import { testApi } from './testServer';

const withHost = (host: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), host },
});

describe('the Host a request names', () => {
  it('refuses a name that is not this machine, with a 403 saying how to allow it', async () => {
    const api = testApi();
    for (const [host, name] of [
      ['evil.example', 'evil.example'],
      ['evil.example:8787', 'evil.example'],
      ['localhost.evil.example', 'localhost.evil.example'],
      ['EVIL.example.', 'evil.example'],
    ]) {
      const { status, body } = await api.json<{ detail: string }>('/v1/models', withHost(host as string));
      expect({ host, status }).toEqual({ host, status: 403 });
      expect(body.detail).toMatch(/DNS rebinding/);
      expect(body.detail).toContain(`--allowed-host ${name} `);
    }
  });

  it('answers localhost, *.localhost and IP addresses on any port', async () => {
    const api = testApi();
    for (const host of [
      'localhost',
      'localhost:5173',
      'app.localhost:3000',
      '127.0.0.1:8787',
      '127.0.0.1',
      '[::1]:8787',
      '192.168.1.20:8787',
      'LOCALHOST.',
    ]) {
      expect({ host, status: (await api.request('/v1/models', withHost(host))).status }).toEqual({
        host,
        status: 200,
      });
    }
    // an in-process request names its host in its URL
    const server = createServer({ onWarning: () => {} });
    expect((await server.fetch(new Request('http://evil.example/v1/models'))).status).toBe(403);
    expect((await server.fetch(new Request('http://localhost/v1/models'))).status).toBe(200);
    await server.close();
  });

  it('guards every path, preflights and unknown routes included', async () => {
    const api = testApi();
    const refused = [
      await api.request('/v1/predictions', withHost('evil.example')),
      await api.request(`/v1/files/${crypto.randomUUID()}`, withHost('evil.example')),
      await api.request('/nowhere', withHost('evil.example')),
      await api.request(
        '/v1/predictions',
        withHost('evil.example', {
          method: 'OPTIONS',
          headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
        }),
      ),
    ];
    for (const response of refused) {
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('answers the host of baseUrl and the allowed hosts, exactly or by domain', async () => {
    const api = testApi({
      baseUrl: 'https://predict.example.com',
      allowedHosts: ['dev.example', '.example.org'],
    });
    const status = async (host: string) => (await api.request('/v1/models', withHost(host))).status;
    expect(await status('predict.example.com')).toBe(200);
    expect(await status('dev.example:8080')).toBe(200);
    expect(await status('example.org')).toBe(200);
    expect(await status('a.b.example.org')).toBe(200);
    expect(await status('other.example.com')).toBe(403);
    expect(await status('sub.dev.example')).toBe(403);
    expect(await status('notexample.org')).toBe(403);
    const any = testApi({ allowedHosts: ['*'] });
    expect((await any.request('/v1/models', withHost('anything.example'))).status).toBe(200);
  });

  it('checks allowedHosts at start-up', () => {
    for (const bad of [['http://a.example'], ['a.example:80'], ['a.example/x'], [''], 'a.example']) {
      expect(() => createServer({ allowedHosts: bad as string[] })).toThrow(/`allowedHosts` must be/);
    }
  });
});

describe('over HTTP', () => {
  let running: ListeningServer | undefined;
  afterEach(async () => {
    await running?.close({ graceMs: 0 });
    running = undefined;
  });

  /** Node's fetch sets Host from the URL: a raw request sends the Host a rebinding page's browser would. */
  function getWithHost(url: string, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const target = new URL(url);
      const req = httpRequest(
        { host: target.hostname, port: target.port, path: '/v1/models', headers: { host } },
        (res) => {
          res.resume();
          resolve(res.statusCode as number);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('on 127.0.0.1, refuses a rebinding name and answers local ones', async () => {
    running = await listen({ port: 0, onWarning: () => {} });
    const { port } = new URL(running.url);
    expect(await getWithHost(running.url, `evil.example:${port}`)).toBe(403);
    expect(await getWithHost(running.url, `localhost:${port}`)).toBe(200);
    expect(await getWithHost(running.url, `127.0.0.1:${port}`)).toBe(200);
  });

  it('bound to every address, answers any name unless allowedHosts is given', async () => {
    running = await listen({ port: 0, host: '0.0.0.0', onWarning: () => {} });
    const url = `http://127.0.0.1:${new URL(running.url).port}`;
    expect(await getWithHost(url, 'my-laptop.lan')).toBe(200);
    await running.close({ graceMs: 0 });
    running = await listen({
      port: 0,
      host: '0.0.0.0',
      allowedHosts: ['my-laptop.lan'],
      onWarning: () => {},
    });
    const again = `http://127.0.0.1:${new URL(running.url).port}`;
    expect(await getWithHost(again, 'my-laptop.lan')).toBe(200);
    expect(await getWithHost(again, 'evil.example')).toBe(403);
  });
});
