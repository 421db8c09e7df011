import { describeError, PredictionError } from '@predictkit/components';
import { useWaitsForApi } from '../app/ConnectionBanner';

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
 * connection (or a gateway's answer that the API is not reached) is the banner's to announce, while
 * its check finds the API down; here the page only says that it is waiting for it.
 */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const described = describeError(error);
  const waiting = useWaitsForApi(error);
  if (waiting) return <LoadingState label="Waiting for the API to answer…" />;
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
