/**
 * `@predictkit/core/weave`: W&B Weave's v2 service API, server-side. A typed client (predictions,
 * evaluation runs, scores, and the objects they name), a sink that records finished predictions of
 * any provider (`createWeaveLogger`), feedback scores, and evaluations run with PredictKit's client.
 */
export {
  createWeaveClient,
  type WeaveClient,
  type WeaveClientOptions,
} from './createWeaveClient';
export {
  createWeaveLogger,
  type LogFailure,
  type LogResult,
  PREDICTION_MARK,
  QueueFullError,
  type WeaveLogger,
  type WeaveLoggerOptions,
} from './createWeaveLogger';
export {
  createEvaluationRun,
  finishEvaluationRun,
  getEvaluationRun,
  listEvaluationRuns,
} from './evaluationRuns';
export type { ListOptions } from './listJsonLines';
export { createDataset, createEvaluation, createScorer, createWeaveModel, getWeaveModel } from './objects';
export {
  createWeavePrediction,
  deleteWeavePredictions,
  finishWeavePrediction,
  getWeavePrediction,
  listWeavePredictions,
  type WeavePredictionListOptions,
} from './predictions';
export {
  type EvaluationProgress,
  type EvaluationResult,
  type EvaluationRow,
  ROW_MARK,
  type RunEvaluationOptions,
  runEvaluation,
  type Scorer,
} from './runEvaluation';
export { type ScorePredictionOptions, scorePrediction } from './scorePrediction';
export { createScore, getScore, listScores } from './scores';
export { type ScoreValue, summarizeScores } from './summarizeScores';
export type * from './types';
export { formatWeaveRef, parseWeaveRef, type WeaveRef } from './weaveRef';
