/** The stylesheet entries, in src/ (an index of imports) and in dist/ (single files). */
export const ENTRIES: string[];
/** The component stylesheets in the order they apply: paths relative to src/. */
export function cssParts(): string[];
/** Both entries as single files, as dist/ gets them. */
export function buildCss(): Record<'styles.css' | 'styles.layer.css', string>;
