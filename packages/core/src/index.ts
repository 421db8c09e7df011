export { retryDelay } from './backoff';
export {
  type CallOptions,
  type Client,
  type ClientOptions,
  createClient,
  type FetchLike,
  type RequestOptions,
} from './createClient';
export type {
  ModelDefinition,
  ModelInput,
  ModelSchema,
  SchemaInput,
  SchemaOutput,
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
export {
  type PollInterval,
  pollDelay,
  type StreamOptions,
  type StreamReader,
  type StreamWatch,
  type WatchEvent,
  type WatchOptions,
  type WatchTransport,
} from './followPrediction';
export { getPrediction } from './getPrediction';
export { isTerminal } from './isTerminal';
export { isTransient } from './isTransient';
export { mayHaveHappened } from './mayHaveHappened';
export { paginate } from './paginate';
export { formatModelRef, parseModelRef, predictionModelRef, versionOf } from './parseModelRef';
export { pollSchedule as defaultPollInterval } from './pollSchedule';
export {
  type CreatePredictionOptions,
  cancelPrediction,
  createPrediction,
  type DeploymentArg,
  listPredictions,
  type ModelArg,
  type RunOptions,
  runPrediction,
  type TypedPrediction,
  type WaitOptions,
  waitForPrediction,
} from './predictions';
export type {
  CatalogRoutes,
  CreateRequestOptions,
  Mapper,
  ModelListParams,
  PageParams,
  Provider,
  ProviderCatalog,
  ProviderRoutes,
  Route,
  UserListParams,
} from './provider';
export type * from './types';
export { wriftai } from './wriftai';
