import { PredictionList } from '@predictkit/components';
import { usePredictionList, usePredictKitClient } from '@predictkit/react';
import { Link } from '../app/Link';
import { lacks } from '../app/lacks';

export function HistoryPage() {
  const client = usePredictKitClient();
  // the page size only where the service takes one
  const list = usePredictionList({ pageSize: lacks(client, 'pageSize') ? undefined : 25, live: true });
  return (
    <div className="page">
      <header className="page-header">
        <h1>Predictions</h1>
        <p className="lede">Every prediction, newest first. Running ones update as they go.</p>
      </header>
      <PredictionList
        aria-label="Predictions"
        predictions={list.predictions}
        hasMore={list.hasNextPage}
        onLoadMore={() => list.fetchNextPage()}
        isLoading={list.isPending || list.isFetchingNextPage}
        error={list.error}
        height={640}
        renderLink={(prediction, children) => <Link to={`/predictions/${prediction.id}`}>{children}</Link>}
        emptyText={
          <>
            No predictions yet. <Link to="/">Run a model</Link>.
          </>
        }
      />
    </div>
  );
}
