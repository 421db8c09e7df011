import { Markdown, PredictionPlayground } from '@predictkit/components';
import { type ModelVersion, versionOf } from '@predictkit/core';
import { listModelVersions } from '@predictkit/core/catalog';
import { useModel, usePredictKitClient } from '@predictkit/react';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from '../app/Link';
import { lacks } from '../app/lacks';
import { navigate, useLocation } from '../app/router';
import { ErrorState, LoadingState } from './states';

export function ModelPage({ owner, name }: { owner: string; name: string }) {
  const client = usePredictKitClient();
  const { pathname, search } = useLocation();
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
          <span>{m.predictions_count.toLocaleString()} runs</span>
          {versions.data && (
            <label className="inline-field" htmlFor={versionId}>
              <span>Version</span>
              <select
                id={versionId}
                value={version ?? ''}
                onChange={(event) => {
                  const chosen = event.target.value;
                  const latest = versionOf(versions.data.items[0]);
                  navigate(chosen === `${latest}` ? pathname : `${pathname}?version=${chosen}`, {
                    replace: true,
                  });
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
      <PredictionPlayground
        key={ref}
        model={ref}
        renderPredictionLink={(prediction, children) => (
          <Link to={`/predictions/${prediction.id}`}>{children}</Link>
        )}
      />
      {m.overview && (
        <section className="card overview" aria-labelledby={`${versionId}-about`}>
          <h2 id={`${versionId}-about`}>About this model</h2>
          <Markdown text={m.overview} />
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
