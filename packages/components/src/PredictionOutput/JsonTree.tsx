import { useState } from 'react';
import { dataMediaType, fileNameOf, mediaKind } from '../internal/media';
import { formatJsonNumber } from './formatJsonNumber';
import { isSafeHref, isSafeUrl } from './isSafeUrl';
import { isAbsoluteUrl } from './looksLikeUrl';

const PAGE = 100;
// A branch longer than this starts folded below the top level; a string longer than LONG is cut.
const FOLD = 20;
const LONG = 300;

/**
 * A URL inside a JSON value: a link (a download for a `data:` URI), and a preview of media, on a line
 * of its own and kept small by its height (the base stylesheet has no room to spare).
 */
function JsonUrl({ url }: { url: string }) {
  const type = dataMediaType(url);
  const kind = mediaKind(url, type);
  // A data: URI is long and says nothing to a reader; its type does.
  const text = type ? `data:${type},…` : url;
  return (
    <>
      "
      {isSafeHref(url) ? (
        <a href={url} target="_blank" rel="noopener noreferrer">
          {text}
        </a>
      ) : (
        <a href={url} download={fileNameOf(url)}>
          {text}
        </a>
      )}
      "{kind !== 'file' && <br />}
      {kind === 'image' && <img src={url} alt="" height={96} loading="lazy" data-slot="json-preview" />}
      {kind === 'audio' && (
        // biome-ignore lint/a11y/useMediaCaption: generated audio comes with no caption track to offer.
        <audio controls preload="none" src={url} aria-label={fileNameOf(url)} data-slot="json-preview" />
      )}
      {kind === 'video' && (
        <video
          controls
          preload="metadata"
          muted
          src={url}
          height={96}
          aria-label={fileNameOf(url)}
          data-slot="json-preview"
        />
      )}
    </>
  );
}

function JsonString({ value }: { value: string }) {
  const [whole, setWhole] = useState(false);
  if (isAbsoluteUrl(value) && isSafeUrl(value)) return <JsonUrl url={value} />;
  if (value.length <= LONG || whole) return <>{JSON.stringify(value)}</>;
  return (
    <>
      {JSON.stringify(value.slice(0, LONG / 2))}…{' '}
      <button type="button" data-slot="json-more" onClick={() => setWhole(true)}>
        Show all {value.length} characters
      </button>
    </>
  );
}

function JsonNode({ name, value, depth }: { name?: string | number; value: unknown; depth: number }) {
  const isArray = Array.isArray(value);
  const entries: [string | number, unknown][] =
    value === null || typeof value !== 'object'
      ? []
      : isArray
        ? value.map((v, i) => [i, v])
        : Object.entries(value);
  const [open, setOpen] = useState(depth === 0 || (depth < 2 && entries.length <= FOLD));
  const [limit, setLimit] = useState(PAGE);
  const key = name !== undefined && (
    <span data-slot="json-key">{typeof name === 'number' ? name : JSON.stringify(name)}: </span>
  );
  if (value === null || typeof value !== 'object') {
    const type = value === null ? 'null' : typeof value;
    const exact = typeof value === 'number' ? String(value) : undefined;
    const shown = typeof value === 'number' ? formatJsonNumber(value) : undefined;
    return (
      <>
        {key}
        <span data-slot="json-value" data-type={type} title={shown === exact ? undefined : exact}>
          {typeof value === 'string' ? (
            <JsonString value={value} />
          ) : type === 'number' ? (
            shown
          ) : type === 'boolean' || type === 'null' ? (
            JSON.stringify(value)
          ) : (
            String(value)
          )}
        </span>
      </>
    );
  }
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-slot="json-node">
      <summary>
        {key}
        <span data-slot="json-meta">{isArray ? `[${entries.length}]` : `{${entries.length}}`}</span>
      </summary>
      {/* Closed branches render nothing, so a huge output costs only what is opened. */}
      {open && (
        <ul>
          {entries.slice(0, limit).map(([k, v]) => (
            <li key={k}>
              <JsonNode name={k} value={v} depth={depth + 1} />
            </li>
          ))}
          {entries.length > limit && (
            <li>
              <button type="button" data-slot="json-more" onClick={() => setLimit((l) => l + PAGE * 10)}>
                Show {Math.min(PAGE * 10, entries.length - limit)} more of {entries.length - limit}
              </button>
            </li>
          )}
        </ul>
      )}
    </details>
  );
}

/**
 * A collapsible tree of a JSON value. The top level starts open, and so does the next one where it is
 * short; numbers read rounded (exact in their title), long strings are cut until asked for, and safe URLs
 * are links with a small preview of images, audio and video.
 */
export function JsonTree({ value }: { value: unknown }) {
  return (
    <div data-slot="json-tree">
      <JsonNode value={value} depth={0} />
    </div>
  );
}
