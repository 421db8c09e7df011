import type { PredictionError as PredictionErrorData } from '@predictkit/core';
import { isRecord } from '@predictkit/core/schema';

/** An error as a person reads it: what happened in plain words, and the technical account on demand. */
export interface DescribedError {
  /** `internal` (the model or the platform failed) or `external` (the request, the network, the caller). */
  source: string;
  /** What happened, in a few words ("Cannot reach the service"). */
  title: string;
  /** What it means and what to do, in plain language. */
  message: string;
  /** The technical account (the client's message, status, request id, the service's detail), for the details. */
  detail?: unknown;
  /** Whether trying the same thing again may work: false for a 404, a refusal or bad input. */
  retryable: boolean;
  /**
   * Whether the service was not reached at all (a lost connection, or a gateway's `502`, `503` or
   * `504`): what helps is waiting for it to answer again.
   */
  unreached?: boolean;
}

type ErrorLike = Error & { status?: number; requestId?: string; detail?: unknown; body?: unknown };

const API_WORDS: Record<number, [string, string]> = {
  400: ['The service refused the request', 'Something in the request was not accepted.'],
  401: ['Not signed in', 'The service did not accept the credentials it was given.'],
  403: ['Not allowed', 'This account or proxy may not do this.'],
  404: ['Not found', 'There is nothing here: it may never have existed, or the service no longer keeps it.'],
  409: ['Already finished', 'It had already finished, so there was nothing left to do.'],
  413: ['Too large', 'The request is larger than the service takes; try a smaller file.'],
  422: ['Some input is not valid', 'Check the highlighted fields and run again.'],
  429: ['Too many requests', 'The service asks to slow down; wait a moment and try again.'],
  // What a proxy or gateway answers for a service it could not reach: no model ran.
  502: [
    'Cannot reach the service',
    'The service did not answer the server in front of it. It may be stopped or restarting; try again in a moment.',
  ],
  503: [
    'The service is unavailable',
    'It is not taking requests right now, often while it restarts; try again in a moment.',
  ],
  504: [
    'No answer in time',
    'The service did not answer the server in front of it in time; try again in a moment.',
  ],
};

/** Statuses that say the service was not reached, rather than that it (or its model) failed. */
const UNREACHED = new Set([502, 503, 504]);

/** The technical lines of a client error: its class and message, the HTTP status and the request id. */
function technical(error: ErrorLike): string {
  const lines = [`${error.name}: ${error.message}`];
  if (typeof error.status === 'number') lines.push(`HTTP status: ${error.status}`);
  if (error.requestId) lines.push(`Request id: ${error.requestId}`);
  if (typeof error.detail === 'string' && error.detail && !error.message.includes(error.detail))
    lines.push(`The service said: ${error.detail}`);
  return lines.join('\n');
}

function describeClientError(error: ErrorLike): DescribedError {
  const detail = technical(error);
  switch (error.name) {
    case 'ConnectionError':
      return {
        source: 'external',
        title: 'Cannot reach the service',
        message: 'The server did not answer. It may be stopped or restarting, or the network may be down.',
        detail,
        retryable: true,
        unreached: true,
      };
    case 'TimeoutError':
      return {
        source: 'external',
        title: 'No answer in time',
        message: 'The service took too long to answer. It may be busy; try again in a moment.',
        detail,
        retryable: true,
      };
    case 'UnexpectedResponseError':
      return {
        source: 'external',
        title: 'An answer that could not be read',
        message: 'Something answered, but not as this service does. The address of the API may be wrong.',
        detail,
        retryable: false,
      };
  }
  if (typeof error.status === 'number') {
    const words = API_WORDS[error.status];
    const wait = (error as ErrorLike & { retryAfterMs?: number }).retryAfterMs;
    if (error.status === 429 && typeof wait === 'number' && Number.isFinite(wait)) {
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      return {
        source: 'external',
        title: 'Too many requests',
        message: `The service asks to slow down: try again in ${seconds} s.`,
        detail,
        retryable: true,
      };
    }
    const server = error.status >= 500;
    const unreached = UNREACHED.has(error.status);
    return {
      unreached,
      source: server && !unreached ? 'internal' : 'external',
      title: words?.[0] ?? (server ? 'The service had a problem' : 'The request failed'),
      message:
        words?.[1] ??
        (server
          ? 'The service failed to answer this time; it is usually brief, so try again.'
          : 'The service did not accept the request.'),
      detail,
      retryable: server || error.status === 429 || error.status === 408,
    };
  }
  // An error with no class of its own (a thrown Error, a failed upload): its message is all there is.
  return {
    source: 'external',
    title: 'Something went wrong',
    message: error.message || error.name,
    retryable: true,
  };
}

/**
 * Reads any error the components meet, a prediction's `error` (the model's own words, kept as they are),
 * a client error (put in plain words, its technical message kept for the details), or a message.
 */
export function describeError(error: unknown): DescribedError | null {
  if (!error) return null;
  if (typeof error === 'string') {
    return { source: 'external', title: 'Something went wrong', message: error, retryable: true };
  }
  if (error instanceof Error) {
    const described = describeClientError(error as ErrorLike);
    const own = (error as ErrorLike).detail;
    // A plain Error that carries its own detail keeps it for the details.
    if (described.detail === undefined && own != null && own !== '') described.detail = own;
    return described;
  }
  if (isRecord(error)) {
    const data = error as Partial<PredictionErrorData>;
    const source = typeof data.source === 'string' ? data.source : 'internal';
    return {
      source,
      title: source === 'external' ? 'The request failed' : 'The prediction failed',
      message: typeof data.message === 'string' && data.message ? data.message : 'Something went wrong.',
      detail: data.detail,
      retryable: true,
    };
  }
  return { source: 'internal', title: 'Something went wrong', message: String(error), retryable: true };
}
