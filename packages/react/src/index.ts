export { type DisplayStatus, type DisplayStatusInput, displayStatus } from './displayStatus';
export { modelKeys } from './modelKeys';
export { type ModelsParams, modelListQueryOptions, modelQueryOptions } from './modelQueryOptions';
export { PredictKitProvider, type PredictKitProviderProps, usePredictKitClient } from './PredictKitProvider';
export type { PredictKitInfiniteQueryOptions, PredictKitQueryOptions } from './PredictKitQueryOptions';
export { predictionKeys } from './predictionKeys';
export { predictionListQueryOptions, predictionQueryOptions } from './predictionQueryOptions';
export { useCancelPrediction } from './useCancelPrediction';
export {
  type CreateOptions,
  type CreateStatus,
  type ModelOutput,
  type UseCreatePredictionOptions,
  type UseCreatePredictionResult,
  useCreatePrediction,
} from './useCreatePrediction';
export { type UseModelResult, useModel } from './useModel';
export { type UseModelsResult, useModels } from './useModels';
export { type UsePredictionOptions, type UsePredictionResult, usePrediction } from './usePrediction';
export {
  type UsePredictionListOptions,
  type UsePredictionListResult,
  usePredictionList,
} from './usePredictionList';
