import type { Prediction } from '@predictkit/core';
import { lazy, Suspense } from 'react';
import { LoadingState } from './states';

// Loaded when first shown: the code in three languages is more than the rest of a page needs to carry.
const PredictionCode = lazy(() =>
  import('@predictkit/components/code').then((code) => ({ default: code.PredictionCode })),
);

/** The code that makes this prediction (cURL, TypeScript with PredictKit, the service's own client). */
export function CodeTab({ prediction }: { prediction: Prediction | null }) {
  return (
    <Suspense fallback={<LoadingState label="Loading the code…" />}>
      <PredictionCode prediction={prediction} />
    </Suspense>
  );
}
