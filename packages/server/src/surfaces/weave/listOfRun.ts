import type { Context } from 'hono';
import type { Store, WeaveRecord } from '../../store/Store';
import { jsonLinesResponse } from './jsonLinesResponse';
import { readLimitOffset } from './listQuery';
import { projectOf } from './projectOf';

/**
 * The JSONL list of one kind of record in the path's project, of one evaluation run when the query
 * names one (`evaluation_run_id`): predictions and scores are listed alike.
 */
export function listOfRun(
  c: Context,
  store: Store,
  kind: string,
  show: (record: WeaveRecord) => unknown,
): Response {
  const project = projectOf(c);
  const runId = c.req.query('evaluation_run_id');
  return jsonLinesResponse(
    {
      batch: (after, limit) =>
        store.listWeave({ kind, project, after, limit, ...(runId !== undefined && { group: runId }) }),
      show,
    },
    readLimitOffset(c),
  );
}
