import type { Prediction, PredictionError as PredictionErrorData } from '@predictkit/core';
import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from '../internal/cx';
import { Icon } from '../internal/Icon';
import { isRecord } from '../internal/isRecord';
import { statusKind } from '../internal/status';

export interface PredictionErrorProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'title'> {
  /** A prediction's `error`, an `Error` (e.g. from the client), or a message. */
  error?: PredictionErrorData | Error | string | null;
  /** Takes `error` (and `data-status`) from a prediction. */
  prediction?: (Pick<Prediction, 'error'> & Partial<Pick<Prediction, 'status'>>) | null;
  title?: ReactNode;
}

const SOURCES: Record<string, string> = { internal: 'Model error', external: 'Request error' };

function normalize(error: unknown): PredictionErrorData | null {
  if (!error) return null;
  if (typeof error === 'string') return { source: 'external', message: error };
  if (error instanceof Error) {
    const detail = (error as Error & { detail?: unknown }).detail;
    return { source: 'external', message: error.message || error.name, detail };
  }
  if (isRecord(error)) {
    return {
      source: typeof error.source === 'string' ? error.source : 'internal',
      message: typeof error.message === 'string' && error.message ? error.message : 'Something went wrong.',
      detail: error.detail,
    };
  }
  return { source: 'internal', message: String(error) };
}

/** What went wrong: the message, where it came from (the model or the request), and the detail on demand. */
export function PredictionError({ error, prediction, title, className, ...rest }: PredictionErrorProps) {
  const e = normalize(error ?? prediction?.error);
  if (!e) return null;
  const detail = e.detail;
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
          {title ?? (e.source === 'external' ? 'The request failed' : 'The prediction failed')}
          <span data-slot="error-source">{SOURCES[e.source] ?? e.source}</span>
        </p>
        <p data-slot="error-message">{e.message}</p>
        {detail != null && detail !== '' && (
          <details data-slot="error-detail">
            <summary>Details</summary>
            <pre>{typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2)}</pre>
          </details>
        )}
      </div>
    </div>
  );
}
