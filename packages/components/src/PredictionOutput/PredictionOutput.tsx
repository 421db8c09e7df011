import type { JsonSchema, Prediction, PredictionStatus } from '@predictkit/core';
import { type HTMLAttributes, memo, type ReactNode, useMemo } from 'react';
import { CopyButton } from '../internal/CopyButton';
import { cx } from '../internal/cx';
import { Icon } from '../internal/Icon';
import { fileNameOf } from '../internal/media';
import { isTerminal, statusKind } from '../internal/status';
import { AudioWaveform } from './AudioWaveform';
import { ClassificationBars } from './ClassificationBars';
import { chooseOutputView, type MediaView, type OutputView, type OutputViewName } from './chooseOutputView';
import { ImageCompare } from './ImageCompare';
import { JsonTree } from './JsonTree';
import { Markdown } from './Markdown';
import { OutputImages } from './OutputImages';

export interface PredictionOutputProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The prediction whose output (and status) to show; its input, when there, offers a before/after view. */
  prediction?: (Pick<Prediction, 'status' | 'output'> & Partial<Pick<Prediction, 'input'>>) | null;
  /** An output to show without a prediction. */
  output?: unknown;
  /** The status when `output` is given alone; a running status shows a streaming caret and a waiting placeholder. */
  status?: PredictionStatus;
  /** The version's output schema, the first source of how to show the output. */
  schema?: JsonSchema | null;
  /** Show text outputs as Markdown. */
  markdown?: boolean;
  /**
   * A view by name instead of the one chosen from the schema and the value (`auto`): `text`, `markdown`,
   * `json`, `classification`, `image`, `gallery`, `audio`, `video`, `compare`. A value that cannot be shown
   * that way gets the automatic view.
   */
  view?: OutputViewName;
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

const CHUNK = 2048;

/** A block of a long text that is done; it is not rendered again. */
const TextBlock = memo(function TextBlock({ text }: { text: string }) {
  return <div>{text}</div>;
});

/**
 * A streamed text grows at its end only. Every 2 kB or so that ends a line becomes a block of its own,
 * which the browser lays out once: in one run of text, each appended chunk would have it break all the
 * lines again. A line break starts a new line anyway, so the blocks show exactly what one text would.
 * The open tail is cut into text nodes of a fixed size, so only its last one is reshaped as it grows.
 */
function TextPieces({ text }: { text: string }) {
  const pieces: ReactNode[] = [];
  let at = 0;
  for (let end = text.indexOf('\n', at + CHUNK - 1); end >= 0; end = text.indexOf('\n', at + CHUNK - 1)) {
    pieces.push(<TextBlock key={at} text={text.slice(at, ++end)} />);
    at = end;
  }
  for (; at < text.length; at += CHUNK) pieces.push(text.slice(at, at + CHUNK));
  return pieces;
}

function Viewer({ view, running }: { view: OutputView; running: boolean }): ReactNode {
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
              <TextPieces text={view.text} />
            )}
            {caret}
          </div>
        </div>
      );
    case 'markdown':
      return (
        <div data-slot="output-text" data-markdown="">
          <Toolbar text={view.text} />
          <Markdown text={view.text} />
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
    default:
      return <Media view={view} />;
  }
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
  const view = useMemo(
    () => chooseOutputView(output, schema, { markdown, view: name, input }),
    [output, schema, markdown, name, input],
  );
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
          {placeholder ?? (running ? 'Waiting for output…' : 'No output')}
        </div>
      ) : (
        <Viewer view={view} running={running} />
      )}
    </div>
  );
}
