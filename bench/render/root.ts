import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { nextPaint } from './paint';

/** Renders `app` at once (no scheduling delay to measure) and resolves with ms from render to paint. */
export async function mount(app: ReactNode): Promise<number> {
  const container = document.getElementById('root') as HTMLElement;
  const root = createRoot(container);
  const started = performance.now();
  flushSync(() => root.render(app));
  return (await nextPaint()) - started;
}
