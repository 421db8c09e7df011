/**
 * `@predictkit/core/watcher`: one prediction's watch kept as a state for a UI to render
 * (`getState`, `subscribe`), what `@predictkit/react`'s hooks share. Its own entry, so that an app
 * that only waits (`waitForPrediction`, `runPrediction`, `watchPrediction`) carries no state machine.
 */
export {
  createPredictionWatcher,
  initialWatchState,
  type PredictionWatcher,
  reduceWatchState,
  type WatchState,
} from './createPredictionWatcher';
