import { type JsonSchema, type Prediction, versionOf } from '@predictkit/core';
import { isRecord } from '@predictkit/core/schema';
import { type HTMLAttributes, type ReactNode, useId, useMemo } from 'react';
import { CopyButton } from '../internal/CopyButton';
import { cx } from '../internal/cx';
import { DATA_REMOVED } from '../internal/dataRemoved';
import { shortVersion } from '../internal/format';
import { Icon } from '../internal/Icon';
import { fileNameOf, mediaKind } from '../internal/media';
import { isTerminal, statusKind } from '../internal/status';
import { PredictionError } from '../PredictionError/PredictionError';
import { PredictionLogs } from '../PredictionLogs/PredictionLogs';
import { isSafeHref, isSafeUrl } from '../PredictionOutput/isSafeUrl';
import { PredictionOutput } from '../PredictionOutput/PredictionOutput';
import { PredictionStatusBadge } from '../PredictionStatusBadge/PredictionStatusBadge';
import { PredictionTimings } from '../PredictionTimings/PredictionTimings';
import { humanize, parseSchema } from '../SchemaForm/parseSchema';
import { seedFromLogs } from './seedFromLogs';

export interface PredictionDetailsProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  prediction: Prediction;
  /** The version's input schema: orders and labels the input. */
  inputSchema?: JsonSchema | null | undefined;
  /** The version's output schema: picks the output's viewer. */
  outputSchema?: JsonSchema | null | undefined;
  markdown?: boolean | undefined;
  /** Buttons for the header, e.g. Cancel. */
  actions?: ReactNode;
  /**
   * The level of the title (the model's name); the sections take the next. `1` where the details are
   * the page, so that it has its main heading.
   */
  headingLevel?: 1 | 2 | 3 | undefined;
  /** News of the prediction has stopped (the connection is lost): its badge stops counting, see `PredictionStatusBadge`. */
  paused?: boolean | undefined;
}

const HEADINGS = ['h1', 'h2', 'h3', 'h4'] as const;

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

/** A whole value that is one URL (no spaces): what a file input holds when no schema says which are files. */
const LOOKS_LIKE_FILE = /^\s*(https?:|data:|blob:)\S*\s*$/i;

function InputValue({
  value,
  label,
  seed,
  file,
}: {
  value: unknown;
  label: string;
  seed?: number | null | undefined;
  /** Whether the schema says the field takes a file; unknown without a schema. */
  file?: boolean | undefined;
}) {
  // A blank seed is a random one, which the logs name: "null" would say nothing of what was used.
  if (value == null && seed != null) {
    return (
      <span data-slot="input-text">
        {seed} <span data-slot="input-note">(picked at random; from the logs)</span>
      </span>
    );
  }
  if (value == null) return <span data-slot="input-note">Not set (the model’s default)</span>;
  // A text that happens to be a URL is shown as text: only a file input is previewed (and loaded).
  if (typeof value === 'string' && (file ?? LOOKS_LIKE_FILE.test(value))) {
    return <InputFile url={value} label={label} />;
  }
  if (typeof value === 'string') return <span data-slot="input-text">{value}</span>;
  return <code>{JSON.stringify(value)}</code>;
}

function InputList({
  input,
  schema,
  seed,
}: {
  input: Record<string, unknown>;
  schema?: JsonSchema | null;
  seed: number | null;
}) {
  const fields = useMemo(() => {
    try {
      return schema ? parseSchema(schema) : [];
    } catch {
      // The input is still worth showing in its own order when its schema cannot be read.
      return [];
    }
  }, [schema]);
  const keys = [
    ...fields.map((f) => f.name).filter((k) => k in input || (k === 'seed' && seed !== null)),
    ...Object.keys(input).filter((k) => !fields.some((f) => f.name === k)),
  ];
  // A seed left out was picked at random, and the logs name it: worth a row, to run it again the same.
  if (seed !== null && !keys.includes('seed')) keys.push('seed');
  if (!keys.length) return <p data-slot="details-none">No input.</p>;
  return (
    <dl data-slot="details-input">
      {keys.map((key) => {
        const field = fields.find((f) => f.name === key);
        const label = field?.label ?? humanize(key);
        return (
          <div key={key}>
            <dt>{label}</dt>
            <dd>
              <InputValue
                value={input[key]}
                label={label}
                seed={key === 'seed' ? seed : undefined}
                file={field ? field.kind === 'file' : undefined}
              />
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
  headingLevel = 2,
  paused,
  className,
  ...rest
}: PredictionDetailsProps) {
  const id = useId();
  const Title = HEADINGS[headingLevel - 1] ?? 'h2';
  const Section = HEADINGS[headingLevel] ?? 'h3';
  const kind = statusKind(p.status);
  const hasLogs = Boolean(p.logs?.length || p.setup_logs?.length);
  const version = versionOf(p.model);
  const short = shortVersion(version);
  return (
    <article
      data-slot="prediction-details"
      data-status={kind}
      aria-labelledby={`${id}-title`}
      className={cx('pk', className)}
      {...rest}
    >
      <header data-slot="details-header">
        <div data-slot="details-heading">
          <Title id={`${id}-title`} data-slot="details-title">
            {p.model.owner}/{p.model.name}
            {short !== undefined && <span data-slot="list-version">:{short}</span>}
          </Title>
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
            paused={paused}
            announce
          />
          {actions}
        </div>
      </header>
      <PredictionTimings prediction={p} />
      {/* A cancel's error only says it was canceled, which the badge says already, and not as an alarm. */}
      {kind !== 'canceled' && <PredictionError prediction={p} />}
      <div data-slot="details-body">
        <section data-slot="details-section" aria-labelledby={`${id}-input`}>
          <Section id={`${id}-input`}>Input</Section>
          {p.data_removed ? (
            <p data-slot="details-none">{DATA_REMOVED}</p>
          ) : isRecord(p.input) ? (
            <InputList input={p.input} schema={inputSchema} seed={seedFromLogs(p.logs)} />
          ) : (
            <p data-slot="details-none">Not kept.</p>
          )}
        </section>
        <section data-slot="details-section" aria-labelledby={`${id}-output`}>
          <Section id={`${id}-output`}>Output</Section>
          <PredictionOutput prediction={p} schema={outputSchema} markdown={markdown} />
        </section>
      </div>
      {(hasLogs || !isTerminal(p.status)) && (
        <section data-slot="details-section" aria-labelledby={`${id}-logs`}>
          <Section id={`${id}-logs`}>Logs</Section>
          <PredictionLogs prediction={p} />
        </section>
      )}
    </article>
  );
}
