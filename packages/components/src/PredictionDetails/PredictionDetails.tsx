import { type JsonSchema, type Prediction, versionOf } from '@predictkit/core';
import { type HTMLAttributes, type ReactNode, useId, useMemo } from 'react';
import { CopyButton } from '../internal/CopyButton';
import { cx } from '../internal/cx';
import { shortVersion } from '../internal/format';
import { Icon } from '../internal/Icon';
import { isRecord } from '../internal/isRecord';
import { fileNameOf, mediaKind } from '../internal/media';
import { isTerminal, statusKind } from '../internal/status';
import { PredictionError } from '../PredictionError/PredictionError';
import { PredictionLogs } from '../PredictionLogs/PredictionLogs';
import { isSafeHref, isSafeUrl } from '../PredictionOutput/isSafeUrl';
import { PredictionOutput } from '../PredictionOutput/PredictionOutput';
import { PredictionStatusBadge } from '../PredictionStatusBadge/PredictionStatusBadge';
import { PredictionTimings } from '../PredictionTimings/PredictionTimings';
import { humanize, parseSchema } from '../SchemaForm/parseSchema';

export interface PredictionDetailsProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  prediction: Prediction;
  /** The version's input schema: orders and labels the input. */
  inputSchema?: JsonSchema | null;
  /** The version's output schema: picks the output's viewer. */
  outputSchema?: JsonSchema | null;
  markdown?: boolean;
  /** Buttons for the header, e.g. Cancel. */
  actions?: ReactNode;
}

const isInline = (url: string) => /^\s*data:/i.test(url);

/** An input file: a preview for images and audio, then a way to get at the file itself. */
function InputFile({ url, label }: { url: string; label: string }) {
  const inline = isInline(url);
  // A `data:` URI cannot be opened: Chrome blocks top-level navigation to one, so it is offered as a
  // download. Other links must pass the link check, which refuses `data:`; previews only need a safe source.
  if (inline ? !isSafeUrl(url) : !isSafeHref(url)) {
    return <code>{inline && url.length > 64 ? `${url.slice(0, 64)}…` : url}</code>;
  }
  const kind = mediaKind(url);
  return (
    <span data-slot="input-file">
      {kind === 'image' && <img data-slot="input-thumb" src={url} alt={label} />}
      {kind === 'audio' && (
        // biome-ignore lint/a11y/useMediaCaption: an input recording comes with no caption track to offer.
        <audio data-slot="input-audio" controls preload="metadata" src={url} aria-label={label} />
      )}
      {inline ? (
        <a href={url} download={fileNameOf(url, 'input')} data-slot="input-download">
          <Icon name="download" />
          <span>Download {fileNameOf(url, 'input')}</span>
        </a>
      ) : (
        <a href={url} target="_blank" rel="noopener noreferrer">
          {url}
        </a>
      )}
    </span>
  );
}

function InputValue({ value, label }: { value: unknown; label: string }) {
  if (typeof value === 'string' && /^\s*(https?:|data:|blob:)/i.test(value)) {
    return <InputFile url={value} label={label} />;
  }
  if (typeof value === 'string') return <span data-slot="input-text">{value}</span>;
  return <code>{JSON.stringify(value)}</code>;
}

function InputList({ input, schema }: { input: Record<string, unknown>; schema?: JsonSchema | null }) {
  const fields = useMemo(() => {
    try {
      return schema ? parseSchema(schema) : [];
    } catch {
      // The input is still worth showing in its own order when its schema cannot be read.
      return [];
    }
  }, [schema]);
  const keys = [
    ...fields.map((f) => f.name).filter((k) => k in input),
    ...Object.keys(input).filter((k) => !fields.some((f) => f.name === k)),
  ];
  if (!keys.length) return <p data-slot="details-none">No input.</p>;
  return (
    <dl data-slot="details-input">
      {keys.map((key) => {
        const label = fields.find((f) => f.name === key)?.label ?? humanize(key);
        return (
          <div key={key}>
            <dt>{label}</dt>
            <dd>
              <InputValue value={input[key]} label={label} />
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** One prediction in full: status, model, id, timings, input, output, error and logs. */
export function PredictionDetails({
  prediction: p,
  inputSchema,
  outputSchema,
  markdown,
  actions,
  className,
  ...rest
}: PredictionDetailsProps) {
  const id = useId();
  const hasLogs = Boolean(p.logs?.length || p.setup_logs?.length);
  const version = versionOf(p.model);
  const short = shortVersion(version);
  return (
    <article
      data-slot="prediction-details"
      data-status={statusKind(p.status)}
      aria-labelledby={`${id}-title`}
      className={cx('pk', className)}
      {...rest}
    >
      <header data-slot="details-header">
        <div data-slot="details-heading">
          <h2 id={`${id}-title`} data-slot="details-title">
            {p.model.owner}/{p.model.name}
            {short !== undefined && <span data-slot="list-version">:{short}</span>}
          </h2>
          <p data-slot="details-meta">
            <code title="Prediction ID">{p.id}</code>
            <CopyButton text={p.id} label="Copy ID" />
            {/* A version id too long for the heading, whole, for pinning the model to it. */}
            {short !== `${version ?? ''}` && (
              <>
                <code title="Version ID" data-slot="details-version">
                  {version}
                </code>
                <CopyButton text={`${version}`} label="Copy version" />
              </>
            )}
            <time dateTime={p.created_at}>{new Date(p.created_at).toLocaleString()}</time>
          </p>
        </div>
        <div data-slot="details-actions">
          <PredictionStatusBadge
            status={p.status}
            since={p.created_at}
            until={isTerminal(p.status) ? p.updated_at : undefined}
            announce
          />
          {actions}
        </div>
      </header>
      <PredictionTimings prediction={p} />
      <PredictionError prediction={p} />
      <div data-slot="details-body">
        <section data-slot="details-section" aria-labelledby={`${id}-input`}>
          <h3 id={`${id}-input`}>Input</h3>
          {isRecord(p.input) ? (
            <InputList input={p.input} schema={inputSchema} />
          ) : (
            <p data-slot="details-none">Not kept.</p>
          )}
        </section>
        <section data-slot="details-section" aria-labelledby={`${id}-output`}>
          <h3 id={`${id}-output`}>Output</h3>
          <PredictionOutput prediction={p} schema={outputSchema} markdown={markdown} />
        </section>
      </div>
      {(hasLogs || !isTerminal(p.status)) && (
        <section data-slot="details-section" aria-labelledby={`${id}-logs`}>
          <h3 id={`${id}-logs`}>Logs</h3>
          <PredictionLogs prediction={p} />
        </section>
      )}
    </article>
  );
}
