// URLs that reach the components from a model's output, a schema or an input, and must not become a live
// `href` or `src` to another host or a script. The components turn such strings into links and sources only
// through `isSafeUrl` (sources) and `isSafeHref` (links); the rendering side is tested with the components.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { harmlessUrls, hostileUrls } from '../packages/components/src/fixtures/urls.ts';
import { isSafeHref, isSafeUrl } from '../packages/components/src/PredictionOutput/isSafeUrl.ts';

describe('isSafeUrl and isSafeHref refuse hostile URLs', () => {
  it.each(hostileUrls)('%s: %j', (_, url) => {
    expect(isSafeUrl(url)).toBe(false);
    expect(isSafeHref(url)).toBe(false);
  });

  it.each(harmlessUrls)('allows %s: %j', (_, url) => {
    expect(isSafeUrl(url)).toBe(true);
    expect(isSafeHref(url)).toBe(true);
  });

  it('allows plain media data: URIs as sources but not as links, and mailto: only as links', () => {
    for (const url of ['data:image/png;base64,AAAA', '\u0001data:text/plain,hi']) {
      expect(isSafeUrl(url)).toBe(true);
      expect(isSafeHref(url)).toBe(false);
    }
    expect(isSafeUrl('mailto:a@x.test')).toBe(false);
    expect(isSafeHref('mailto:a@x.test')).toBe(true);
  });
});

// Pages the rule never saw: other schemes, hosts, ports and depths than the ones it checks against.
const PAGES = ['https://app.example/predictions/p1', 'http://127.0.0.1:5173/', 'https://x.test:8443/a/b/c/'];

const resolve = (url: string, page: string) => {
  try {
    return new URL(url, page);
  } catch {
    return null;
  }
};

/** Strings made of the pieces that URL tricks are built from, and any strings at all. */
const urlish = fc.oneof(
  fc
    .array(
      fc.constantFrom(
        '/',
        '//',
        '\\',
        '\t',
        '\n',
        '\r',
        ' ',
        '\u0000',
        '\u001f',
        ':',
        'http',
        'https',
        'HTTPS',
        'javascript',
        'data',
        'blob',
        'evil.example',
        'ｅｖｉｌ',
        '。',
        '／',
        '.',
        '..',
        '@',
        '%5C',
        '%2F',
        '?',
        '#',
        'x.png',
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme-ascii' }),
  fc.string(),
);

describe('a relative URL that passes stays on the page', () => {
  it('resolves on each page to that page, or to one place from every page (absolute)', () => {
    fc.assert(
      fc.property(urlish, (url) => {
        if (!isSafeUrl(url) && !isSafeHref(url)) return;
        const targets = PAGES.map((page) => resolve(url, page));
        expect(targets).not.toContain(null);
        if (new Set(targets.map((t) => t?.href)).size === 1) {
          expect(['http:', 'https:', 'blob:', 'data:', 'mailto:']).toContain(targets[0]?.protocol);
          return;
        }
        targets.forEach((to, i) => {
          expect(to?.origin).toBe(new URL(PAGES[i] as string).origin);
        });
      }),
      { seed: 42, numRuns: 5000 },
    );
  });
});
