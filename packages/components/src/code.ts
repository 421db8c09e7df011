// `PredictionCode` has an entry of its own: writing programs in three languages is more than an app that
// only shows predictions should carry. The playground's Code tab loads it when opened.

export { type CodeSample, codeSamples, type PredictionCodeOptions } from './PredictionCode/codeSamples';
export { PredictionCode, type PredictionCodeProps } from './PredictionCode/PredictionCode';
