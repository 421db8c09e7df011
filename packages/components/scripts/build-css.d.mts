/** The stylesheet entries, in src/ (an index of imports) and in dist/ (single files). */
export const ENTRIES: string[];
/** The stylesheets of views.css (the output views and PredictionCode); every other one is in styles.css. */
export const VIEW_PARTS: string[];
/** The stylesheets of an entry (default styles.css) in the order they apply: paths relative to src/. */
export function cssParts(entry?: 'styles.css' | 'views.css'): string[];
/** Every entry as a single file, as dist/ gets them. */
export function buildCss(): Record<
  'styles.css' | 'styles.layer.css' | 'views.css' | 'views.layer.css',
  string
>;
