/**
 * Weave's v2 wire types, snake_case as the service sends them. A Weave prediction is a record of a
 * model call that already happened (a trace), not a job: it has no status, cancel or webhook.
 */

export interface WeavePrediction {
  prediction_id: string;
  /** A `weave:///…/object/{name}:{digest}` reference to the model. */
  model: string;
  inputs: Record<string, unknown>;
  output: unknown;
  evaluation_run_id?: string | null;
  wb_user_id?: string | null;
}

export interface WeavePredictionFields {
  /** A `weave:///…` model reference (see `createWeaveModel`). */
  model: string;
  inputs: Record<string, unknown>;
  output: unknown;
  /** Makes it one of that run's predictions. */
  evaluation_run_id?: string | null;
}

export interface EvaluationRun {
  evaluation_run_id: string;
  /** `weave:///…` references. */
  evaluation: string;
  model: string;
  status?: string | null;
  started_at?: string | null;
  finished_at?: string | null;
  summary?: Record<string, unknown> | null;
}

export interface EvaluationRunFields {
  /** `weave:///…` references: an evaluation (see `createEvaluation`) and a model. */
  evaluation: string;
  model: string;
}

export interface WeaveScore {
  score_id: string;
  /** A `weave:///…` scorer reference. */
  scorer: string;
  value: number;
  evaluation_run_id?: string | null;
  wb_user_id?: string | null;
}

export interface WeaveScoreFields {
  prediction_id: string;
  /** A `weave:///…/object/…` scorer reference (see `createScorer`); an op reference is refused by the service. */
  scorer: string;
  /** A number: Weave's v2 scores are floats (a boolean is 1 or 0). */
  value: number;
  evaluation_run_id?: string | null;
}

/** What a create of a versioned object answers, and `ref`, its `weave:///…` reference. */
export interface WeaveObjectVersion {
  object_id: string;
  digest: string;
  version_index: number;
  ref: string;
}

export interface WeaveModelFields {
  /** Versions of one name are versions of one model. */
  name: string;
  /** The model's code; Weave requires it (a description of it does). */
  source_code: string;
  description?: string | null;
  attributes?: Record<string, unknown> | null;
}

export interface WeaveModel {
  object_id: string;
  digest: string;
  version_index: number;
  created_at: string;
  name: string;
  description?: string | null;
  source_code: string;
  attributes?: Record<string, unknown> | null;
}

export interface WeaveScorerFields {
  name: string;
  /** The scorer's code (Weave's `op_source_code`). */
  op_source_code: string;
  description?: string | null;
}

export interface WeaveDatasetFields {
  name?: string | null;
  rows: Record<string, unknown>[];
  description?: string | null;
}

export interface WeaveEvaluationFields {
  name: string;
  /** A `weave:///…` dataset reference. */
  dataset: string;
  /** `weave:///…` scorer references. */
  scorers?: string[] | null;
  description?: string | null;
  trials?: number;
  evaluation_name?: string | null;
  eval_attributes?: Record<string, unknown> | null;
}

/**
 * An evaluation's summary as Weave makes it: per scorer, `{ mean }` of numbers, or
 * `{ true_count, true_fraction }` of booleans; a scorer whose values mix the two is left out.
 */
export type WeaveSummary = Record<string, { mean: number } | { true_count: number; true_fraction: number }>;
