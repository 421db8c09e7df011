// @vitest-environment node
// The stylesheets are files on disk: read them with Node, not through the DOM environment.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildCss } from '../scripts/build-css.mjs';

const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');
const rules = (css: string) => css.replace(/\s+/g, '');

describe('styles.css', () => {
  it('is up to date with the component stylesheets, and so is its cascade-layer twin', () => {
    const built = buildCss();
    // If this fails, run: node packages/components/scripts/build-css.mjs
    expect(rules(read('styles.css'))).toBe(rules(built['styles.css']));
    expect(rules(read('styles.layer.css'))).toBe(rules(built['styles.layer.css']));
    expect(read('styles.layer.css')).toMatch(/@layer predictkit \{/);
  });

  // The stylesheet's budget lives here, not in size-limit: size-limit 14 measures through rolldown, which
  // no longer bundles CSS.
  it('stays within its size budget (6 kB minified and gzipped)', () => {
    const minified = read('styles.css')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{}:;,>()])\s*/g, '$1');
    expect(gzipSync(minified).length).toBeLessThan(6 * 1024);
  });

  it('keeps every selector at zero specificity and names no Tailwind classes', () => {
    const css = read('styles.css').replace(/\/\*[\s\S]*?\*\//g, '');
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
