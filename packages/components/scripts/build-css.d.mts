/** The parts of styles.css, in order: paths relative to src/. */
export function cssParts(): string[];
/** The text of styles.css and styles.layer.css, before formatting. */
export function buildCss(): Record<'styles.css' | 'styles.layer.css', string>;
