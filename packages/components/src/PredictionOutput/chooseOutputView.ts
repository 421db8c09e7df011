import type { JsonSchema } from '@predictkit/core';
import { isRecord } from '@predictkit/core/schema';
import { dataMediaType, type MediaKind, mediaKind } from '../internal/media';
import { humanize, type ParsedField, parseSchema } from '../SchemaForm/parseSchema';
import { resolveSchema, unwrapNullable } from '../SchemaForm/resolveSchema';
import { isSafeHref, isSafeUrl } from './isSafeUrl';
import { isAbsoluteUrl, looksLikeUrl } from './looksLikeUrl';
import { type ClassScore, readClassification } from './readClassification';

export interface MediaView {
  kind: MediaKind;
  url: string;
  mediaType?: string;
}

/** How an output is shown. */
export type OutputView =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'markdown'; text: string }
  /** A text that is one safe web address: shown as text that is a link, never loaded. */
  | { kind: 'link'; url: string }
  | { kind: 'json'; value: unknown }
  | MediaView
  | { kind: 'gallery'; images: MediaView[] }
  /** Labels with scores, highest first; `label` is the one the model picked, when it says. */
  | { kind: 'classification'; label?: string; classes: ClassScore[] }
  /** An image made from an input image: the two side by side under one slider. */
  | { kind: 'compare'; before: MediaView; after: MediaView }
  /** A URL that must not become a link or a source: shown as inert text. */
  | { kind: 'unsafe'; url: string }
  | { kind: 'list'; items: OutputView[] }
  /**
   * An object the output schema names the properties of (Cog's `Output` class): each shown its own
   * way under its label, in the schema's order; `value` is the whole object.
   */
  | { kind: 'fields'; value: Record<string, unknown>; fields: OutputField[] };

/** One property of a `fields` view. */
export interface OutputField {
  name: string;
  label: string;
  view: OutputView;
}

const VIEWS = [
  'auto',
  'text',
  'markdown',
  'json',
  'classification',
  'image',
  'gallery',
  'audio',
  'video',
  'compare',
] as const;

/** The views `PredictionOutput` can be asked for by name; `auto` picks one from the schema and the value. */
export type OutputViewName = (typeof VIEWS)[number];

export interface ChooseOutputViewOptions {
  /** Show text as Markdown. */
  markdown?: boolean | undefined;
  /**
   * A view by name instead of the automatic choice. A value that cannot be shown that way (scores that
   * are not there, a text asked for as an image) gets the automatic view.
   */
  view?: OutputViewName | undefined;
  /** The prediction's input: an image in it and an image out make a before/after comparison. */
  input?: unknown;
}

function resolved(schema: unknown, root: JsonSchema): JsonSchema | undefined {
  if (!isRecord(schema)) return undefined;
  try {
    return unwrapNullable(resolveSchema(schema, root, '', []), root, '', [])[0];
  } catch {
    // An output schema that cannot be read only costs the hints it would have given; the value decides.
    return undefined;
  }
}

function choose(value: unknown, schema: JsonSchema | undefined, root: JsonSchema, md: boolean): OutputView {
  if (value == null || value === '' || (Array.isArray(value) && !value.length)) return { kind: 'empty' };
  const scores = typeof value === 'object' ? readClassification(value) : undefined;
  if (scores) return { kind: 'classification', ...scores };
  if (Array.isArray(value)) {
    const itemSchema = resolved(schema?.items, root);
    // Text streamed in pieces: the whole is what the pieces are (under a plain string schema, text,
    // or a link when it is one safe address: never a file to load).
    if (schema?.['x-cog-array-display'] === 'concatenate' && value.every((v) => typeof v === 'string')) {
      return choose(value.join(''), itemSchema, root, md);
    }
    const items = value.map((v) => choose(v, itemSchema, root, md));
    if (items.every((i) => i.kind === 'image')) return { kind: 'gallery', images: items as MediaView[] };
    return { kind: 'list', items };
  }
  if (typeof value === 'string') {
    const declared = typeof schema?.contentMediaType === 'string' ? schema.contentMediaType : undefined;
    const isUri = schema?.format === 'uri' || schema?.format === 'uri-reference' || Boolean(declared);
    // A schema that says "a string" and not "a file" is believed: a URL in it is text that links at most.
    const plain = !isUri && schema?.type === 'string';
    if (isUri ? looksLikeUrl(value) : !plain && isAbsoluteUrl(value)) {
      if (!isSafeUrl(value)) return { kind: 'unsafe', url: value };
      const mediaType = declared ?? dataMediaType(value);
      return { kind: mediaKind(value, mediaType), url: value, ...(mediaType ? { mediaType } : {}) };
    }
    const url = value.trim();
    if (!md && isAbsoluteUrl(url) && /^https?:/i.test(url) && isSafeHref(url)) return { kind: 'link', url };
    return { kind: md ? 'markdown' : 'text', text: value };
  }
  const properties = isRecord(value) && isRecord(schema?.properties) ? schema.properties : undefined;
  if (!properties) return { kind: 'json', value };
  // Labelled as the form labels an input's properties.
  const labels = new Map(fieldsOf(schema!).map((f) => [f.name, f.label]));
  // The schema's order, then what the value has beyond it; empty properties are left out.
  const names = [...new Set([...Object.keys(properties), ...Object.keys(value as object)])];
  const fields = names.flatMap((name): OutputField[] => {
    const item = (value as Record<string, unknown>)[name];
    const own = properties[name];
    let view = choose(item, resolved(own, root), root, md);
    if (view.kind === 'empty') return [];
    // Records in a list (a transcript's segments) read best as one tree.
    if (view.kind === 'list' && view.items.every((i) => i.kind === 'json'))
      view = { kind: 'json', value: item };
    return [{ name, label: labels.get(name) ?? humanize(name), view }];
  });
  if (!fields.length) return { kind: 'empty' };
  return { kind: 'fields', value: value as Record<string, unknown>, fields };
}

/** A mask marks where an image may change: it is never the image the output was made from. */
const MASK = /(?:^|[_-])masks?(?![a-z])|(?:^|[a-z])Masks?(?![a-z])/;

/** The fields `parseSchema` reads from an object schema; none from one it cannot read. */
function fieldsOf(schema: JsonSchema): ParsedField[] {
  try {
    return parseSchema(schema);
  } catch {
    return [];
  }
}

/**
 * The image the output was made from: the input's one image (a value, or the one item of a list,
 * by its type or extension), masks aside. Several images (references to mix) say no single one was
 * edited, unless a comparison is asked for by name (`loose`): then the first.
 */
function inputImage(input: unknown, loose: boolean): MediaView | undefined {
  if (!isRecord(input)) return undefined;
  const images = Object.entries(input)
    .filter(([key]) => !MASK.test(key))
    .flatMap(([, value]) => value)
    .filter(
      (value): value is string =>
        typeof value === 'string' && isSafeUrl(value) && looksLikeUrl(value) && mediaKind(value) === 'image',
    );
  const [url] = images;
  return url && (loose || images.length === 1) ? { kind: 'image', url } : undefined;
}

const single = (view: OutputView): MediaView | undefined =>
  view.kind === 'image'
    ? view
    : view.kind === 'gallery' && view.images.length === 1
      ? view.images[0]
      : undefined;

/** The view asked for by name, when the value can be shown that way. */
function asked(
  name: OutputViewName,
  view: OutputView,
  output: unknown,
  input: unknown,
  auto = false,
): OutputView | undefined {
  switch (name) {
    case 'text':
      return { kind: 'text', text: typeof output === 'string' ? output : JSON.stringify(output, null, 2) };
    case 'markdown':
      return typeof output === 'string' ? { kind: 'markdown', text: output } : undefined;
    case 'json':
      return { kind: 'json', value: output };
    case 'classification': {
      const scores = readClassification(output, true);
      return scores ? { kind: 'classification', ...scores } : undefined;
    }
    case 'compare': {
      const before = inputImage(input, !auto);
      const after = single(view);
      return before && after ? { kind: 'compare', before, after } : undefined;
    }
    case 'gallery': {
      const items = view.kind === 'list' ? view.items : [view];
      const files = items.filter((item): item is MediaView => item.kind === 'file' || item.kind === 'image');
      return files.length === items.length
        ? { kind: 'gallery', images: files.map((f) => ({ ...f, kind: 'image' })) }
        : undefined;
    }
    case 'image':
    case 'audio':
    case 'video': {
      // A file whose type could not be told from its URL is shown as the kind asked for.
      const media = view.kind === 'gallery' ? view.images[0] : view;
      return media && 'url' in media && media.kind !== 'unsafe' ? { ...media, kind: name } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Picks the viewer for an output: from the output schema first (`format: uri` with `contentMediaType`,
 * arrays, `x-cog-array-display: concatenate`), then from the value (a `data:` URI's type, a URL's extension).
 * A string the schema calls a plain string stays text (a link if it is one safe address), and one it calls a
 * URI stays text unless it is written as one. URLs that are not safe (see `isSafeUrl`) come back as
 * `unsafe`, never as media. Scores per label become a classification; an image made from an input image,
 * a comparison of the two.
 */
export function chooseOutputView(
  output: unknown,
  schema?: JsonSchema | null,
  options: ChooseOutputViewOptions = {},
): OutputView {
  const root = isRecord(schema) ? schema : {};
  const { view: name = 'auto', input } = options;
  if (!VIEWS.includes(name)) {
    throw new TypeError(
      `chooseOutputView: \`view\` must be one of ${VIEWS.join(', ')}; got ${JSON.stringify(name)}.`,
    );
  }
  const view = choose(output, resolved(schema, root), root, options.markdown ?? false);
  if (view.kind === 'empty') return view;
  if (name !== 'auto') return asked(name, view, output, input) ?? view;
  return (single(view) && asked('compare', view, output, input, true)) || view;
}
