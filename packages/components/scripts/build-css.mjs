// The stylesheet entries. In the repository, src/styles.css is an index of `@import`s of the .css beside
// each component (bundlers inline them) and src/styles.layer.css puts that index in `@layer predictkit`.
// src/views.css (and its twin views.layer.css) does the same for the richer output views and
// PredictionCode: an entry of its own, so that an app which shows none of them does not load them, and
// the base stylesheet keeps its budget. For the published package, `node scripts/build-css.mjs` writes
// all four as single files into dist/.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
export const ENTRIES = ['styles.css', 'styles.layer.css', 'views.css', 'views.layer.css'];
const HEADERS = {
  'styles.css': '/* @predictkit/components: every component stylesheet, tokens first. */\n',
  'views.css': '/* @predictkit/components: the output views and PredictionCode; load styles.css first. */\n',
};
/** The stylesheets of views.css; every other one is in styles.css. */
export const VIEW_PARTS = [
  'EvaluationSummary/EvaluationSummary.css',
  'PredictionCode/PredictionCode.css',
  'PredictionOutput/AudioWaveform.css',
  'PredictionOutput/ClassificationBars.css',
  'PredictionOutput/ImageCompare.css',
  'PredictionOutput/OutputLayouts.css',
];

/** The stylesheets of an entry in the order they apply: the tokens, then the components by name. */
export function cssParts(entry = 'styles.css') {
  return readdirSync(src, { recursive: true })
    .map(String)
    .filter((path) => path.endsWith('.css') && !ENTRIES.includes(path))
    .filter((path) => VIEW_PARTS.includes(path) === (entry === 'views.css'))
    .sort((a, b) => Number(b.startsWith('theme/')) - Number(a.startsWith('theme/')) || a.localeCompare(b));
}

/** Every entry as a single file: the rules of its parts, and its twin with the same inside `@layer predictkit`. */
export function buildCss() {
  const files = {};
  for (const [entry, header] of Object.entries(HEADERS)) {
    const body = cssParts(entry)
      .map((path) => `/* ${path} */\n${readFileSync(src + path, 'utf8').trim()}\n`)
      .join('\n');
    const layered = body.replace(/^(?=.)/gm, '  ');
    files[entry] = header + body;
    files[entry.replace(/\.css$/, '.layer.css')] = `${header}@layer predictkit {\n${layered}}\n`;
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(dist, { recursive: true });
  for (const [name, text] of Object.entries(buildCss())) writeFileSync(dist + name, text);
}
