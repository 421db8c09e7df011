import { afterEach, describe, expect, it } from 'vitest';
import { JSON_TYPE, R, type ReplicateTestApi, replicateApi } from './replicateTestApi';

let api: ReplicateTestApi;
afterEach(async () => {
  await api?.server.close({ graceMs: 0 });
});

const TOKEN = 'r8_rules_test';
const ECHO = JSON.stringify({ input: { text: 'x' } });
const CREATE = `${R}/models/predictkit/echo/predictions`;

interface Problem {
  title: string;
  detail: string;
  status: number;
  retry_after?: number;
  invalid_fields?: { field: string; type: string }[];
}

async function problem(response: Response): Promise<Problem> {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as Problem;
  expect(body.status).toBe(response.status);
  return body;
}

describe('the rules every surface shares, on /replicate/v1', () => {
  it('wants the Bearer token of a server started with tokens: 401 in problem JSON', async () => {
    api = replicateApi({ tokens: [TOKEN] });
    const refused = await api.request(`${R}/predictions`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect(await problem(refused)).toMatchObject({
      title: 'Unauthenticated',
      detail: expect.stringMatching(/Bearer/),
    });
    expect(
      (await api.request(`${R}/predictions`, { headers: { authorization: 'Bearer nope' } })).status,
    ).toBe(401);
    expect(
      (await api.request(`${R}/predictions`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(200);
    for (const path of [`${R}/files`, `${R}/webhooks/default/secret`, `${R}/account`, `${R}/models`]) {
      expect({ path, status: (await api.request(path)).status }).toEqual({ path, status: 401 });
    }
  });

  it('rate-limits a client across both surfaces: 429 with Retry-After and retry_after', async () => {
    api = replicateApi({ faults: { rateLimit: { requests: 3, windowMs: 60_000 } } });
    expect((await api.request('/v1/models')).status).toBe(200);
    expect((await api.request('/v1/models')).status).toBe(200);
    const last = await api.request(`${R}/models`);
    expect(last.status).toBe(200);
    expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = await api.request(`${R}/models`);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(await problem(limited)).toMatchObject({ retry_after: retryAfter, title: expect.any(String) });
  });

  it('refuses changes from pages elsewhere, non-JSON bodies, bodies too large and input too deep', async () => {
    api = replicateApi();
    const foreign = await api.request(CREATE, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: ECHO,
    });
    expect(foreign.status).toBe(403);
    expect((await problem(foreign)).detail).toMatch(/--cors-origin/);
    const text = await api.request(CREATE, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: ECHO,
    });
    expect(text.status).toBe(415);
    const cancelFromElsewhere = await api.request(`${R}/predictions/x/cancel`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    expect(cancelFromElsewhere.status).toBe(403);
    const huge = await api.request(CREATE, {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ input: { text: 'x'.repeat(26 * 1024 * 1024) } }),
    });
    expect(huge.status).toBe(413);
    const deep = await api.request(CREATE, {
      method: 'POST',
      headers: JSON_TYPE,
      body: `{"input":{"text":"x","deep":${'['.repeat(100)}${']'.repeat(100)}}}`,
    });
    expect(deep.status).toBe(422);
    expect((await problem(deep)).invalid_fields?.[0]).toMatchObject({ type: 'too_deep' });
    expect((await api.json<{ results: unknown[] }>(`${R}/predictions`)).body.results).toEqual([]);
  });

  it('answers CORS preflights for local pages with the headers and methods Replicate’s calls use', async () => {
    api = replicateApi();
    const preflight = await api.request(CREATE, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, prefer, cancel-after',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/cancel-after/);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/DELETE/);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/QUERY/);
  });

  it('lets a search (QUERY, a read) through from any page, as a GET; CORS decides what it sees', async () => {
    api = replicateApi();
    const search = await api.request(`${R}/models`, {
      method: 'QUERY',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: 'echo',
    });
    expect(search.status).toBe(200);
    expect(search.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers injected faults, other Hosts and unknown routes in problem JSON too', async () => {
    api = replicateApi({ faults: { errorRate: 1, seed: 1 } });
    const fault = await api.request(`${R}/models`);
    expect([500, 503]).toContain(fault.status);
    expect((await problem(fault)).detail).toMatch(/Injected fault/);
    await api.server.close();
    api = replicateApi();
    const host = await api.request(`${R}/models`, { headers: { host: 'evil.example' } });
    expect(host.status).toBe(403);
    expect((await problem(host)).detail).toMatch(/--allowed-host/);
    const unknown = await api.request(`${R}/trainings`);
    expect(unknown.status).toBe(404);
    expect((await problem(unknown)).title).toBe('Not found');
  });

  it('refuses creates with 503 once shutting down, and everything once shut down', async () => {
    api = replicateApi({ shutdownGraceMs: 200 });
    const running = await api.run('predictkit/slow-task', { duration_s: 600, steps: 2 });
    const waiting = api.json<{ status: string }>(CREATE.replace('echo', 'slow-task'), {
      method: 'POST',
      headers: { ...JSON_TYPE, prefer: 'wait=60' },
      body: JSON.stringify({ input: { duration_s: 600, steps: 2 } }),
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const closing = api.server.close();
    const refused = await api.request(CREATE, { method: 'POST', headers: JSON_TYPE, body: ECHO });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    await closing;
    // the held create was answered with the prediction as it ended
    expect((await waiting).body.status).toBe('failed');
    expect((await api.request(`${R}/predictions/${running.id}`)).status).toBe(503);
  });
});
