import type { CallOptions } from '../createClient';
import { expectShape } from '../expectShape';
import { call, checkFields, RECORD_OR_NULL, REF } from './call';
import { checkClient, projectPath, segment, type WeaveClient } from './createWeaveClient';
import { type ListOptions, listJsonLines } from './listJsonLines';
import type { EvaluationRun, EvaluationRunFields } from './types';

const RUN = { evaluation_run_id: 's', evaluation: 's', model: 's', summary: '?o' };

const mapRun = (raw: unknown, at: string, path?: string): EvaluationRun => expectShape(raw, at, RUN, path);

/** Starts a run of an evaluation on a model. Never sent twice after a `5xx` or a lost answer. */
export async function createEvaluationRun(
  client: WeaveClient,
  fields: EvaluationRunFields,
  options?: CallOptions,
): Promise<{ evaluation_run_id: string }> {
  const at = 'createEvaluationRun';
  checkFields(at, fields, { evaluation: REF, model: REF }, ['evaluation', 'model']);
  const raw = await call(client, at, 'POST', '/evaluation_runs', options, fields);
  return expectShape(raw, at, { evaluation_run_id: 's' });
}

export async function getEvaluationRun(
  client: WeaveClient,
  id: string,
  options?: CallOptions,
): Promise<EvaluationRun> {
  const at = 'getEvaluationRun';
  const raw = await call(client, at, 'GET', `/evaluation_runs/${segment(at, 'id', id)}`, options);
  return mapRun(raw, at);
}

/** Each evaluation run of the project, read from the JSONL answer as it arrives. */
export function listEvaluationRuns(
  client: WeaveClient,
  options: ListOptions = {},
): AsyncGenerator<EvaluationRun, void, undefined> {
  const at = 'listEvaluationRuns';
  checkClient(at, client);
  return listJsonLines(client, at, projectPath(client, '/evaluation_runs'), {}, options, mapRun);
}

/**
 * Ends the run with its `summary` (see `summarizeScores`). Repeating it ends the run again with the
 * same summary, so it is retried like a read.
 */
export async function finishEvaluationRun(
  client: WeaveClient,
  id: string,
  fields: { summary?: Record<string, unknown> | null } = {},
  options?: CallOptions,
): Promise<{ success: boolean }> {
  const at = 'finishEvaluationRun';
  checkFields(at, fields, { summary: RECORD_OR_NULL }, []);
  const path = `/evaluation_runs/${segment(at, 'id', id)}/finish`;
  const raw = await call(client, at, 'POST', path, options, fields, true);
  return expectShape(raw ?? { success: true }, at, {});
}
