import type { CallOptions } from '../createClient';
import { invalid } from '../errors';
import { expectShape } from '../expectShape';
import { withQuery } from '../provider';
import { call, checkFields, ID, ID_OR_NULL, RECORD, REF } from './call';
import { checkClient, projectPath, segment, type WeaveClient } from './createWeaveClient';
import { type ListOptions, listJsonLines } from './listJsonLines';
import type { WeavePrediction, WeavePredictionFields } from './types';

const FIELDS = {
  model: REF,
  inputs: RECORD,
  output: [() => true, 'any JSON value'] as [() => boolean, string],
  evaluation_run_id: ID_OR_NULL,
};

const PREDICTION = { prediction_id: 's', model: 's', inputs: 'o' };

export const mapWeavePrediction = (raw: unknown, at: string, path?: string): WeavePrediction =>
  expectShape(raw, at, PREDICTION, path);

/**
 * Records a model call that already happened: its model reference, inputs and output. Never sent
 * twice after a `5xx` or a lost answer (it may have been recorded; `createWeaveLogger` finds out).
 */
export async function createWeavePrediction(
  client: WeaveClient,
  fields: WeavePredictionFields,
  options?: CallOptions,
): Promise<{ prediction_id: string }> {
  const at = 'createWeavePrediction';
  checkFields(at, fields, FIELDS, ['model', 'inputs']);
  // `undefined` would leave `output` out, which the service refuses as missing.
  if (fields.output === undefined) throw invalid(at, 'output', 'any JSON value (null for none)', undefined);
  const raw = await call(client, at, 'POST', '/predictions', options, fields);
  return expectShape(raw, at, { prediction_id: 's' });
}

export async function getWeavePrediction(
  client: WeaveClient,
  id: string,
  options?: CallOptions,
): Promise<WeavePrediction> {
  const at = 'getWeavePrediction';
  const raw = await call(client, at, 'GET', `/predictions/${segment(at, 'id', id)}`, options);
  return mapWeavePrediction(raw, at);
}

export interface WeavePredictionListOptions extends ListOptions {
  /** Only that run's predictions. */
  evaluationRunId?: string;
}

/** Each prediction of the project (or of one evaluation run), read from the JSONL answer as it arrives. */
export function listWeavePredictions(
  client: WeaveClient,
  options: WeavePredictionListOptions = {},
): AsyncGenerator<WeavePrediction, void, undefined> {
  const at = 'listWeavePredictions';
  checkClient(at, client);
  const { evaluationRunId } = options ?? {};
  if (evaluationRunId !== undefined && !ID[0](evaluationRunId)) {
    throw invalid(at, 'evaluationRunId', ID[1], evaluationRunId);
  }
  return listJsonLines(
    client,
    at,
    projectPath(client, '/predictions'),
    { evaluation_run_id: evaluationRunId },
    options,
    mapWeavePrediction,
  );
}

/** Deletes the predictions named; answers how many were. Not sent twice after a lost answer. */
export async function deleteWeavePredictions(
  client: WeaveClient,
  ids: string[],
  options?: CallOptions,
): Promise<{ num_deleted: number }> {
  const at = 'deleteWeavePredictions';
  if (!Array.isArray(ids) || !ids.length || !ids.every(ID[0])) {
    throw invalid(at, 'ids', 'a non-empty array of ids', ids);
  }
  const raw = await call(client, at, 'DELETE', withQuery('/predictions', { prediction_ids: ids }), options);
  return expectShape(raw, at, { num_deleted: 'n' });
}

/**
 * Ends the prediction's bookkeeping (in a run, it gathers its scores). Repeating it ends it again
 * with the same result, so it is retried like a read.
 */
export async function finishWeavePrediction(
  client: WeaveClient,
  id: string,
  options?: CallOptions,
): Promise<{ success: boolean }> {
  const at = 'finishWeavePrediction';
  const path = `/predictions/${segment(at, 'id', id)}/finish`;
  const raw = await call(client, at, 'POST', path, options, undefined, true);
  return expectShape(raw ?? { success: true }, at, {});
}
