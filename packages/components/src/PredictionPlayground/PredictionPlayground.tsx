import {
  type ModelRef,
  type Prediction,
  type PredictionListItem,
  parseModelRef,
  predictionModelRef,
  versionOf,
} from '@predictkit/core';
import {
  useCancelPrediction,
  useCreatePrediction,
  useModel,
  usePrediction,
  usePredictionList,
  usePredictKitClient,
} from '@predictkit/react';
import {
  type HTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { CancelButton } from '../internal/CancelButton';
import { cx } from '../internal/cx';
import { isTerminal, statusKind } from '../internal/status';
import { Tabs } from '../internal/Tabs';
import { describeError } from '../PredictionError/describeError';
import { PredictionError } from '../PredictionError/PredictionError';
import {
  ModelRunForm,
  ModelStatus,
  pinnedRef,
  type RunFormProps,
  shownStatus,
} from '../PredictionInputForm/ModelRunForm';
import { PredictionList } from '../PredictionList/PredictionList';
import { PredictionLogs } from '../PredictionLogs/PredictionLogs';
import { PredictionOutput } from '../PredictionOutput/PredictionOutput';
import { PredictionStatusBadge } from '../PredictionStatusBadge/PredictionStatusBadge';
import { PredictionTimings } from '../PredictionTimings/PredictionTimings';

export interface PredictionPlaygroundProps
  extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'defaultValue' | 'onChange'>,
    Pick<RunFormProps, 'uploadFile' | 'maxFileSize' | 'widgets' | 'validate' | 'defaultValue' | 'onChange'> {
  /** `owner/name` (the latest version) or `owner/name:N`. Give the component a `key` of it, so another model starts afresh. */
  model: string | ModelRef;
  /** Rows of "Recent predictions" become what this returns, e.g. your router's link; without it a row opens in the panel. */
  renderPredictionLink?: ((prediction: PredictionListItem, children: ReactNode) => ReactNode) | undefined;
  /** Called with each prediction as it is created. */
  onCreated?: ((prediction: Prediction) => void) | undefined;
  /**
   * A prediction shown in the result at first, as a row picked from the list is (with Cancel while
   * it runs): the one an app keeps in its address, say, so that a reload mid-run shows it still.
   * The next run replaces it.
   */
  defaultPredictionId?: string | null | undefined;
  /** Show text outputs as Markdown. */
  markdown?: boolean | undefined;
  /**
   * The content of a Code tab beside the output, for the prediction shown (none yet: `null`), e.g.
   * `(p) => <PredictionCode prediction={p} />` from `@predictkit/components/code`; without it, no tabs.
   */
  renderCode?: ((prediction: Prediction | null) => ReactNode) | undefined;
  /**
   * Shown under the result while there is a prediction, e.g. `PredictionFeedback` once it has
   * succeeded (return `null` before).
   */
  renderResultFooter?: ((prediction: Prediction) => ReactNode) | undefined;
}

/** Enough rows of this model to fill the list; the endpoint cannot filter by model, so a few pages may be read. */
const WANTED_ROWS = 10;
const MAX_AUTO_PAGES = 4;

const sameModel = (ref: ModelRef | null) => (row: PredictionListItem) =>
  !!ref && row.model.owner === ref.owner && row.model.name === ref.name;

function parse(ref: string | ModelRef): ModelRef | null {
  try {
    return parseModelRef(ref);
  } catch {
    return null;
  }
}

/**
 * A model's page in one component: the generated input form on one side, the live prediction on the other
 * (status, output as it streams, logs with progress, timings, error; with `renderCode`, beside them in a tab,
 * the code that makes it), and the model's recent predictions below.
 */
export function PredictionPlayground({
  model: ref,
  renderPredictionLink,
  onCreated,
  defaultPredictionId,
  markdown,
  renderCode,
  renderResultFooter,
  uploadFile,
  maxFileSize,
  widgets,
  validate,
  defaultValue,
  onChange,
  className,
  onKeyDown,
  ...rest
}: PredictionPlaygroundProps) {
  const id = useId();
  const parsed = useMemo(() => parse(ref), [ref]);
  const model = useModel(ref);
  const run = useCreatePrediction(pinnedRef(model, ref), { validateInput: true });
  // A row picked from the list is shown instead of the latest run, until the next run.
  const [pickedId, setPickedId] = useState<string | null>(defaultPredictionId ?? null);
  const picked = usePrediction(pickedId);
  const cancelPicked = useCancelPrediction();
  const shown = pickedId ? picked : run;
  const prediction = shown.prediction;

  // Another version's output may need another viewer: its own schema, fetched only then.
  const otherVersion =
    prediction && model.version && versionOf(prediction.model) !== versionOf(model.version)
      ? predictionModelRef(prediction)
      : null;
  const other = useModel(otherVersion);
  const outputSchema = otherVersion ? other.outputSchema : model.outputSchema;

  const mine = useMemo(() => sameModel(parsed), [parsed]);
  // A service that takes no page size (Replicate's pages are 100) is not sent one: it would refuse it.
  const pageSize = usePredictKitClient().provider.lacks?.includes('pageSize') ? undefined : 50;
  // Only this model's rows are shown, so only they get a poller; the list holds every model's.
  const list = usePredictionList({ live: mine, pageSize, enabled: !!parsed });
  const rows = useMemo(() => list.predictions.filter(mine), [list.predictions, mine]);
  const pages = list.data?.pages.length ?? 0;
  const { hasNextPage, isFetching, isError, fetchNextPage } = list;
  useEffect(() => {
    // Not after a failure: the list offers Retry, and a loop of failing requests helps no one.
    if (rows.length < WANTED_ROWS && hasNextPage && !isFetching && !isError && pages < MAX_AUTO_PAGES) {
      void fetchNextPage();
    }
  }, [rows.length, hasNextPage, isFetching, isError, pages, fetchNextPage]);

  const status = shownStatus(shown.status);
  const done = isTerminal(prediction?.status);
  // Watching that stopped for good (the prediction is gone, a refusal) leaves the last status known:
  // its clock stops there rather than count time nobody can vouch for.
  const stopped = pickedId ? !!picked.error && !picked.isRetrying : !run.isActive;
  const kind = status ? statusKind(status) : undefined;
  // A shown prediction's Cancel leaves when it ends: the keyboard focus that had it goes to Run.
  const root = useRef<HTMLDivElement>(null);
  const cancelFocused = useRef(false);
  const canCancelPicked = !!pickedId && !!prediction && !done;
  useLayoutEffect(() => {
    if (canCancelPicked || !cancelFocused.current) return;
    cancelFocused.current = false;
    const active = document.activeElement;
    if (!active || active === document.body) {
      root.current?.querySelector<HTMLElement>('[data-slot=run-form] button[type=submit]')?.focus();
    }
  }, [canCancelPicked]);

  const keyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    onKeyDown?.(event);
    // Ctrl/Cmd+Enter runs from anywhere in the playground, not only from inside the form.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      const form = event.currentTarget.querySelector<HTMLFormElement>('[data-slot=schema-form]');
      if (form) {
        event.preventDefault();
        form.requestSubmit();
      }
    }
  };

  if (!model.model) {
    return (
      <div data-slot="prediction-playground" className={cx('pk', className)} {...rest}>
        <ModelStatus model={model} modelRef={ref} />
      </div>
    );
  }

  const title = `${model.model.owner.username}/${model.model.name}`;
  const preview = (
    <>
      <PredictionOutput
        prediction={prediction}
        status={status}
        schema={outputSchema}
        markdown={markdown}
        placeholder={status ? undefined : 'Fill in the input and press Run to see the output here.'}
      />
      {prediction && (
        <>
          <PredictionLogs prediction={prediction} />
          <PredictionTimings prediction={prediction} />
        </>
      )}
    </>
  );
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Ctrl/Cmd+Enter bubbles up here from the controls inside.
    <div
      ref={root}
      data-slot="prediction-playground"
      data-status={kind}
      className={cx('pk', className)}
      onKeyDown={keyDown}
      {...rest}
    >
      <div data-slot="playground-main">
        <section data-slot="playground-input" aria-labelledby={`${id}-input`}>
          <h2 id={`${id}-input`} data-slot="playground-title">
            Input
          </h2>
          <ModelRunForm
            model={model}
            run={run}
            onRun={() => setPickedId(null)}
            onCreated={onCreated}
            uploadFile={uploadFile}
            maxFileSize={maxFileSize}
            widgets={widgets}
            validate={validate}
            defaultValue={defaultValue}
            onChange={onChange}
          />
        </section>
        <section data-slot="playground-result" data-status={kind} aria-labelledby={`${id}-output`}>
          <header data-slot="playground-result-header">
            <h2 id={`${id}-output`} data-slot="playground-title">
              Output
            </h2>
            {status && (
              <PredictionStatusBadge
                status={status}
                since={prediction?.created_at}
                until={done || stopped ? prediction?.updated_at : undefined}
                paused={shown.isRetrying}
                announce
              />
            )}
            {canCancelPicked && (
              <CancelButton
                action="cancel-shown"
                canceling={picked.isCanceling}
                onCancel={() => cancelPicked.mutate(pickedId)}
                focused={cancelFocused}
              />
            )}
          </header>
          {pickedId && picked.error && <PredictionError error={picked.error} />}
          {/* A cancel's error only says it was canceled, which the badge says already, and not as an alarm. */}
          {prediction && kind !== 'canceled' && <PredictionError prediction={prediction} />}
          {renderCode ? (
            <Tabs
              label="Result"
              slot="playground-tabs"
              tabs={[
                { id: 'preview', label: 'Preview', content: preview },
                { id: 'code', label: 'Code', content: renderCode(prediction ?? null) },
              ]}
            />
          ) : (
            preview
          )}
          {prediction && renderResultFooter?.(prediction)}
        </section>
      </div>
      <section data-slot="playground-recent" aria-labelledby={`${id}-recent`}>
        <h2 id={`${id}-recent`} data-slot="playground-title">
          Recent predictions
        </h2>
        <PredictionList
          aria-label={`Recent predictions of ${title}`}
          predictions={rows}
          hasMore={hasNextPage}
          onLoadMore={() => void fetchNextPage()}
          isLoading={list.isPending || list.isFetchingNextPage}
          // Rows in hand whose refresh could not reach the service stay as they are, without an
          // alert of their own: the run's error, or the app's, tells of the outage. Any other
          // failure, or a first or next page that failed, is the list's to say.
          error={list.isRefetchError && describeError(list.error)?.unreached ? null : list.error}
          renderLink={renderPredictionLink}
          onSelect={renderPredictionLink ? undefined : (row) => setPickedId(row.id)}
          selectedId={prediction?.id}
          height={320}
          emptyText={`No predictions of ${title} yet.`}
        />
      </section>
    </div>
  );
}
