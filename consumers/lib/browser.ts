import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../../chromium.ts';

export const launchBrowser = (): Promise<Browser> => chromium.launch(chromiumLaunchOptions);

/**
 * A page that records what went wrong on it (console errors, uncaught exceptions, failed requests), for the failure
 * message of a test that then waits in vain.
 */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // A failed request is reported below, with its URL.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText;
    // A stream or poll the app aborts itself once the prediction is over is no failure.
    if (reason !== 'net::ERR_ABORTED')
      problems.push(`request failed (${reason}): ${request.method()} ${request.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.stack ?? error.message}`));
  return { page, problems };
}

export const describeProblems = (problems: readonly string[]) =>
  problems.length ? `\nWhat the page reported:\n${problems.join('\n')}` : '\nThe page reported no error.';
