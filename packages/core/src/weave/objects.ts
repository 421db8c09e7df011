import { TEXT } from '../checkOptions';
import type { CallOptions } from '../createClient';
import { invalid } from '../errors';
import { expectShape } from '../expectShape';
import { call, checkFields, RECORD, RECORD_OR_NULL, REF, TEXT_OR_NULL } from './call';
import { segment, type WeaveClient } from './createWeaveClient';
import type {
  WeaveDatasetFields,
  WeaveEvaluationFields,
  WeaveModel,
  WeaveModelFields,
  WeaveObjectVersion,
  WeaveScorerFields,
} from './types';
import { formatWeaveRef, parseWeaveRef } from './weaveRef';

const VERSION = { object_id: 's', digest: 's', version_index: 'n' };

/**
 * Creates a version of an object and answers it with its reference: the one the service sent in
 * `refField`, else the one its id and digest make. Weave names a version by the digest of its
 * content, so sending the same content again answers the same version: these creates are retried
 * like reads.
 */
async function createObject(
  client: WeaveClient,
  at: string,
  path: string,
  fields: object,
  refField: string,
  options?: CallOptions,
): Promise<WeaveObjectVersion> {
  const raw = await call(client, at, 'POST', path, options, fields, true);
  const v = expectShape<WeaveObjectVersion & Record<string, unknown>>(raw, at, {
    ...VERSION,
    [refField]: '?s',
  });
  const { entity, project } = client;
  const ref =
    (v[refField] as string | undefined) ??
    formatWeaveRef({ entity, project, name: v.object_id, digest: v.digest });
  return { object_id: v.object_id, digest: v.digest, version_index: v.version_index, ref };
}

const MODEL_FIELDS = { name: TEXT, source_code: TEXT, description: TEXT_OR_NULL, attributes: RECORD_OR_NULL };

/** A version of a model: its `ref` is what predictions and evaluation runs name it by. */
export function createWeaveModel(
  client: WeaveClient,
  fields: WeaveModelFields,
  options?: CallOptions,
): Promise<WeaveObjectVersion> {
  const at = 'createWeaveModel';
  checkFields(at, fields, MODEL_FIELDS, ['name', 'source_code']);
  return createObject(client, at, '/models', fields, 'model_ref', options);
}

/** A version of a model, by its reference or its id and digest; a reference to another project is refused. */
export async function getWeaveModel(
  client: WeaveClient,
  model: string | { object_id: string; digest: string },
  options?: CallOptions,
): Promise<WeaveModel> {
  const at = 'getWeaveModel';
  let id: string;
  let digest: string;
  if (typeof model === 'string') {
    if (!REF[0](model)) throw invalid(at, 'model', REF[1], model);
    const ref = parseWeaveRef(model);
    if (ref.entity !== client?.entity || ref.project !== client?.project) {
      throw invalid(at, 'model', `a reference in ${client?.entity}/${client?.project}`, model);
    }
    ({ name: id, digest } = ref);
  } else {
    if (!RECORD[0](model)) throw invalid(at, 'model', `${REF[1]} or { object_id, digest }`, model);
    ({ object_id: id, digest } = model);
  }
  const path = `/models/${segment(at, 'object_id', id)}/versions/${segment(at, 'digest', digest)}`;
  const raw = await call(client, at, 'GET', path, options);
  return expectShape(raw, at, { ...VERSION, name: 's' });
}

/** A version of a scorer: the `scorer` of its scores. */
export function createScorer(
  client: WeaveClient,
  fields: WeaveScorerFields,
  options?: CallOptions,
): Promise<WeaveObjectVersion> {
  const at = 'createScorer';
  checkFields(at, fields, { name: TEXT, op_source_code: TEXT, description: TEXT_OR_NULL }, [
    'name',
    'op_source_code',
  ]);
  return createObject(client, at, '/scorers', fields, 'scorer', options);
}

const ROWS: [(v: unknown) => boolean, string] = [
  (v) => Array.isArray(v) && v.every(RECORD[0]),
  'an array of objects',
];

/** A version of a dataset: its rows. */
export function createDataset(
  client: WeaveClient,
  fields: WeaveDatasetFields,
  options?: CallOptions,
): Promise<WeaveObjectVersion> {
  const at = 'createDataset';
  checkFields(at, fields, { name: TEXT_OR_NULL, rows: ROWS, description: TEXT_OR_NULL }, ['rows']);
  return createObject(client, at, '/datasets', fields, 'dataset_ref', options);
}

const EVALUATION_FIELDS = {
  name: TEXT,
  dataset: REF,
  scorers: [
    (v: unknown) => v === null || (Array.isArray(v) && v.every(REF[0])),
    'an array of weave:/// references or null',
  ] as [(v: unknown) => boolean, string],
  description: TEXT_OR_NULL,
  trials: [(v: unknown) => Number.isInteger(v) && (v as number) > 0, 'a whole number ≥ 1'] as [
    (v: unknown) => boolean,
    string,
  ],
  evaluation_name: TEXT_OR_NULL,
  eval_attributes: RECORD_OR_NULL,
};

/** A version of an evaluation: a dataset and the scorers its runs apply. */
export function createEvaluation(
  client: WeaveClient,
  fields: WeaveEvaluationFields,
  options?: CallOptions,
): Promise<WeaveObjectVersion> {
  const at = 'createEvaluation';
  checkFields(at, fields, EVALUATION_FIELDS, ['name', 'dataset']);
  return createObject(client, at, '/evaluations', fields, 'evaluation_ref', options);
}
