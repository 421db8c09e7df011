import type { JsonSchema, Prediction, PredictionStatus } from '@predictkit/core';
import { type HTMLAttributes, type ReactNode, useRef } from 'react';
import { CopyButton } from '../internal/CopyButton';
import { cx } from '../internal/cx';
import { DATA_REMOVED } from '../internal/dataRemoved';
import { Icon } from '../internal/Icon';
import { fileNameOf } from '../internal/media';
import { isTerminal, statusKind } from '../internal/status';
import { AudioWaveform } from './AudioWaveform';
import { ClassificationBars } from './ClassificationBars';
import { chooseOutputView, type MediaView, type OutputView, type OutputViewName } from './chooseOutputView';
import { formatJsonNumber } from './formatJsonNumber';
import { ImageCompare } from './ImageCompare';
import { JsonTree } from './JsonTree';
import { Markdown } from './Markdown';
import { OutputImages } from './OutputImages';
import { appended, useStreamed } from './streamed';

export interface PredictionOutputProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The prediction whose output (and status) to show; its input, when there, offers a before/after view. */
  prediction?:
    | (Pick<Prediction, 'status' | 'output'> & Partial<Pick<Prediction, 'input' | 'data_removed'>>)
    | null
    | undefined;
  /** An output to show without a prediction. */
  output?: unknown;
  /** The status when `output` is given alone; a running status shows a streaming caret and a waiting placeholder. */
  status?: PredictionStatus | undefined;
  /** The version's output schema, the first source of how to show the output. */
  schema?: JsonSchema | null | undefined;
  /** Show text outputs as Markdown. */
  markdown?: boolean | undefined;
  /**
   * A view by name instead of the one chosen from the schema and the value (`auto`): `text`, `markdown`,
   * `json`, `classification`, `image`, `gallery`, `audio`, `video`, `compare`. A value that cannot be shown
   * that way gets the automatic view.
   */
  view?: OutputViewName | undefined;
  /** The input the output was made from, when given without a prediction: an image in it allows `compare`. */
  input?: unknown;
  /** Shown while nothing has arrived yet. */
  placeholder?: ReactNode;
}

function Toolbar({ text }: { text: string }) {
  return (
    <div data-slot="output-toolbar">
      <CopyButton text={text} />
    </div>
  );
}

function Media({ view }: { view: MediaView }) {
  const download = (
    <a href={view.url} download={fileNameOf(view.url)} data-slot="output-file">
      <Icon name={view.kind === 'file' ? 'file' : 'download'} />
      <span>{view.kind === 'file' ? fileNameOf(view.url) : `Download ${view.kind}`}</span>
      {view.mediaType && view.kind === 'file' && <span data-slot="output-file-type">{view.mediaType}</span>}
    </a>
  );
  if (view.kind === 'audio') return <AudioWaveform view={view}>{download}</AudioWaveform>;
  if (view.kind === 'video') {
    return (
      <div data-slot="output-video">
        {/* biome-ignore lint/a11y/useMediaCaption: generated video comes with no caption track to offer. */}
        <video controls preload="metadata" playsInline src={view.url} aria-label="Output video" />
        {download}
      </div>
    );
  }
  return download;
}

/**
 * A streamed text grows at its end only. Every 2 kB or so that ends a line becomes a block of its own,
 * which the browser lays out once and React skips (its element stays the same): in one run of text,
 * each appended chunk would have the browser break all the lines again. A line break starts a new line
 * anyway, so the blocks show exactly what one text would. The open tail is cut into text nodes of a
 * fixed size, so only its last one is reshaped as it grows.
 */
function TextPieces({ pieces }: { pieces: readonly string[] }) {
  const [done, open] = useStreamed(pieces, (open, at) => {
    const end = open.indexOf('\n', 2047) + 1;
    return end > 0 && [end, <div key={at}>{open.slice(0, end)}</div>];
  });
  const tail: string[] = [];
  for (let at = 0; at < open.length; at += 2048) tail.push(open.slice(at, at + 2048));
  return (
    <>
      {done}
      {tail}
    </>
  );
}

/**
 * A field's value that reads in a line (a number, a yes or no, a short text), as plain text:
 * the box and copy button of a text output would outweigh it.
 */
function inline(view: OutputView): string | undefined {
  if (view.kind === 'json') {
    const { value } = view;
    if (typeof value === 'number') return formatJsonNumber(value);
    if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  }
  if (view.kind === 'text' && view.text.length <= 80 && !view.text.includes('\n')) return view.text;
  return undefined;
}

function Viewer({
  view,
  running,
  pieces,
}: {
  view: OutputView;
  running: boolean;
  pieces?: readonly string[] | undefined;
}): ReactNode {
  const caret = running && <span data-slot="caret" aria-hidden="true" />;
  switch (view.kind) {
    case 'empty':
      return null;
    case 'text':
    case 'link':
      return (
        <div data-slot="output-text">
          <Toolbar text={view.kind === 'link' ? view.url : view.text} />
          <div data-slot="output-text-body">
            {view.kind === 'link' ? (
              <a href={view.url} target="_blank" rel="noopener noreferrer" data-slot="output-link">
                {view.url}
              </a>
            ) : (
              <TextPieces pieces={pieces ?? [view.text]} />
            )}
            {caret}
          </div>
        </div>
      );
    case 'markdown':
      return (
        <div data-slot="output-text" data-markdown="">
          <Toolbar text={view.text} />
          <Markdown text={pieces ?? view.text} />
          {caret}
        </div>
      );
    case 'classification':
      return <ClassificationBars label={view.label} classes={view.classes} />;
    case 'compare':
      return <ImageCompare before={view.before} after={view.after} />;
    case 'json':
      return (
        <div data-slot="output-json">
          <Toolbar text={JSON.stringify(view.value, null, 2)} />
          <JsonTree value={view.value} />
        </div>
      );
    case 'image':
      return <OutputImages images={[view]} />;
    case 'gallery':
      return <OutputImages images={view.images} />;
    case 'unsafe':
      return (
        <div data-slot="output-unsafe">
          <Icon name="alert" />
          <span>Not opened: this address is not a safe link.</span>
          <code>{view.url}</code>
        </div>
      );
    case 'list':
      return (
        <ol data-slot="output-list">
          {view.items.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an output's items have no identity but their position.
            <li key={i}>
              <Viewer view={item} running={false} />
            </li>
          ))}
        </ol>
      );
    case 'fields':
      return (
        <div data-slot="output-fields">
          <Toolbar text={JSON.stringify(view.value, null, 2)} />
          <dl>
            {view.fields.map((field) => (
              <div key={field.name} data-slot="output-field">
                <dt>{field.label}</dt>
                <dd>{inline(field.view) ?? <Viewer view={field.view} running={false} />}</dd>
              </div>
            ))}
          </dl>
        </div>
      );
    default:
      return <Media view={view} />;
  }
}

// A text in which a character that is neither a space nor a control character is followed, later, by
// whitespace other than a tab or line break (which URL parsing drops) and then more text: it is no URL
// (see isAbsoluteUrl) whatever is appended to it, so more pieces leave it the same view.
const PROSE = /[^\s\p{Cc}].*[^\S\t\n\r]\S/su;

interface Shown {
  output: unknown;
  deps: unknown[];
  view: OutputView;
  /** The output: when `prose`, the pieces of a text shown joined (as a streamed text is). */
  pieces: string[];
  /** Whether the output is an array of strings shown as one text, whose start is prose. */
  prose: boolean;
}

/**
 * `chooseOutputView` for each new output. A streamed text arrives as a longer array of strings on every
 * chunk: once its start is prose, the pieces added since the last render are appended to the text
 * already joined, instead of joining (and so copying) the whole text again on each chunk.
 */
function useOutputView(output: unknown, ...deps: unknown[]): Shown {
  const last = useRef<Shown>(undefined);
  const was = last.current;
  if (was && deps.every((dep, i) => dep === was.deps[i])) {
    if (was.output === output) return was;
    const more =
      was.prose &&
      Array.isArray(output) &&
      output.every((piece) => typeof piece === 'string') &&
      appended(was.pieces, output);
    if (typeof more === 'string') {
      const { kind, text } = was.view as { kind: 'text' | 'markdown'; text: string };
      const shown = { ...was, output, pieces: output as string[], view: { kind, text: text + more } };
      last.current = shown;
      return shown;
    }
  }
  const [schema, markdown, name, input] = deps as [JsonSchema, boolean, OutputViewName, unknown];
  const view = chooseOutputView(output, schema, { markdown, view: name, input });
  const text = 'text' in view && Array.isArray(output) && name !== 'text' ? view.text : '';
  const shown = { output, deps, view, pieces: output as string[], prose: PROSE.test(text.slice(0, 256)) };
  last.current = shown;
  return shown;
}

/**
 * A prediction's output, shown by the viewer that fits it: text, Markdown, JSON, scores per class as bars,
 * images (a before/after slider for an image made from an input image), audio with its waveform, video, files.
 */
export function PredictionOutput({
  prediction,
  output = prediction?.output,
  status = prediction?.status,
  input = prediction?.input,
  schema,
  markdown,
  view: name,
  placeholder,
  className,
  ...rest
}: PredictionOutputProps) {
  const { view, pieces, prose } = useOutputView(output, schema, markdown, name, input);
  const running = status !== undefined && !isTerminal(status);
  return (
    <div
      data-slot="prediction-output"
      data-status={status === undefined ? undefined : statusKind(status)}
      data-view={view.kind}
      aria-busy={running || undefined}
      className={cx('pk', className)}
      {...rest}
    >
      {view.kind === 'empty' ? (
        <div data-slot="output-empty">
          {running && <span data-slot="spinner" aria-hidden="true" />}
          {prediction?.data_removed
            ? DATA_REMOVED
            : (placeholder ?? (running ? 'Waiting for output…' : 'No output'))}
        </div>
      ) : (
        <Viewer view={view} running={running} pieces={prose ? pieces : undefined} />
      )}
    </div>
  );
}
