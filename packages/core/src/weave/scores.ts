import type { CallOptions } from '../createClient';
import { invalid } from '../errors';
import { expectShape } from '../expectShape';
import { call, checkFields, ID, ID_OR_NULL, REF } from './call';
import { checkClient, projectPath, segment, type WeaveClient } from './createWeaveClient';
import { type ListOptions, listJsonLines } from './listJsonLines';
import type { WeaveScore, WeaveScoreFields } from './types';

const FIELDS = {
  prediction_id: ID,
  scorer: REF,
  value: [Number.isFinite, 'a finite number (a boolean as 1 or 0)'] as [(v: unknown) => boolean, string],
  evaluation_run_id: ID_OR_NULL,
};

const mapScore = (raw: unknown, at: string, path?: string): WeaveScore =>
  expectShape(raw, at, { score_id: 's', scorer: 's', value: 'n' }, path);

/**
 * Scores a prediction: a `value` from a `scorer`. Never sent twice after a `5xx` or a lost answer
 * (a score's read leaves out its prediction, so there is no finding out whether it was recorded).
 */
export async function createScore(
  client: WeaveClient,
  fields: WeaveScoreFields,
  options?: CallOptions,
): Promise<{ score_id: string }> {
  const at = 'createScore';
  checkFields(at, fields, FIELDS, ['prediction_id', 'scorer', 'value']);
  const raw = await call(client, at, 'POST', '/scores', options, fields);
  return expectShape(raw, at, { score_id: 's' });
}

export async function getScore(client: WeaveClient, id: string, options?: CallOptions): Promise<WeaveScore> {
  const at = 'getScore';
  const raw = await call(client, at, 'GET', `/scores/${segment(at, 'id', id)}`, options);
  return mapScore(raw, at);
}

/** Each score of the project (or of one evaluation run), read from the JSONL answer as it arrives. */
export function listScores(
  client: WeaveClient,
  options: ListOptions & { evaluationRunId?: string } = {},
): AsyncGenerator<WeaveScore, void, undefined> {
  const at = 'listScores';
  checkClient(at, client);
  const { evaluationRunId } = options ?? {};
  if (evaluationRunId !== undefined && !ID[0](evaluationRunId)) {
    throw invalid(at, 'evaluationRunId', ID[1], evaluationRunId);
  }
  return listJsonLines(
    client,
    at,
    projectPath(client, '/scores'),
    { evaluation_run_id: evaluationRunId },
    options,
    mapScore,
  );
}
