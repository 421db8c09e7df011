import { backoffDelay, sleep } from '../backoff';
import { checkOptions, type Rules } from '../checkOptions';
import type { CallOptions } from '../createClient';
import { ConnectionError, PredictKitError, show, UnexpectedResponseError } from '../errors';
import { withQuery } from '../provider';
import type { WeaveClient } from './createWeaveClient';

export interface ListOptions extends CallOptions {
  /** Items to skip. Default 0. */
  offset?: number;
  /** At most this many items in all. Default: every item. */
  limit?: number;
  /** Items asked for per request (`limit` of each page). Default 100. */
  pageSize?: number;
}

const WHOLE: Rules[string] = [(v) => Number.isInteger(v) && (v as number) >= 0, 'a whole number ≥ 0'];

export const LIST_RULES: Rules = {
  signal: [(v) => typeof v === 'object' && v !== null && 'aborted' in v, 'an AbortSignal'],
  offset: WHOLE,
  limit: WHOLE,
  pageSize: [(v) => Number.isInteger(v) && (v as number) > 0, 'a whole number ≥ 1'],
};

/** Each JSON value of a JSONL body as it arrives: never more than one line is held. */
async function* readLines(res: Response, at: string): AsyncGenerator<unknown, void, undefined> {
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  const parse = (line: string) => {
    try {
      return JSON.parse(line);
    } catch {
      throw new UnexpectedResponseError(`${at}: a line is not JSON: ${show(line.slice(0, 50))}.`, {
        path: '',
      });
    }
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const lines = (rest + value).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) yield parse(line);
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  if (rest.trim()) yield parse(rest);
}

/**
 * Every item of a v2 list (a JSONL stream), page by page with `offset`/`limit`, each line read as it
 * arrives. A body that breaks off is asked for again from the first item not yet read (a read is
 * safe to repeat), twice in a row at most without a new item.
 */
export async function* listJsonLines<T>(
  client: WeaveClient,
  at: string,
  path: string,
  query: Record<string, unknown>,
  o: ListOptions,
  map: (raw: unknown, at: string, path: string) => T,
): AsyncGenerator<T, void, undefined> {
  checkOptions(at, o, LIST_RULES);
  const { signal, pageSize = 100, limit = Number.POSITIVE_INFINITY } = o;
  let offset = o.offset ?? 0;
  let read = 0;
  let failures = 0;
  while (read < limit) {
    const asked = Math.min(pageSize, limit - read);
    const res = (await client.request('GET', withQuery(path, { ...query, limit: asked, offset }), {
      label: at,
      signal,
      raw: true,
      headers: { accept: 'application/jsonl' },
    })) as Response;
    let got = 0;
    try {
      for await (const raw of readLines(res, at)) {
        signal?.throwIfAborted();
        yield map(raw, at, `[${offset}].`);
        got++;
        offset++;
        read++;
        failures = 0;
        if (got === asked) break;
      }
    } catch (cause) {
      if (signal?.aborted || cause instanceof PredictKitError) throw cause;
      if (++failures > 2) {
        throw new ConnectionError(
          `${at}: the list broke off at item ${offset} (${(cause as Error)?.message}).`,
          {
            cause,
          },
        );
      }
      await sleep(backoffDelay(failures - 1), signal);
      continue;
    }
    if (got < asked) return;
  }
}
