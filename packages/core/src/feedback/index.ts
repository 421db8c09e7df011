/**
 * `@predictkit/core/feedback`: a person's feedback on a prediction, sent from the browser to the
 * app's proxy, which records it as a score (in Weave, through `createWeaveLogger`).
 */
export { type Feedback, type FeedbackRecorded, sendFeedback } from './sendFeedback';
