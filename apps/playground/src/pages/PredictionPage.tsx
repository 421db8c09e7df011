import { PredictionDetails, seedFromLogs } from '@predictkit/components';
import { predictionModelRef } from '@predictkit/core';
import { useCancelPrediction, useModel, usePrediction } from '@predictkit/react';
import { useId, useLayoutEffect, useMemo, useRef } from 'react';
import { useCheckConnectionWhen } from '../app/ConnectionBanner';
import { FeedbackControl } from '../app/FeedbackControl';
import { handOff, inputAsRun, tweakHref } from '../app/inputAddress';
import { Link } from '../app/Link';
import { statusWord } from '../app/statusWord';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { CodeTab } from './CodeTab';
import { ErrorState, LoadingState } from './states';

export function PredictionPage({ id }: { id: string }) {
  const live = usePrediction(id);
  const cancel = useCancelPrediction();
  const p = live.prediction;
  const model = useModel(p ? predictionModelRef(p) : null);
  const codeId = useId();
  // The code and the tweak run it as it ran: with the seed the logs name when it was left blank.
  const seed = seedFromLogs(p?.logs);
  const asRun = useMemo(
    () => (p ? { ...p, input: inputAsRun(p, seed, model.inputSchema) } : null),
    [p, seed, model.inputSchema],
  );
  useCheckConnectionWhen(live.isRetrying);
  // Cancel leaves when the prediction ends: the keyboard focus that pressed it goes to Tweak, rather
  // than falling to the page.
  const cancelPressed = useRef(false);
  useLayoutEffect(() => {
    if (!live.isTerminal || !cancelPressed.current) return;
    cancelPressed.current = false;
    const active = document.activeElement;
    if (!active || active === document.body)
      document.querySelector<HTMLElement>('[data-action=tweak]')?.focus();
  }, [live.isTerminal]);
  useDocumentTitle(
    statusWord(live.status),
    p ? `${p.model.name} ${p.id.slice(0, 8)}` : `Prediction ${id.slice(0, 8)}`,
  );

  if (!p) {
    return (
      <div className="page">
        <h1 className="visually-hidden">Prediction {id.slice(0, 8)}</h1>
        {live.error && !live.isRetrying ? (
          <>
            <ErrorState error={live.error} onRetry={() => live.refetch()} />
            <p>
              <Link to="/predictions">See all predictions</Link>
            </p>
          </>
        ) : (
          <LoadingState label="Loading prediction…" />
        )}
      </div>
    );
  }
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/predictions">Predictions</Link> / <span>{p.id.slice(0, 8)}</span>
      </nav>
      <PredictionDetails
        headingLevel={1}
        prediction={p}
        inputSchema={model.inputSchema}
        outputSchema={model.outputSchema}
        paused={live.isRetrying}
        actions={
          <>
            {/* The model's page with this input filled in, on this version: change a value and run again. */}
            <Link
              className="button button-primary"
              data-action="tweak"
              to={tweakHref(p, seed, model.inputSchema)}
              // The address leaves files and long texts out: the model's page takes them from here.
              onClick={() => asRun && handOff(`${p.model.owner}/${p.model.name}`, p.id, asRun.input)}
            >
              {/* Without its input (removed by the service) it is the model's page, which says nothing it ran. */}
              {p.data_removed ? 'Open model' : 'Tweak'}{' '}
              <span className="visually-hidden">
                {p.data_removed
                  ? `${p.model.name}: this prediction’s input was removed`
                  : `this input on ${p.model.name}`}
              </span>
            </Link>
            {!live.isTerminal && (
              <button
                type="button"
                className="button button-danger"
                // Not `disabled`: a disabled button drops the keyboard focus that pressed it.
                aria-disabled={live.isCanceling || undefined}
                onClick={() => {
                  if (live.isCanceling) return;
                  cancelPressed.current = true;
                  cancel.mutate(p.id);
                }}
              >
                {live.isCanceling ? 'Canceling…' : 'Cancel'}
              </button>
            )}
          </>
        }
      />
      <FeedbackControl prediction={p} />
      {cancel.error && <ErrorState error={cancel.error} />}
      {!live.isRetrying && live.error && <ErrorState error={live.error} onRetry={() => live.refetch()} />}
      <section className="card" aria-labelledby={`${codeId}-code`}>
        <h2 id={`${codeId}-code`}>Run it from code</h2>
        <CodeTab prediction={asRun} />
      </section>
    </div>
  );
}
