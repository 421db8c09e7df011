// The stylesheet entries. In the repository, src/styles.css is an index of `@import`s of the .css beside
// each component (bundlers inline them) and src/styles.layer.css puts that index in `@layer predictkit`.
// For the published package, `node scripts/build-css.mjs` writes both as single files into dist/.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
export const ENTRIES = ['styles.css', 'styles.layer.css'];
const HEADER = '/* @predictkit/components: every component stylesheet, tokens first. */\n';

/** The component stylesheets in the order they apply: the tokens, then the components by name. */
export function cssParts() {
  return readdirSync(src, { recursive: true })
    .map(String)
    .filter((path) => path.endsWith('.css') && !ENTRIES.includes(path))
    .sort((a, b) => Number(b.startsWith('theme/')) - Number(a.startsWith('theme/')) || a.localeCompare(b));
}

/** Both entries as single files: the rules of every part, and the same inside `@layer predictkit`. */
export function buildCss() {
  const body = cssParts()
    .map((path) => `/* ${path} */\n${readFileSync(src + path, 'utf8').trim()}\n`)
    .join('\n');
  const layered = body.replace(/^(?=.)/gm, '  ');
  return { 'styles.css': HEADER + body, 'styles.layer.css': `${HEADER}@layer predictkit {\n${layered}}\n` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(dist, { recursive: true });
  for (const [name, text] of Object.entries(buildCss())) writeFileSync(dist + name, text);
}
