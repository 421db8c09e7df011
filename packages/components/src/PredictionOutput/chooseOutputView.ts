import type { JsonSchema } from '@predictkit/core';
import { isRecord } from '../internal/isRecord';
import { dataMediaType, type MediaKind, mediaKind } from '../internal/media';
import { resolveSchema, unwrapNullable } from '../SchemaForm/resolveSchema';
import { isSafeUrl } from './isSafeUrl';

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
  | { kind: 'json'; value: unknown }
  | MediaView
  | { kind: 'gallery'; images: MediaView[] }
  /** A URL that must not become a link or a source: shown as inert text. */
  | { kind: 'unsafe'; url: string }
  | { kind: 'list'; items: OutputView[] };

export interface ChooseOutputViewOptions {
  /** Show text as Markdown. */
  markdown?: boolean;
}

const URL_LIKE = /^(?:https?:\/\/|blob:|data:|javascript:|vbscript:|file:)\S*$/i;

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
  if (Array.isArray(value)) {
    if (schema?.['x-cog-array-display'] === 'concatenate' && value.every((v) => typeof v === 'string')) {
      return choose(value.join(''), undefined, root, md);
    }
    const itemSchema = resolved(schema?.items, root);
    const items = value.map((v) => choose(v, itemSchema, root, md));
    if (items.every((i) => i.kind === 'image')) return { kind: 'gallery', images: items as MediaView[] };
    return { kind: 'list', items };
  }
  if (typeof value === 'string') {
    const declared = typeof schema?.contentMediaType === 'string' ? schema.contentMediaType : undefined;
    const isUri = schema?.format === 'uri' || schema?.format === 'uri-reference' || Boolean(declared);
    if (isUri || URL_LIKE.test(value.trim())) {
      if (!isSafeUrl(value)) return { kind: 'unsafe', url: value };
      const mediaType = declared ?? dataMediaType(value);
      return { kind: mediaKind(value, mediaType), url: value, ...(mediaType ? { mediaType } : {}) };
    }
    return { kind: md ? 'markdown' : 'text', text: value };
  }
  return { kind: 'json', value };
}

/**
 * Picks the viewer for an output: from the output schema first (`format: uri` with `contentMediaType`,
 * arrays, `x-cog-array-display: concatenate`), then from the value (a `data:` URI's type, a URL's extension).
 * URLs that are not safe (see `isSafeUrl`) come back as `unsafe`, never as media.
 */
export function chooseOutputView(
  output: unknown,
  schema?: JsonSchema | null,
  options: ChooseOutputViewOptions = {},
): OutputView {
  const root = isRecord(schema) ? schema : {};
  return choose(output, resolved(schema, root), root, options.markdown ?? false);
}
