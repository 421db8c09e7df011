import { PredictionDetails } from '@predictkit/components';
import { predictionModelRef } from '@predictkit/core';
import { useCancelPrediction, useModel, usePrediction } from '@predictkit/react';
import { FeedbackControl } from '../app/FeedbackControl';
import { Link } from '../app/Link';
import { ErrorState, LoadingState } from './states';

export function PredictionPage({ id }: { id: string }) {
  const live = usePrediction(id);
  const cancel = useCancelPrediction();
  const p = live.prediction;
  const model = useModel(p ? predictionModelRef(p) : null);

  if (!p) {
    return (
      <div className="page">
        {live.error && !live.isRetrying ? (
          <ErrorState error={live.error} onRetry={() => live.refetch()} />
        ) : (
          <LoadingState label="Loading prediction…" />
        )}
      </div>
    );
  }
  const modelPath = `/models/${p.model.owner}/${p.model.name}`;
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/predictions">Predictions</Link> / <span>{p.id.slice(0, 8)}</span>
      </nav>
      <PredictionDetails
        prediction={p}
        inputSchema={model.inputSchema}
        outputSchema={model.outputSchema}
        actions={
          <>
            <Link className="button" to={modelPath}>
              Open {p.model.name}
            </Link>
            {!live.isTerminal && (
              <button
                type="button"
                className="button button-danger"
                disabled={live.isCanceling}
                onClick={() => cancel.mutate(p.id)}
              >
                {live.isCanceling ? 'Canceling…' : 'Cancel'}
              </button>
            )}
          </>
        }
      />
      <FeedbackControl prediction={p} />
      {cancel.error && <ErrorState error={cancel.error} />}
      {live.isRetrying ? (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" />
          Connection lost: reconnecting…
        </p>
      ) : (
        live.error && <ErrorState error={live.error} onRetry={() => live.refetch()} />
      )}
    </div>
  );
}
