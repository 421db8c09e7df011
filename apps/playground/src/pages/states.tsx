import { describeError, PredictionError } from '@predictkit/components';
import { useCheckConnectionWhen } from '../app/ConnectionBanner';

export function LoadingState({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/**
 * Why something could not be loaded, in plain words (the technical account under Details), with
 * "Try again" only where trying again can help: not for what is not there, nor for a refusal. A lost
 * connection (or a gateway's answer that the API is not reached) is the banner's to announce; here
 * it only says that the page is waiting for it.
 */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const described = describeError(error);
  const unreached = described?.unreached === true;
  // The banner checks at once, and refreshes what failed once the API answers again.
  useCheckConnectionWhen(unreached);
  if (unreached) return <LoadingState label="Waiting for the API to answer…" />;
  return (
    <div className="error-state">
      <PredictionError error={error instanceof Error ? error : String(error)} />
      {onRetry && described?.retryable && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
