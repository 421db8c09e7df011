import { EvaluationSummary, type EvaluationSummaryRun } from '@predictkit/components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useSettings } from '../app/settings';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { ErrorState, LoadingState } from './states';

interface Evaluations {
  datasets: { id: string; title: string; rows: number }[];
  runs: (EvaluationSummaryRun & { finishedAt: string | null })[];
  weave: { url: string; project: string };
}

type Line =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; run: { id: string }; failed: number }
  | { type: 'error'; detail: string };

const KEY = ['playground', 'evaluations'] as const;

/** The answer's JSON, or an error that says what the playground's server answered. */
async function readJson(res: Response) {
  const body = (await res.json().catch(() => null)) as { detail?: unknown } | null;
  if (!res.ok) {
    throw new Error(
      typeof body?.detail === 'string'
        ? body.detail
        : `The playground’s server answered ${res.status}. Is it running? The start command starts it.`,
    );
  }
  return body;
}

/** Each line of a newline-delimited JSON answer, as it arrives. */
async function* lines(res: Response): AsyncGenerator<Line> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    rest += value ?? '';
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) yield JSON.parse(part) as Line;
    if (done) return;
  }
}

/**
 * Runs `predictkit/sentiment` over a bundled labelled dataset with an exact-match scorer, on the
 * playground's server (which holds the W&B key), shows its progress, and compares past runs.
 */
export function EvaluationsPage() {
  useDocumentTitle('Evaluations');
  const { service } = useSettings();
  const qc = useQueryClient();
  const ids = { title: useId(), dataset: useId(), progress: useId() };
  const evaluations = useQuery({
    queryKey: KEY,
    queryFn: async ({ signal }) =>
      (await readJson(await fetch('/app/evaluations', { signal }))) as Evaluations,
  });
  const [dataset, setDataset] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<{ error?: string; message?: string }>({});
  const abort = useRef<AbortController>(null);

  const data = evaluations.data;
  const chosen = dataset || data?.datasets[0]?.id || '';

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    abort.current = new AbortController();
    setRunning(true);
    setOutcome({});
    setProgress(undefined);
    try {
      const res = await fetch('/app/evaluations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ dataset: chosen, service }),
        signal: abort.current.signal,
      });
      if (!res.ok) await readJson(res);
      for await (const line of lines(res)) {
        if (line.type === 'progress') setProgress({ done: line.done, total: line.total });
        else if (line.type === 'error') throw new Error(line.detail);
        else {
          setOutcome({
            message: line.failed
              ? `Finished, with ${line.failed} row${line.failed === 1 ? '' : 's'} that could not be run.`
              : 'Finished: the run is recorded in Weave and shown below.',
          });
        }
      }
    } catch (error) {
      if (!abort.current.signal.aborted) setOutcome({ error: (error as Error).message });
    } finally {
      setRunning(false);
      await qc.invalidateQueries({ queryKey: KEY });
    }
  };

  return (
    <div className="page">
      <header className="page-header">
        <h1>Evaluations</h1>
        <p className="hint">
          Runs the <code>predictkit/sentiment</code> model over a labelled dataset and scores each answer with
          an exact-match scorer. The predictions, the scores and the run’s summary are recorded in Weave
          {data ? (
            <>
              {' '}
              (<code>{data.weave.project}</code> at <code>{data.weave.url}</code>)
            </>
          ) : null}{' '}
          by the playground’s server, which holds the key.
        </p>
      </header>
      {evaluations.isPending ? (
        <LoadingState label="Loading evaluations…" />
      ) : evaluations.error ? (
        <ErrorState error={evaluations.error} onRetry={() => evaluations.refetch()} />
      ) : (
        <>
          <form className="card evaluation-form" onSubmit={run} aria-labelledby={ids.title}>
            <h2 id={ids.title}>New run</h2>
            <label htmlFor={ids.dataset}>Dataset</label>
            <select
              id={ids.dataset}
              value={chosen}
              disabled={running}
              onChange={(event) => setDataset(event.target.value)}
            >
              {data?.datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title} ({d.rows} rows)
                </option>
              ))}
            </select>
            <div className="evaluation-actions">
              {/* Not `disabled`: a disabled button drops the keyboard focus that pressed it. */}
              <button type="submit" className="button button-primary" aria-disabled={running || undefined}>
                {running ? 'Running…' : 'Run evaluation'}
              </button>
              {running && (
                <button type="button" className="button" onClick={() => abort.current?.abort()}>
                  Stop
                </button>
              )}
            </div>
            {(running || progress) && (
              <div className="evaluation-progress">
                <label htmlFor={ids.progress}>Rows scored</label>
                <progress id={ids.progress} max={progress?.total ?? 1} value={progress?.done ?? 0} />
                <span aria-hidden="true">
                  {progress ? `${progress.done} of ${progress.total}` : 'Starting…'}
                </span>
              </div>
            )}
            <p role="status" className="saved">
              {outcome.message ?? ''}
            </p>
            {outcome.error && <ErrorState error={outcome.error} />}
          </form>
          <section className="card" aria-labelledby={`${ids.title}-past`}>
            <h2 id={`${ids.title}-past`}>Past runs</h2>
            {data?.runs.length ? (
              <EvaluationSummary
                runs={data.runs}
                caption="Each scorer’s result by run, against the baseline"
              />
            ) : (
              <p className="hint">No run yet: run one above.</p>
            )}
          </section>
        </>
      )}
    </div>
  );
}
