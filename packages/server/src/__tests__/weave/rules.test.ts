import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_DEPTH } from '../../http/limits';
import { LOCAL_USER } from '../../localUser';
import { PROJECT, type WeaveTestApi, weaveApi } from './weaveTestApi';

let api: WeaveTestApi | undefined;
afterEach(async () => {
  await api?.running.close();
  api = undefined;
});

const basic = (user: string, password: string) => ({ authorization: `Basic ${btoa(`${user}:${password}`)}` });

describe('the server’s rules on /weave', () => {
  it('checks HTTP Basic (user api, a token as password) when started with tokens', async () => {
    api = await weaveApi({ tokens: ['key-1'], accounts: [{ username: 'ada', token: 'key-ada' }] });
    const none = await api.send('GET', '/predictions');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Basic');
    expect(none.body.detail).toMatch(/Missing token: send `Authorization: Basic/);
    for (const headers of [basic('api', 'nope'), basic('ada', 'key-1'), { authorization: 'Bearer key-1' }]) {
      expect((await api.send('GET', '/predictions', undefined, headers)).status).toBe(401);
    }
    expect((await api.send('GET', '/predictions', undefined, basic('api', 'key-1'))).status).toBe(200);
    // the account's token acts as its user, whose id the records carry
    const ada = basic('api', 'key-ada');
    const model = (await api.send('POST', '/models', { name: 'M', source_code: 'x' }, ada)).body.model_ref;
    const id = (await api.send('POST', '/predictions', { model, inputs: {}, output: 1 }, ada)).body
      .prediction_id;
    const read = await api.send('GET', `/predictions/${id}`, undefined, basic('api', 'key-1'));
    expect(read.body.wb_user_id).not.toBe(LOCAL_USER.id);
    const user = await fetch(`${api.url}/v1/user`, { headers: { authorization: 'Bearer key-ada' } });
    expect(read.body.wb_user_id).toBe(((await user.json()) as { id: string }).id);
  });

  it('lets anything pass without tokens, as the local user', async () => {
    api = await weaveApi();
    const model = await api.model();
    const id = (
      await api.send('POST', '/predictions', { model, inputs: {}, output: 1 }, basic('api', 'anything'))
    ).body.prediction_id;
    expect((await api.send('GET', `/predictions/${id}`)).body.wb_user_id).toBe(LOCAL_USER.id);
  });

  it('answers injected faults in its own error shape', async () => {
    api = await weaveApi({ faults: { errorRate: 1, seed: 7 } });
    const statuses = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const { status, body, headers } = await api.send('GET', '/predictions');
      statuses.add(status);
      expect(body).toEqual({ detail: expect.stringMatching(/^Injected fault/) });
      if (status === 503) expect(headers.get('retry-after')).toBe('1');
    }
    expect([...statuses].sort()).toEqual([500, 503]);
  });

  it('shares a token’s rate-limit window with the other surfaces', async () => {
    api = await weaveApi({ tokens: ['key-1'], faults: { rateLimit: { requests: 2, windowMs: 60_000 } } });
    expect((await fetch(`${api.url}/v1/models`, { headers: { authorization: 'Bearer key-1' } })).status).toBe(
      200,
    );
    const second = await api.send('GET', '/predictions', undefined, basic('api', 'key-1'));
    expect(second.status).toBe(200);
    expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
    const third = await api.send('GET', '/predictions', undefined, basic('api', 'key-1'));
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('refuses a change from a page elsewhere, a body that is not JSON, and another Host', async () => {
    api = await weaveApi();
    const model = await api.model();
    const body = JSON.stringify({ model, inputs: {}, output: 1 });
    const url = `${api.url}${PROJECT}/predictions`;
    const foreign = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    const text = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    expect(text.status).toBe(415);
    const local = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
      body,
    });
    expect(local.status).toBe(200);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const { request } = await import('node:http');
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(url, { headers: { host: 'rebound.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('refuses a body nested too deep with 422, and answers unknown routes with 404', async () => {
    api = await weaveApi();
    const model = await api.model();
    let deep: unknown = 1;
    for (let i = 0; i < MAX_BODY_DEPTH + 1; i++) deep = { a: deep };
    const refused = await api.send('POST', '/predictions', { model, inputs: {}, output: deep });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatchObject([{ type: 'too_deep' }]);
    expect(await api.lines('/predictions')).toEqual([]);
    expect((await api.send('GET', '/nothing-here')).status).toBe(404);
  });
});
