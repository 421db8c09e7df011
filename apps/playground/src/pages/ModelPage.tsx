import { Markdown, PredictionPlayground } from '@predictkit/components';
import { type ModelVersion, type Prediction, versionOf } from '@predictkit/core';
import { listModelVersions } from '@predictkit/core/catalog';
import { useModel, usePrediction, usePredictKitClient } from '@predictkit/react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useCheckConnectionWhen } from '../app/ConnectionBanner';
import { FeedbackControl } from '../app/FeedbackControl';
import {
  dropHandOff,
  inputParam,
  loadDraft,
  readInputParam,
  saveDraft,
  takeHandOff,
} from '../app/inputAddress';
import { Link } from '../app/Link';
import { lacks } from '../app/lacks';
import { modelExamples } from '../app/modelExamples';
import { replaceSearch, useLocation } from '../app/router';
import { statusWord } from '../app/statusWord';
import { unwrapLines } from '../app/unwrapLines';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { CodeTab } from './CodeTab';
import { ExampleList } from './ExampleList';
import { ErrorState, LoadingState } from './states';

/** How long typing may pause before the address and the draft catch up. */
const SAVE_DELAY_MS = 300;

/** Brings the output into view after Run when it is off screen, as on a phone, where it sits below the form. */
function revealResult() {
  const result = document.querySelector<HTMLElement>('[data-slot="playground-result"]');
  if (!result) return;
  const { top, bottom } = result.getBoundingClientRect();
  if (top >= 0 && top < window.innerHeight * 0.6 && bottom > 0) return;
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  result.scrollIntoView({ behavior: still ? 'auto' : 'smooth', block: 'start' });
}

export function ModelPage({ owner, name }: { owner: string; name: string }) {
  const client = usePredictKitClient();
  const { search } = useLocation();
  // A number on WriftAI, an id on Replicate.
  const pinned = search.get('version') || undefined;
  const ref = `${owner}/${name}${pinned ? `:${pinned}` : ''}`;
  const model = useModel(ref);
  const versions = useQuery({
    queryKey: ['predictkit-playground', 'versions', client, owner, name],
    // the page size only where the service takes one (Replicate's pages are its own 100)
    queryFn: ({ signal }) =>
      listModelVersions(client, `${owner}/${name}`, {
        pageSize: lacks(client, 'pageSize') ? undefined : 50,
        signal,
      }),
  });
  const versionId = useId();
  const modelKey = `${owner}/${name}`;
  // The input: from the address (a shared link, a Tweak), else the one left here in this tab, else
  // the first example; kept in a ref while typing, so a keystroke re-renders only the form.
  const typed = useRef<Record<string, unknown> | undefined>(undefined);
  const [start, setStart] = useState(() => ({
    input: takeHandOff(modelKey, search) ?? readInputParam(search) ?? loadDraft(modelKey),
    generation: 0,
  }));
  const examples = useMemo(() => modelExamples(modelKey, model.inputSchema), [modelKey, model.inputSchema]);
  // The latest run is kept in the address too, so that a reload mid-run shows it still.
  const [createdId, setCreatedId] = useState(() => search.get('prediction'));
  const run = usePrediction(createdId);
  useCheckConnectionWhen(run.isRetrying);
  const saveTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(saveTimer.current), []);
  useDocumentTitle(run.prediction && statusWord(run.status ?? run.prediction.status), modelKey);

  const remember = (input: Record<string, unknown>) => {
    typed.current = input;
    dropHandOff();
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      saveDraft(modelKey, input);
      replaceSearch({ input: inputParam(input) });
    }, SAVE_DELAY_MS);
  };
  const applyExample = (input: Record<string, unknown>) => {
    clearTimeout(saveTimer.current);
    dropHandOff();
    typed.current = input;
    saveDraft(modelKey, input);
    replaceSearch({ input: inputParam(input) });
    setStart((old) => ({ input, generation: old.generation + 1 }));
  };

  if (model.isPending) return <LoadingState label="Loading model…" />;
  if (model.isError || !model.model) {
    return (
      <div className="page">
        <ErrorState error={model.error} onRetry={() => model.refetch()} />
        <p>
          <Link to="/">Back to the models</Link>
        </p>
      </div>
    );
  }
  const m = model.model;
  const version = versionOf(model.version);
  return (
    <div className="page">
      <header className="page-header model-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/">Models</Link> / <span>{m.owner.username}</span>
        </nav>
        <h1>
          {m.owner.username}/{m.name}
        </h1>
        <p className="lede">{m.description}</p>
        <div className="model-meta">
          {m.categories.map((c) => (
            <span key={c.slug} className="tag">
              {c.name}
            </span>
          ))}
          {m.hardware && <span>{m.hardware.name}</span>}
          <span>
            {m.predictions_count.toLocaleString()} {m.predictions_count === 1 ? 'run' : 'runs'}
          </span>
          {versions.data && (
            <label className="inline-field" htmlFor={versionId}>
              <span>Version</span>
              <select
                id={versionId}
                value={version ?? ''}
                onChange={(event) => {
                  const chosen = event.target.value;
                  const latest = versionOf(versions.data.items[0]);
                  replaceSearch({ version: chosen === `${latest}` ? null : chosen });
                }}
              >
                {versions.data.items.map((v, index) => (
                  <option key={versionOf(v)} value={versionOf(v)}>
                    {versionLabel(v)}
                    {index === 0 ? ' (latest)' : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {model.version?.release_notes && (
          <div className="release-notes">
            <Markdown text={model.version.release_notes} />
          </div>
        )}
      </header>
      {examples.length > 0 && (
        <ExampleList examples={examples} schema={model.inputSchema} onUse={applyExample} />
      )}
      <PredictionPlayground
        // Another version, or an example, starts the form afresh from the input kept so far.
        key={`${ref}#${start.generation}`}
        model={ref}
        defaultValue={typed.current ?? start.input ?? examples[0]?.input}
        onChange={remember}
        defaultPredictionId={createdId}
        onCreated={(prediction: Prediction) => {
          setCreatedId(prediction.id);
          replaceSearch({ prediction: prediction.id });
          // its count of runs has grown by this one
          void model.refetch();
          revealResult();
        }}
        renderPredictionLink={(prediction, children) => (
          <Link to={`/predictions/${prediction.id}`}>{children}</Link>
        )}
        renderCode={(prediction) => <CodeTab prediction={prediction} />}
        renderResultFooter={(prediction) => <FeedbackControl key={prediction.id} prediction={prediction} />}
      />
      {m.overview && (
        <section className="card overview" aria-labelledby={`${versionId}-about`}>
          <h2 id={`${versionId}-about`}>About this model</h2>
          <Markdown text={unwrapLines(m.overview)} />
        </section>
      )}
    </div>
  );
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** WriftAI's number as it is; Replicate's 64-hex id by its first characters and its date, as its site shows it. */
function versionLabel(v: ModelVersion): string {
  const version = versionOf(v);
  if (typeof version !== 'string') return `${version}`;
  const date = new Date(v.created_at);
  return `${version.slice(0, 8)}${Number.isNaN(date.getTime()) ? '' : ` · ${dateFormat.format(date)}`}`;
}
