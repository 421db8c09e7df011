// @vitest-environment node
// The stylesheets are files on disk: read them with Node, not through the DOM environment.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildCss, cssParts } from '../scripts/build-css.mjs';

const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');
const minified = (css: string) =>
  css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>()])\s*/g, '$1');

describe('styles.css', () => {
  it('imports every component stylesheet, tokens first, and its twin puts them all in a layer', () => {
    const imported = [...read('styles.css').matchAll(/@import "\.\/([^"]+)";/g)].map((m) => m[1]);
    // If this fails, add the new stylesheet to src/styles.css.
    expect(imported).toEqual(cssParts());
    expect(read('styles.layer.css')).toMatch(/@import "\.\/styles\.css" layer\(predictkit\);/);
    expect(buildCss()['styles.layer.css']).toMatch(/^@layer predictkit \{$/m);
  });

  it('leaves the output views and PredictionCode to views.css, which imports all of them and has a twin', () => {
    const imported = [...read('views.css').matchAll(/@import "\.\/([^"]+)";/g)].map((m) => m[1]);
    // If this fails, add the new stylesheet to src/views.css (and to VIEW_PARTS in scripts/build-css.mjs).
    expect(imported).toEqual(cssParts('views.css'));
    expect(read('views.layer.css')).toMatch(/@import "\.\/views\.css" layer\(predictkit\);/);
    expect(buildCss()['views.layer.css']).toMatch(/^@layer predictkit \{$/m);
  });

  it('keeps views.css within its own budget (1.5 kB minified and gzipped)', () => {
    expect(gzipSync(minified(buildCss()['views.css'])).length).toBeLessThan(1.5 * 1024);
  });

  // The stylesheet's budget lives here, not in size-limit: size-limit 14 measures through rolldown, which
  // no longer bundles CSS.
  it('stays within its size budget (6 kB minified and gzipped)', () => {
    expect(gzipSync(minified(buildCss()['styles.css'])).length).toBeLessThan(6 * 1024);
  });

  it('keeps every selector at zero specificity and names no Tailwind classes', () => {
    const css = (buildCss()['styles.css'] + buildCss()['views.css']).replace(/\/\*[\s\S]*?\*\//g, '');
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
