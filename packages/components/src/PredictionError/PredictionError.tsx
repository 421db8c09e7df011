import type { Prediction, PredictionError as PredictionErrorData } from '@predictkit/core';
import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from '../internal/cx';
import { Icon } from '../internal/Icon';
import { statusKind } from '../internal/status';
import { describeError } from './describeError';
import { ErrorDetail } from './ErrorDetail';

export interface PredictionErrorProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'title'> {
  /** A prediction's `error`, an `Error` (e.g. from the client), or a message. */
  error?: PredictionErrorData | Error | string | null | undefined;
  /** Takes `error` (and `data-status`) from a prediction; a canceled one shows none. */
  prediction?: (Pick<Prediction, 'error'> & Partial<Pick<Prediction, 'status'>>) | null | undefined;
  title?: ReactNode;
}

const SOURCES: Record<string, string> = { internal: 'Model error', external: 'Request error' };

/**
 * What went wrong, in plain words: a model's failure in its own words, a client error (the network, a
 * status) as what it means for the reader; where it came from (the model or the request); and the
 * technical account one click away, under Details.
 */
export function PredictionError({ error, prediction, title, className, ...rest }: PredictionErrorProps) {
  // A cancel is the user's own doing, not a failure, though WriftAI keeps an error on the prediction.
  const canceled = prediction?.status !== undefined && statusKind(prediction.status) === 'canceled';
  const e = describeError(error ?? (canceled ? null : prediction?.error));
  if (!e) return null;
  return (
    <div
      role="alert"
      data-slot="prediction-error"
      data-source={e.source}
      data-status={prediction?.status === undefined ? undefined : statusKind(prediction.status)}
      className={cx('pk', className)}
      {...rest}
    >
      <Icon name="alert" />
      <div data-slot="error-body">
        <p data-slot="error-title">
          {title ?? e.title}
          <span data-slot="error-source">
            {/* A request's 5xx is the service's: no model ran. */}
            {error instanceof Error && e.source === 'internal'
              ? 'Service error'
              : (SOURCES[e.source] ?? e.source)}
          </span>
        </p>
        <p data-slot="error-message">{e.message}</p>
        <ErrorDetail detail={e.detail} />
      </div>
    </div>
  );
}
