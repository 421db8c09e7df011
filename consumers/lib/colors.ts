import type { Page } from 'playwright-core';

export interface Colors {
  button: string;
  buttonText: string;
  badge: string;
}

/**
 * The computed colours of the primary button and the status badge in each of the page's sections,
 * once the transitions a change of scheme starts have ended (mid-way, a colour is neither).
 */
export const readColors = (page: Page, sections: readonly string[]): Promise<Record<string, Colors>> =>
  page.evaluate(async (ids) => {
    await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => {})));
    const style = (section: Element, selector: string) => {
      const element = section.querySelector(selector);
      return element ? getComputedStyle(element) : undefined;
    };
    return Object.fromEntries(
      ids.map((id) => {
        const section = document.getElementById(id);
        if (!section) return [id, { button: 'missing', buttonText: 'missing', badge: 'missing' }];
        const button = style(section, '[data-variant="primary"]');
        const badge = style(section, '[data-slot="status-badge"]');
        return [
          id,
          {
            button: button?.backgroundColor ?? 'missing',
            buttonText: button?.color ?? 'missing',
            badge: badge?.color ?? 'missing',
          },
        ];
      }),
    );
  }, sections);

/** An opaque colour as `getComputedStyle` writes it: `rgb(r, g, b)`, or `rgba(…)` with alpha 1. */
export const isOpaque = (color: string) =>
  /^rgb\(\d+, \d+, \d+\)$/.test(color) || /^rgba\(\d+, \d+, \d+, 1\)$/.test(color);
