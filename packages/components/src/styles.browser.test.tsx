// @vitest-environment node
// The stylesheets as an app ships them: imported by the app's CSS, built by Vite 8 for production (which
// minifies with Lightning CSS for its default browser targets), then shown in Chromium in every way the
// README lets an app pick a theme. Dev servers do not minify, so only a production build shows a token that
// the minifier broke.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type LaunchOptions } from 'playwright-core';
import { renderToStaticMarkup } from 'react-dom/server';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCss } from '../scripts/build-css.mjs';
import { PredictionStatusBadge } from './PredictionStatusBadge/PredictionStatusBadge';
import { SchemaForm } from './SchemaForm/SchemaForm';

// An app's own overrides, written as the README shows them: one color for both schemes, or a pair.
const APP_CSS = `
.my-app { --pk-primary: #7c3aed; }
.my-pair { --pk-primary: light-dark(#7c3aed, #a78bfa); }
`;

/** The app's stylesheet (ours imported, then its own), as `vite build` writes it with Vite's defaults. */
async function viteBuild(entry: 'styles.css' | 'styles.layer.css'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pk-css-'));
  try {
    writeFileSync(join(dir, entry), buildCss()[entry]);
    writeFileSync(join(dir, 'app.css'), `@import "./${entry}";\n${APP_CSS}`);
    const result = (await build({
      configFile: false,
      root: dir,
      logLevel: 'silent',
      build: { write: false, rolldownOptions: { input: join(dir, 'app.css') } },
    })) as Rolldown.RolldownOutput;
    const css = result.output.find((file) => file.fileName.endsWith('.css'));
    if (css?.type !== 'asset') throw new Error('vite build wrote no stylesheet');
    return String(css.source);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const markup = renderToStaticMarkup(
  <>
    <SchemaForm schema={{ type: 'object', properties: {} }} onSubmit={() => {}} />
    <PredictionStatusBadge status="succeeded" />
  </>,
);
const SECTIONS = ['plain', 'forced-light', 'forced-dark', 'override', 'pair'] as const;
const attributes: Record<(typeof SECTIONS)[number], string> = {
  plain: '',
  'forced-light': 'data-theme="light"',
  'forced-dark': 'data-theme="dark"',
  override: 'class="my-app"',
  pair: 'class="my-pair"',
};

type Colors = { button: string; buttonText: string; badge: string };
type Sections = Record<(typeof SECTIONS)[number], Colors>;

/** The computed colors of the primary button and the status badge in each section, per scheme and root theme. */
async function colors(css: string) {
  const page = await browser.newPage();
  const body = SECTIONS.map((id) => `<section id="${id}" ${attributes[id]}>${markup}</section>`).join('');
  const load = async (scheme: 'light' | 'dark', rootTheme?: 'light' | 'dark') => {
    await page.emulateMedia({ colorScheme: scheme });
    const theme = rootTheme ? ` data-theme="${rootTheme}"` : '';
    await page.setContent(
      `<!doctype html><html${theme}><head><style>${css}</style></head><body>${body}</body></html>`,
    );
    return (await page.evaluate(
      (ids) => {
        const read = (id: string) => {
          const section = document.getElementById(id) as HTMLElement;
          const button = getComputedStyle(section.querySelector('[data-variant=primary]') as Element);
          const badge = getComputedStyle(section.querySelector('[data-slot=status-badge]') as Element);
          return { button: button.backgroundColor, buttonText: button.color, badge: badge.color };
        };
        return Object.fromEntries(ids.map((id) => [id, read(id)]));
      },
      [...SECTIONS],
    )) as Sections;
  };
  try {
    return {
      light: await load('light'),
      dark: await load('dark'),
      rootDarkOnLight: await load('light', 'dark'),
      rootLightOnDark: await load('dark', 'light'),
    };
  } finally {
    await page.close();
  }
}

const opaque = /^rgb\(\d+, \d+, \d+\)$/;

let browser: Browser;
beforeAll(async () => {
  // The repository's launch options for Debian's Chromium, in a file outside this package's sources.
  const { chromiumLaunchOptions } = (await import(
    /* @vite-ignore */ new URL('../../../chromium.ts', import.meta.url).href
  )) as { chromiumLaunchOptions: LaunchOptions };
  browser = await chromium.launch(chromiumLaunchOptions);
});
afterAll(async () => {
  await browser?.close();
});

describe.each([
  ['styles.css', 'built by vite'],
  ['styles.layer.css', 'built by vite'],
  ['styles.css', 'as written, as a dev server serves it'],
] as const)('%s, %s', (entry, how) => {
  let seen: Awaited<ReturnType<typeof colors>>;
  beforeAll(async () => {
    seen = await colors(
      how === 'built by vite' ? await viteBuild(entry) : `${buildCss()[entry]}\n${APP_CSS}`,
    );
  }, 30_000);

  it('gives the primary button and the status badge real colors, apart in light and dark', () => {
    const { light, dark } = seen;
    for (const c of [light.plain, dark.plain]) {
      expect(c.button).toMatch(opaque);
      expect(c.buttonText).toMatch(opaque);
      expect(c.badge).toMatch(opaque);
      expect(c.button).not.toBe(c.buttonText);
    }
    expect(dark.plain.button).not.toBe(light.plain.button);
    expect(dark.plain.badge).not.toBe(light.plain.badge);
  });

  it('follows data-theme on any ancestor over the system', () => {
    const { light, dark, rootDarkOnLight, rootLightOnDark } = seen;
    for (const c of [light, dark, rootDarkOnLight, rootLightOnDark]) {
      expect(c['forced-light']).toEqual(light.plain);
      expect(c['forced-dark']).toEqual(dark.plain);
    }
    expect(rootDarkOnLight.plain).toEqual(dark.plain);
    expect(rootLightOnDark.plain).toEqual(light.plain);
  });

  it('takes an override of one color for both schemes, or of a light-dark() pair', () => {
    const { light, dark, rootDarkOnLight, rootLightOnDark } = seen;
    for (const c of [light, dark]) {
      expect(c.override.button).toBe('rgb(124, 58, 237)');
      expect(c.override.badge).toBe(c.plain.badge);
    }
    expect(light.pair.button).toBe('rgb(124, 58, 237)');
    expect(dark.pair.button).toBe('rgb(167, 139, 250)');
    expect(rootLightOnDark.pair).toEqual(light.pair);
    expect(rootDarkOnLight.pair).toEqual(dark.pair);
  });
});
