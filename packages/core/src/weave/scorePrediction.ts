import type { CallOptions } from '../createClient';
import { invalid } from '../errors';
import { isText } from '../isObject';
import { checkClient, type WeaveClient } from './createWeaveClient';
import { createScorer } from './objects';
import { createScore } from './scores';
import { isWeaveRef } from './weaveRef';

export interface ScorePredictionOptions extends CallOptions {
  /** The Weave prediction's id (`createWeaveLogger`'s `weaveId(predictionId)`). */
  predictionId: string;
  /** A scorer's `weave:///…` reference, or a name for one made (once per client) for it, e.g. `"thumbs"`. */
  scorer: string;
  /** A number; a thumbs up or down as `true`/`false`, sent as 1 or 0. */
  value: number | boolean;
  evaluationRunId?: string;
}

const scorers = new WeakMap<WeaveClient, Map<string, Promise<string>>>();

/** The reference of the scorer named `name`: made once per client, again after a failure. */
function scorerRef(client: WeaveClient, name: string, signal?: AbortSignal): Promise<string> {
  const known = scorers.get(client) ?? new Map<string, Promise<string>>();
  scorers.set(client, known);
  let ref = known.get(name);
  if (!ref) {
    ref = createScorer(
      client,
      {
        name: name.replace(/[^\w.-]/g, '-'),
        description: name,
        // A person's judgement, not code: this says where it came from.
        op_source_code: `# ${name}: feedback recorded through PredictKit.\n`,
      },
      { signal },
    ).then(
      (v) => v.ref,
      (error) => {
        known.delete(name);
        throw error;
      },
    );
    known.set(name, ref);
  }
  return ref;
}

/**
 * Records feedback on a Weave prediction as a score: a number, or thumbs up/down as 1/0. Server-side
 * (it needs the API key). Never sent twice after a `5xx` or a lost answer.
 */
export async function scorePrediction(
  client: WeaveClient,
  options: ScorePredictionOptions,
): Promise<{ score_id: string }> {
  const at = 'scorePrediction';
  checkClient(at, client);
  const { predictionId, scorer, value, evaluationRunId, signal } = options ?? ({} as ScorePredictionOptions);
  if (!isText(predictionId)) throw invalid(at, 'predictionId', 'a Weave prediction id', predictionId);
  if (!isText(scorer)) throw invalid(at, 'scorer', 'a weave:/// reference or a name', scorer);
  if (typeof value !== 'boolean' && !Number.isFinite(value)) {
    throw invalid(at, 'value', 'a finite number or a boolean (thumbs up/down)', value);
  }
  if (evaluationRunId !== undefined && !isText(evaluationRunId)) {
    throw invalid(at, 'evaluationRunId', 'a non-empty id', evaluationRunId);
  }
  const ref = isWeaveRef(scorer) ? scorer : await scorerRef(client, scorer, signal);
  return createScore(
    client,
    {
      prediction_id: predictionId,
      scorer: ref,
      value: typeof value === 'boolean' ? Number(value) : value,
      ...(evaluationRunId && { evaluation_run_id: evaluationRunId }),
    },
    { signal },
  );
}
