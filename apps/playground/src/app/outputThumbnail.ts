import { isSafeUrl } from '@predictkit/components';

export type OutputThumbnail =
  | { kind: 'image'; src: string }
  | { kind: 'audio' }
  | { kind: 'text'; text: string }
  | null;

const IMAGE = /^data:image\/|\.(png|jpe?g|webp|gif|avif)(\?|#|$)/i;
const AUDIO = /^data:audio\/|\.(wav|mp3|ogg|flac|m4a)(\?|#|$)/i;

/** The strings of an output, in order: itself, an array's items, an object's values. */
function* strings(output: unknown, depth = 0): Generator<string> {
  if (typeof output === 'string') yield output;
  else if (depth < 2 && Array.isArray(output)) for (const item of output) yield* strings(item, depth + 1);
  else if (depth < 2 && output && typeof output === 'object')
    for (const value of Object.values(output)) yield* strings(value, depth + 1);
}

/**
 * What a small preview of an output shows: its first image, that it is audio, or the start of its
 * text (a token stream joined), as a card or a history row has room for.
 */
export function outputThumbnail(output: unknown): OutputThumbnail {
  const all = [...strings(output)];
  const image = all.find((s) => IMAGE.test(s) && isSafeUrl(s));
  if (image) return { kind: 'image', src: image };
  if (all.some((s) => AUDIO.test(s))) return { kind: 'audio' };
  if (Array.isArray(output) && output.every((s) => typeof s === 'string')) {
    const text = output.join('').trim();
    return text ? { kind: 'text', text } : null;
  }
  if (typeof output === 'string' && output.trim()) return { kind: 'text', text: output.trim() };
  if (output && typeof output === 'object') {
    const label = (output as Record<string, unknown>).label;
    if (typeof label === 'string') return { kind: 'text', text: label };
  }
  return null;
}

/** An input in a line: its text values first, as a history row previews it. */
export function inputPreview(input: unknown): string {
  if (!input || typeof input !== 'object') return '';
  const values = Object.values(input as Record<string, unknown>);
  const texts = values.filter((v): v is string => typeof v === 'string' && !/^(data:|https?:)/i.test(v));
  const shown = texts.length
    ? texts
    : values.filter((v) => typeof v === 'number' || typeof v === 'boolean').map(String);
  return shown.join(' · ');
}
