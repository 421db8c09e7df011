import type { ModelRef, Prediction } from '@predictkit/core';
import { useCreatePrediction, useModel } from '@predictkit/react';
import { cx } from '../internal/cx';
import { ModelRunForm, ModelStatus, pinnedRef, type RunFormProps, runStatusKind } from './ModelRunForm';

export interface PredictionInputFormProps extends RunFormProps {
  /** `owner/name` (the latest version) or `owner/name:N`. */
  model: string | ModelRef;
  /** Called with each prediction as it is created (still running), e.g. to show it elsewhere. */
  onCreated?: ((prediction: Prediction) => void) | undefined;
}

/**
 * A model's input form that runs it: loads the version's input schema, creates a prediction on Run (the
 * server checks the input too, and its `422` lands on the fields), and offers Cancel while it runs.
 */
export function PredictionInputForm({ model: ref, className, ...rest }: PredictionInputFormProps) {
  const model = useModel(ref);
  const run = useCreatePrediction(pinnedRef(model, ref), { validateInput: true });
  return (
    <div data-slot="prediction-input-form" data-status={runStatusKind(run)} className={cx('pk', className)}>
      <ModelStatus model={model} modelRef={ref} />
      {model.model && <ModelRunForm {...rest} model={model} run={run} />}
    </div>
  );
}
