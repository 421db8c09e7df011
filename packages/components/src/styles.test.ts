// @vitest-environment node
// The stylesheets are files on disk: read them with Node, not through the DOM environment.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildCss, cssParts } from '../scripts/build-css.mjs';

const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

describe('styles.css', () => {
  it('imports every component stylesheet, tokens first, and its twin puts them all in a layer', () => {
    const imported = [...read('styles.css').matchAll(/@import "\.\/([^"]+)";/g)].map((m) => m[1]);
    // If this fails, add the new stylesheet to src/styles.css.
    expect(imported).toEqual(cssParts());
    expect(read('styles.layer.css')).toMatch(/@import "\.\/styles\.css" layer\(predictkit\);/);
    expect(buildCss()['styles.layer.css']).toMatch(/^@layer predictkit \{$/m);
  });

  // The stylesheet's budget lives here, not in size-limit: size-limit 14 measures through rolldown, which
  // no longer bundles CSS.
  it('stays within its size budget (6 kB minified and gzipped)', () => {
    const minified = buildCss()
      ['styles.css'].replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{}:;,>()])\s*/g, '$1');
    expect(gzipSync(minified).length).toBeLessThan(6 * 1024);
  });

  it('keeps every selector at zero specificity and names no Tailwind classes', () => {
    const css = buildCss()['styles.css'].replace(/\/\*[\s\S]*?\*\//g, '');
    const selectors = [...css.matchAll(/(?:^|})\s*([^{}@]+?)\s*\{/g)].map((m) => (m[1] as string).trim());
    const stray = selectors.filter(
      (s) =>
        !/^(from|to|\d+%)$/.test(s) &&
        !/^:where\(/.test(s.replace(/^[^,]*?,\s*/, '')) &&
        !s.startsWith(':where('),
    );
    expect(stray).toEqual([]);
  });
});
