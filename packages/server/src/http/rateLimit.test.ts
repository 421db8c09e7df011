import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { rateLimit } from './faults';
import { HttpError } from './HttpError';
import { RateLimitTable } from './RateLimitTable';

const limit = { requests: 5, windowMs: 60_000 };

function appWith(table: RateLimitTable, tokens?: string[]) {
  const app = new Hono();
  app.use('*', rateLimit(limit, { table, tokens }));
  app.get('/', (c) => c.text('ok'));
  app.onError((error, c) =>
    error instanceof HttpError ? c.json({ detail: error.detail }, 429, error.headers) : c.text('', 500),
  );
  return (authorization?: string) =>
    app.fetch(new Request('http://127.0.0.1/', { headers: authorization ? { authorization } : {} }));
}

describe('the rate-limit table', () => {
  it('stays at its cap under 20,000 distinct Authorization values, and keeps no raw header', async () => {
    const table = new RateLimitTable(limit.windowMs, 1000);
    const send = appWith(table);
    const padding = 'x'.repeat(8 * 1024);
    for (let i = 0; i < 20_000; i++) await send(`Bearer ${i}-${padding}`);
    expect(table.size).toBe(1000);
    expect(Math.max(...[...table.keys()].map((key) => key.length))).toBeLessThan(40);
  });

  it('keeps counting the clients it already knows when the table is full', async () => {
    const table = new RateLimitTable(limit.windowMs, 10);
    const send = appWith(table);
    for (let i = 0; i < 3; i++) await send('Bearer regular');
    for (let i = 0; i < 100; i++) await send(`Bearer flood-${i}`);
    const regular = await send('Bearer regular');
    expect(regular.headers.get('x-ratelimit-remaining')).toBe('1');
    // the flood shares one window once the table is full, and runs into its limit as one client
    expect((await send('Bearer flood-new')).status).toBe(429);
  });

  it('lets windows that ended go, to make room for new clients', () => {
    const table = new RateLimitTable(1000, 4);
    table.hit('a', 0);
    table.hit('b', 20);
    table.hit('c', 30);
    table.hit('c', 40);
    expect(table.hit('d', 1015).count).toBe(1);
    expect([...table.keys()]).toEqual(['b', 'c', 'd']);
    // a client whose window ended starts a new one
    expect(table.hit('c', 1031).count).toBe(1);
  });

  it('keys a configured token by itself, and anything else by a short hash', async () => {
    const table = new RateLimitTable(limit.windowMs);
    const send = appWith(table, ['tok-1']);
    await send('Bearer tok-1');
    await send('Bearer tok-1');
    await send(`Bearer ${'y'.repeat(4096)}`);
    await send();
    const keys = [...table.keys()];
    expect(keys).toHaveLength(3);
    expect(keys.every((key) => key.length < 40)).toBe(true);
  });
});
