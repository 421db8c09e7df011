import { type ChildProcess, spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
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
    // and so does the history, once its list has failed for good (a first try and two retries)
    let failedLists = 0;
    let failedChecks = 0;
    p.on('requestfailed', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.endsWith('/predictions')) failedLists++;
      if (pathname.endsWith('/models')) failedChecks++;
    });
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Predictions' }).click();
    await p.getByRole('heading', { name: 'Predictions', level: 1 }).waitFor();
    await expect.poll(() => failedLists, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await p.waitForFunction(() => document.querySelector('[data-slot="prediction-list"]'));
    expect(await p.locator('[data-slot="prediction-list"]').getAttribute('data-state')).toBe('loading');
    expect(await p.getByRole('alert').count()).toBe(1);
    // the banner stays while the banner's next check runs (and retries) too
    const checks = failedChecks;
    await expect.poll(() => failedChecks, { timeout: 20_000 }).toBeGreaterThan(checks);
    expect(await p.getByRole('alert').count()).toBe(1);

    const server = await listen({ port, onWarning: () => {} });
    try {
      await banner.waitFor({ state: 'detached', timeout: 20_000 });
      // the history loads by itself: a fresh server has no predictions yet
      await p.locator('[data-slot="list-empty"]').waitFor({ timeout: 20_000 });
      await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
      const cards = p.getByRole('list', { name: 'Models' }).getByRole('listitem');
      await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(8);
    } finally {
      await server.close();
    }
  });
});

/** Kills the server's process group at once, as a crash would: no last word on what was running. */
function crash(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The local server in a process of its own, which a test can kill as a crash would. */
async function spawnServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url)),
    ['--conditions=@predictkit/source', 'src/node/cli.ts', '--port', String(port), '--time-scale', '0.25'],
    // a group of its own: tsx runs the server in a child, and a crash takes both
    { cwd: fileURLToPath(new URL('../packages/server/', import.meta.url)), stdio: 'ignore', detached: true },
  );
  for (let i = 0; i < 150; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/v1/models`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  crash(child);
  throw new Error('the server did not start');
}

describe('when the API stops mid-run', () => {
  it('stops the badge’s clock and says it is reconnecting, with the banner as the only alarm', async () => {
    expectConsoleErrors(
      /Failed to load resource|ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|ERR_CONNECTION_RESET|ERR_INCOMPLETE/,
    );
    const port = await freePort();
    const server = await spawnServer(port);
    try {
      const p = page();
      await p.goto(url('/settings'));
      await p.getByLabel('API base URL').fill(`http://127.0.0.1:${port}/v1`);
      await p.getByRole('button', { name: 'Save' }).click();
      await p.goto(url('/models/predictkit/slow-task'));
      await p.getByRole('spinbutton', { name: 'Duration (s)', exact: true }).fill('240');
      await p.getByRole('button', { name: 'Run', exact: true }).click();
      const badge = p.locator('[data-slot="playground-result"] [data-slot="status-badge"]');
      await p
        .locator('[data-slot="playground-result"] [data-slot="status-badge"][data-status="started"]')
        .waitFor({
          timeout: 20_000,
        });
      crash(server);
      await p.getByRole('alert').filter({ hasText: 'is not answering' }).waitFor({ timeout: 30_000 });
      await expect.poll(() => badge.getAttribute('data-paused'), { timeout: 30_000 }).toBe('true');
      expect(await badge.textContent()).toMatch(/reconnecting/);
      const before = await badge.locator('[data-slot="status-elapsed"]').textContent();
      await p.waitForTimeout(1500);
      expect(await badge.locator('[data-slot="status-elapsed"]').textContent()).toBe(before);
      expect(await p.getByRole('alert').count()).toBe(1);
    } finally {
      crash(server);
    }
  });
});
