import { createServer as createNetServer } from 'node:net';
import { listen } from '@predictkit/server/node';
import { describe, expect, it } from 'vitest';
import { setupPlayground } from './browser.ts';

const { page, url, expectConsoleErrors } = setupPlayground();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('when the API is down', () => {
  it('says so clearly, and recovers by itself once the server is back', async () => {
    // the browser reports each refused request as a console error: those are the point here
    expectConsoleErrors(/Failed to load resource|ERR_CONNECTION_REFUSED/);
    const port = await freePort();
    const p = page();
    await p.goto(url('/settings'));
    await p.getByLabel('API base URL').fill(`http://127.0.0.1:${port}/v1`);
    await p.getByRole('button', { name: 'Save' }).click();
    await p.getByRole('link', { name: 'Models' }).click();
    const banner = p.getByRole('alert').filter({ hasText: 'The WriftAI API is not answering' });
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toMatch(/keeps checking/);
    // the page waits for the banner's news rather than repeating it in an alarm of its own
    expect(await p.getByRole('alert').count()).toBe(1);

    const server = await listen({ port, onWarning: () => {} });
    try {
      await banner.waitFor({ state: 'detached', timeout: 20_000 });
      const cards = p.getByRole('list', { name: 'Models' }).getByRole('listitem');
      await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(8);
    } finally {
      await server.close();
    }
  });
});
