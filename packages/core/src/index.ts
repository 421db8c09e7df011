export {
  getModel,
  getModelVersion,
  getUser,
  listHardware,
  listModelCategories,
  listModels,
  listModelsByOwner,
  listModelVersions,
  searchModels,
} from './catalog';
export {
  type CallOptions,
  type Client,
  type ClientOptions,
  createClient,
  type FetchLike,
  type RequestOptions,
} from './createClient';
export {
  createPredictionWatcher,
  defaultPollInterval,
  initialWatchState,
  isTerminal,
  type PollInterval,
  type PredictionWatcher,
  pollDelay,
  reduceWatchState,
  type StreamReader,
  type WatchEvent,
  type WatchOptions,
  type WatchState,
  type WatchTransport,
} from './createPredictionWatcher';
export type { SseEvent } from './createSseParser';
export {
  defineModel,
  type ModelDefinition,
  type ModelInput,
  type ModelSchema,
  type SchemaInput,
  type SchemaOutput,
} from './defineModel';
export {
  ApiError,
  ConnectionError,
  PredictKitError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
  ValidationError,
  type ValidationIssue,
} from './errors';
export { getPrediction } from './getPrediction';
export { paginate } from './paginate';
export { parseDuration } from './parseDuration';
export { formatModelRef, parseModelRef, predictionModelRef, versionOf } from './parseModelRef';
export {
  type CreatePredictionOptions,
  cancelPrediction,
  createPrediction,
  type DeploymentArg,
  listPredictions,
  type ModelArg,
  type RunOptions,
  runPrediction,
  type StreamOptions,
  streamPrediction,
  type TypedPrediction,
  type WaitOptions,
  waitForPrediction,
  watchPrediction,
} from './predictions';
export type {
  CreateRequestOptions,
  Mapper,
  ModelListParams,
  PageParams,
  Provider,
  ProviderRoutes,
  Route,
  UserListParams,
} from './provider';
export type * from './types';
export { wriftai } from './wriftai';
