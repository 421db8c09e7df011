import { chooseOutputView, type OutputView } from '@predictkit/components';
import type { JsonSchema } from '@predictkit/core';

export type OutputThumbnail =
  | { kind: 'image'; src: string }
  | { kind: 'audio' }
  | { kind: 'text'; text: string }
  | null;

/** A view of an output, drawn small. */
function fromView(view: OutputView): OutputThumbnail {
  switch (view.kind) {
    case 'image':
      return { kind: 'image', src: view.url };
    case 'gallery':
      return view.images[0] ? { kind: 'image', src: view.images[0].url } : null;
    case 'compare':
      return { kind: 'image', src: view.after.url };
    case 'audio':
      return { kind: 'audio' };
    case 'classification': {
      const top = view.label ?? view.classes[0]?.label;
      return top ? { kind: 'text', text: top } : null;
    }
    case 'text':
    case 'markdown':
      return view.text.trim() ? { kind: 'text', text: view.text.trim() } : null;
    case 'list': {
      // pieces of text (a token stream read without its schema) make one text
      const texts = view.items.map((item) => (item.kind === 'text' ? item.text : null));
      if (texts.length && texts.every((t) => t !== null)) {
        const text = texts.join('').trim();
        return text ? { kind: 'text', text } : null;
      }
      return view.items.length ? fromView(view.items[0] as OutputView) : null;
    }
    default:
      return null;
  }
}

/**
 * What a small preview of an output shows: its first image, that it is audio, its top label, or the
 * start of its text, read as `PredictionOutput` reads it (the output schema says a file URL is an image).
 */
export function outputThumbnail(output: unknown, schema?: JsonSchema | null): OutputThumbnail {
  if (output === null || output === undefined) return null;
  try {
    return fromView(chooseOutputView(output, schema));
  } catch {
    return null;
  }
}

/** An input in a line: its text values first, as a history row previews it. */
export function inputPreview(input: unknown): string {
  if (!input || typeof input !== 'object') return '';
  const values = Object.values(input as Record<string, unknown>);
  const texts = values.filter((v): v is string => typeof v === 'string' && !/^(data:|https?:)/i.test(v));
  // with no text, the settings by name: "duration_s=60 · steps=10" says more than "60 · 10"
  const shown = texts.length
    ? texts
    : Object.entries(input as Record<string, unknown>)
        .filter(([, v]) => typeof v === 'number' || typeof v === 'boolean')
        .map(([k, v]) => `${k}=${v}`);
  return shown.join(' · ');
}
