import { type Model, type Prediction, predictionModelRef } from '@predictkit/core';
import { listModelCategories } from '@predictkit/core/catalog';
import { useModel, useModels, usePredictKitClient } from '@predictkit/react';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { Link } from '../app/Link';
import { lacks } from '../app/lacks';
import { outputThumbnail } from '../app/outputThumbnail';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { useLatestOutputs } from '../app/useLatestOutputs';
import { ErrorState, LoadingState } from './states';

type Sort = 'created_at' | 'predictions_count';

export function GalleryPage() {
  const client = usePredictKitClient();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<Sort>('predictions_count');
  const [category, setCategory] = useState<string | null>(null);
  const query = useDeferredValue(q.trim());
  // What the service does not have is not asked for, and its controls are not shown.
  const sortable = !lacks(client, 'sortBy');
  const categorized = !lacks(client, 'categories');
  const categories = useQuery({
    queryKey: ['predictkit-playground', 'categories', client],
    queryFn: ({ signal }) =>
      listModelCategories(client, { pageSize: lacks(client, 'pageSize') ? undefined : 50, signal }),
    enabled: categorized,
  });
  const models = useModels({
    q: query,
    sort: sortable ? sort : undefined,
    direction: sortable ? 'desc' : undefined,
    categories: categorized && category ? [category] : undefined,
  });
  // search answers ignore the category, so apply it here as well
  const filtered = models.models.filter(
    (m) => !categorized || !category || m.categories.some((c) => c.slug === category),
  );
  // Equal counts (all 0 on a fresh server) say nothing of which is run most: those keep a steady order
  // by name, rather than whatever order the service gives ties, which can put a demo of failures first.
  const shown =
    sortable && sort === 'predictions_count' && !query
      ? [...filtered].sort(
          (a, b) => b.predictions_count - a.predictions_count || a.name.localeCompare(b.name),
        )
      : filtered;
  const latest = useLatestOutputs();
  const searchId = useId();
  useDocumentTitle('Models');

  return (
    <div className="page">
      <header className="page-header">
        <h1>Models</h1>
        <p className="lede">Run a model, watch it work, and see its output.</p>
      </header>
      <search className="toolbar">
        <label htmlFor={searchId} className="visually-hidden">
          Search models
        </label>
        <input
          id={searchId}
          className="search"
          type="search"
          placeholder="Search models…"
          value={q}
          onChange={(event) => setQ(event.target.value)}
        />
        {sortable && (
          <label className="inline-field">
            <span>Sort by</span>
            <select
              value={sort}
              onChange={(event) => setSort(event.target.value as Sort)}
              disabled={query !== ''}
            >
              <option value="predictions_count">Most run</option>
              <option value="created_at">Newest</option>
            </select>
          </label>
        )}
      </search>
      {!(sortable && categorized) && (
        <p className="hint">
          {client.provider.name} lists models in its own order
          {categorized ? '' : ', without categories'}: search to narrow them down.
        </p>
      )}
      {categorized && categories.data && (
        <fieldset className="chips">
          <legend className="visually-hidden">Category</legend>
          <button
            type="button"
            className="chip"
            aria-pressed={category === null}
            onClick={() => setCategory(null)}
          >
            All
          </button>
          {categories.data.items.map((c) => (
            <button
              key={c.slug}
              type="button"
              className="chip"
              aria-pressed={category === c.slug}
              onClick={() => setCategory(category === c.slug ? null : c.slug)}
            >
              {c.name}
            </button>
          ))}
        </fieldset>
      )}
      {models.isPending ? (
        <LoadingState label="Loading models…" />
      ) : models.isError ? (
        <ErrorState error={models.error} onRetry={() => models.refetch()} />
      ) : shown.length === 0 ? (
        <p className="empty">No model matches{query ? ` “${query}”` : ''}.</p>
      ) : (
        <ul className="model-grid" aria-label="Models" aria-busy={models.isFetching}>
          {shown.map((model) => (
            <li key={model.id}>
              <ModelCard model={model} latest={latest.get(`${model.owner.username}/${model.name}`)} />
            </li>
          ))}
        </ul>
      )}
      {models.hasNextPage && (
        <button
          type="button"
          className="button"
          onClick={() => models.fetchNextPage()}
          disabled={models.isFetchingNextPage}
        >
          {models.isFetchingNextPage ? 'Loading…' : 'Load more models'}
        </button>
      )}
    </div>
  );
}

/** A glyph per kind of model, for a card with no output to show yet. */
function glyphOf(model: Model): string {
  const slugs = model.categories.map((c) => c.slug).join(' ');
  if (/image/.test(slugs)) return '▣';
  if (/audio|speech|music/.test(slugs)) return '♪';
  if (/text|language|chat/.test(slugs)) return '¶';
  return '◆';
}

/** The latest output of the model, drawn small; decorative, as the card's text names the model. */
function CardThumb({ model, latest }: { model: Model; latest: Prediction | undefined }) {
  // the output schema of the version that made it says which file URLs are images
  const version = useModel(latest ? predictionModelRef(latest) : null);
  const thumb = latest ? outputThumbnail(latest.output, version.outputSchema) : null;
  return (
    <span className="model-card-thumb" aria-hidden="true">
      {thumb?.kind === 'image' ? (
        <img src={thumb.src} alt="" loading="lazy" />
      ) : thumb?.kind === 'text' ? (
        <span className="model-card-thumb-text">{thumb.text}</span>
      ) : (
        <span className="model-card-thumb-glyph">{thumb?.kind === 'audio' ? '♪' : glyphOf(model)}</span>
      )}
    </span>
  );
}

function ModelCard({ model, latest }: { model: Model; latest: Prediction | undefined }) {
  const to = `/models/${encodeURIComponent(model.owner.username)}/${encodeURIComponent(model.name)}`;
  return (
    <Link to={to} className="model-card">
      <CardThumb model={model} latest={latest} />
      <span className="model-card-name">
        <span className="model-card-owner">{model.owner.username}/</span>
        {model.name}
      </span>
      <span className="model-card-description">{model.description}</span>
      <span className="model-card-meta">
        {model.categories.map((c) => (
          <span key={c.slug} className="tag">
            {c.name}
          </span>
        ))}
        <span className="runs">
          {model.predictions_count.toLocaleString()} {model.predictions_count === 1 ? 'run' : 'runs'}
        </span>
      </span>
    </Link>
  );
}
