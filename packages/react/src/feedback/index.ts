/**
 * `@predictkit/react/feedback`: a person's feedback on a prediction, recorded as a score through the
 * app's proxy (`@predictkit/core/feedback`). An entry of its own, so that apps without feedback
 * carry none of it.
 */
export { feedbackKey } from './feedbackKey';
export { type RecordedFeedback, useRecordedFeedback } from './useRecordedFeedback';
export { useScorePrediction } from './useScorePrediction';
