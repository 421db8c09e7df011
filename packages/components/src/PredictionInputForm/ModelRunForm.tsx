import {
  ApiError,
  formatModelRef,
  type ModelRef,
  type Prediction,
  ValidationError,
  versionOf,
} from '@predictkit/core';
import type { CreateStatus, UseCreatePredictionResult, UseModelResult } from '@predictkit/react';
import { useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { CancelButton } from '../internal/CancelButton';
import { statusKind } from '../internal/status';
import { PredictionError } from '../PredictionError/PredictionError';
import type { FormValue } from '../SchemaForm/formValue';
import { SchemaForm, type SchemaFormProps } from '../SchemaForm/SchemaForm';
import type { FieldIssue } from '../SchemaForm/validateInput';

/** The SchemaForm props a model's form passes through; the rest it sets itself. */
export type RunFormProps = Omit<SchemaFormProps, 'schema' | 'onSubmit' | 'submitting' | 'issues'>;

export interface ModelRunFormProps extends RunFormProps {
  model: UseModelResult;
  run: UseCreatePredictionResult;
  /** Called as a run starts, before the create request is sent. */
  onRun?: (() => void) | undefined;
  onCreated?: ((prediction: Prediction) => void) | undefined;
}

/**
 * The version the form shows, once loaded: a run goes to the version whose schema the user filled in,
 * even if a newer one is published meanwhile.
 */
export const pinnedRef = (model: UseModelResult, ref: string | ModelRef): string | ModelRef =>
  model.model && model.version
    ? { owner: model.model.owner.username, name: model.model.name, version: versionOf(model.version) }
    : ref;

/**
 * A hook's display status where the components show one: nothing while idle, nor after a failed create,
 * as its error shows on the form (on the fields for a `422`).
 */
export const shownStatus = (status: CreateStatus | undefined) =>
  status === 'idle' || status === 'error' ? undefined : status;

/** The run's display status as a status kind for `data-status`; `undefined` while none is shown. */
export const runStatusKind = (run: UseCreatePredictionResult) => {
  const status = shownStatus(run.status);
  return status === undefined ? undefined : statusKind(status);
};

const NO_ISSUES: FieldIssue[] = [];

const refText = (ref: string | ModelRef) => {
  if (typeof ref === 'string') return ref;
  try {
    return formatModelRef(ref);
  } catch {
    return String(ref);
  }
};

/** Loading, or why the model cannot be shown; `null` once it has loaded. */
export function ModelStatus({ model, modelRef }: { model: UseModelResult; modelRef: string | ModelRef }) {
  if (model.model) return null;
  if (!model.error) {
    return (
      <div data-slot="model-loading" role="status">
        <span data-slot="spinner" aria-hidden="true" />
        Loading model…
      </div>
    );
  }
  const notFound = model.error instanceof ApiError && model.error.status === 404;
  const invalid = model.error instanceof TypeError;
  return (
    <PredictionError
      error={model.error}
      title={
        notFound
          ? `Model ${refText(modelRef)} was not found`
          : invalid
            ? 'This is not a model reference'
            : `Model ${refText(modelRef)} could not be loaded`
      }
    />
  );
}

/**
 * The form of a loaded model wired to a create: Run submits (the server validates too, and its `422`
 * lands on the fields), Cancel shows while the prediction runs, and what was typed stays through any error.
 */
export function ModelRunForm({ model, run, onRun, onCreated, actions, ...rest }: ModelRunFormProps) {
  const latest = useRef({ onRun, onCreated });
  latest.current = { onRun, onCreated };
  // True from a submit until its create settles: the form sees no issues in between, so the same
  // `422` twice still counts as news to it (and takes the reader to the field again).
  const [attempting, setAttempting] = useState(false);
  const shell = useRef<HTMLDivElement>(null);
  const cancelFocused = useRef(false);

  const { prediction, error, isCanceling } = run;
  // Cancel shows while the prediction may still run; Run waits while a run is on (its create, then
  // its prediction followed through a lost connection or a failed cancel; a watch that failed for
  // good frees it).
  const showCancel = !!prediction && !run.isTerminal && run.status !== 'stopped';
  const busy = attempting || run.isActive;

  // Run is disabled while a prediction runs, and Cancel leaves when it ends: the keyboard focus
  // moves between the two instead of falling to the page with the button that had it.
  useLayoutEffect(() => {
    const active = document.activeElement;
    const lost = !active || active === document.body;
    const find = (selector: string) => shell.current?.querySelector<HTMLElement>(selector);
    if (showCancel) {
      if (lost || active?.matches('[data-slot=run-form] button[type=submit]'))
        find('[data-action=cancel]')?.focus();
    } else if (cancelFocused.current) {
      cancelFocused.current = false;
      if (lost) find('button[type=submit]')?.focus();
    }
  }, [showCancel]);

  if (!model.inputSchema) {
    return <p data-slot="form-empty">This model has no version to run.</p>;
  }

  const submit = async (input: FormValue) => {
    flushSync(() => setAttempting(true));
    latest.current.onRun?.();
    try {
      const created = await run.create(input);
      if (created) latest.current.onCreated?.(created);
    } finally {
      setAttempting(false);
    }
  };
  // Core's issues already name input fields relative to `input`: mapping them again as a raw `loc` would
  // move an issue off a field whose name happens to be `body` or `input`.
  const issues = !attempting && error instanceof ValidationError ? error.issues : NO_ISSUES;
  // While watching retries after a lost connection, the status badge says it is reconnecting (once it
  // has lasted a second): an alarm here would only repeat that, and the next answer clears it. A
  // cancel that failed is news, though.
  const requestError =
    error && (!run.isRetrying || error === run.cancelError) && !(error instanceof ValidationError)
      ? error
      : null;

  return (
    <div data-slot="run-form" ref={shell}>
      <SchemaForm
        {...rest}
        schema={model.inputSchema}
        onSubmit={submit}
        submitting={busy}
        issues={issues}
        actions={
          <>
            {actions}
            {showCancel && (
              <CancelButton
                action="cancel"
                canceling={isCanceling}
                onCancel={() => void run.cancel()}
                focused={cancelFocused}
              />
            )}
          </>
        }
      />
      {requestError && !attempting && (
        <PredictionError
          error={requestError}
          title={requestError === run.cancelError ? 'The prediction was not canceled' : undefined}
        />
      )}
    </div>
  );
}
