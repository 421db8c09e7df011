import { type ModelRef, type Prediction, type Provider, predictionModelRef } from '@predictkit/core';
import { usePredictKitClient } from '@predictkit/react';
import { type HTMLAttributes, useMemo } from 'react';
import { CopyButton } from '../internal/CopyButton';
import { cx } from '../internal/cx';
import { DATA_REMOVED } from '../internal/dataRemoved';
import { Tabs } from '../internal/Tabs';
import { codeSamples } from './codeSamples';

export interface PredictionCodeProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The prediction to show the code of: its model, on the version it ran, and its input. */
  prediction?:
    | (Pick<Prediction, 'model' | 'input'> & Partial<Pick<Prediction, 'data_removed'>>)
    | null
    | undefined;
  /** Without a prediction: `owner/name[:version]`, and the input. */
  model?: string | ModelRef | undefined;
  input?: Record<string, unknown> | undefined;
  /** The service; default the provider of the client of the nearest `PredictKitProvider`. */
  provider?: Provider | undefined;
  /** Where the service is, in the code; default the provider's own address. */
  baseUrl?: string | undefined;
}

function CodeTabs({
  provider,
  prediction,
  model,
  input,
  baseUrl,
  className,
  ...rest
}: PredictionCodeProps & { provider: Provider }) {
  // A prediction whose input the service removed has no code that makes it again.
  const removed = prediction?.data_removed;
  const ref = removed ? undefined : prediction ? predictionModelRef(prediction) : model;
  const values = prediction ? prediction.input : input;
  const samples = useMemo(
    () =>
      ref
        ? codeSamples({ provider, model: ref, input: (values ?? {}) as Record<string, unknown>, baseUrl })
        : [],
    [provider, ref, values, baseUrl],
  );
  return (
    <div data-slot="prediction-code" className={cx('pk', className)} {...rest}>
      {samples.length ? (
        <Tabs
          label="Code"
          slot="code-tabs"
          tabs={samples.map((sample) => ({
            id: sample.id,
            label: sample.label,
            content: (
              <>
                <CopyButton text={sample.code} />
                {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a long line scrolls, and the keyboard must reach it. */}
                <pre tabIndex={0}>
                  <code>{sample.code}</code>
                </pre>
              </>
            ),
          }))}
        />
      ) : (
        <p data-slot="code-empty">
          {removed ? DATA_REMOVED : 'Run the model to see the code that makes its prediction.'}
        </p>
      )}
    </div>
  );
}

function ClientCodeTabs(props: PredictionCodeProps) {
  return <CodeTabs {...props} provider={usePredictKitClient().provider} />;
}

/**
 * The code that makes the shown prediction, with its inputs: cURL, TypeScript with PredictKit, and the
 * service's official client (Python's `wriftai`, the `replicate` package), as tabs with copy buttons.
 * No token is in it: each reads the token from the service's environment variable.
 */
export function PredictionCode(props: PredictionCodeProps) {
  const { provider } = props;
  return provider ? <CodeTabs {...props} provider={provider} /> : <ClientCodeTabs {...props} />;
}
