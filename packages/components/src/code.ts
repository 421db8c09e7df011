// `PredictionCode` has an entry of its own: writing programs in three languages is more than an app that
// only shows predictions should carry. The playground's Code tab loads it when opened.
export { PredictionCode, type PredictionCodeProps } from './PredictionCode/PredictionCode';
export { type CodeSample, type PredictionCodeOptions, predictionCode } from './PredictionCode/predictionCode';
